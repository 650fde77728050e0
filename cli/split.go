package cli

import "strings"

// Statement is one SQL statement and the line it starts on.
type Statement struct {
	SQL  string
	Line int
}

// Split cuts SQL text into statements at semicolons outside quotes,
// bracketed or backquoted identifiers, and comments.
func Split(text string) []Statement {
	var out []Statement
	start := 0
	emit := func(end int) {
		chunk := text[start:end]
		s := strings.TrimSpace(chunk)
		if s == "" || onlyComments(s) {
			return
		}
		offset := start + strings.Index(chunk, s)
		out = append(out, Statement{SQL: s, Line: 1 + strings.Count(text[:offset], "\n")})
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\'' || c == '"' || c == '`' || c == '[':
			closer := c
			if c == '[' {
				closer = ']'
			}
			for i++; i < len(text) && text[i] != closer; i++ {
			}
		case c == '-' && strings.HasPrefix(text[i:], "--"):
			for i < len(text) && text[i] != '\n' {
				i++
			}
		case c == '/' && strings.HasPrefix(text[i:], "/*"):
			end := strings.Index(text[i+2:], "*/")
			if end < 0 {
				i = len(text)
			} else {
				i += end + 3
			}
		case c == ';':
			emit(i)
			start = i + 1
		}
	}
	if start < len(text) {
		emit(len(text))
	}
	return out
}

func onlyComments(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "--") {
			return false
		}
	}
	return true
}
