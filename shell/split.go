package shell

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
		offset := start + strings.Index(chunk, s) + len(leadingComments(s))
		out = append(out, Statement{SQL: s, Line: 1 + strings.Count(text[:offset], "\n")})
	}
	for i := 0; i < len(text); {
		if next, _ := opaque(text, i); next > i {
			i = next
			continue
		}
		if text[i] == ';' {
			emit(i)
			start = i + 1
		}
		i++
	}
	if start < len(text) {
		emit(len(text))
	}
	return out
}

// leadingComments is the run of comments and space a statement starts
// with; the statement's line is the one after it.
func leadingComments(s string) string {
	i := 0
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r':
			i++
		case strings.HasPrefix(s[i:], "--"):
			end := strings.IndexByte(s[i:], '\n')
			if end < 0 {
				return s
			}
			i += end + 1
		case strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return s
			}
			i += end + 4
		default:
			return s[:i]
		}
	}
	return s
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

// opaque skips what a statement's structure must not look into: when
// text[i] opens a string, a quoted identifier or a comment, next is the
// index just past it (and closed says whether it ended before the text
// did); otherwise next is i.
func opaque(text string, i int) (next int, closed bool) {
	switch c := text[i]; {
	case c == '\'' || c == '"' || c == '`' || c == '[':
		closer := c
		if c == '[' {
			closer = ']'
		}
		end := strings.IndexByte(text[i+1:], closer)
		if end < 0 {
			return len(text), false
		}
		return i + end + 2, true
	case strings.HasPrefix(text[i:], "--"):
		end := strings.IndexByte(text[i:], '\n')
		if end < 0 {
			return len(text), true
		}
		return i + end + 1, true
	case strings.HasPrefix(text[i:], "/*"):
		end := strings.Index(text[i+2:], "*/")
		if end < 0 {
			return len(text), false
		}
		return i + end + 4, true
	}
	return i, true
}

// Complete reports whether text ends a statement: its last significant
// character is a semicolon outside quotes and comments.
func Complete(text string) bool {
	last := byte(0)
	for i := 0; i < len(text); {
		next, closed := opaque(text, i)
		switch {
		case !closed:
			return false
		case next > i:
			if c := text[i]; c != '-' && c != '/' {
				last = c // a string or identifier ends the statement's text
			}
			i = next
			continue
		case text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r':
			last = text[i]
		}
		i++
	}
	return last == ';'
}
