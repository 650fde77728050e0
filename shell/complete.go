package shell

import (
	"sort"
	"strings"
	"unicode"
)

var sqlKeywords = []string{"select", "from", "where", "and", "or", "not", "in", "is", "null", "like", "between",
	"group by", "order by", "having", "limit", "offset", "join", "left join", "on", "as", "distinct", "count",
	"case", "when", "then", "else", "end", "asc", "desc", "union", "with", "exists", "create", "table", "view", "insert", "into", "values"}

// Completer completes dot-commands and their arguments, table names,
// columns of the tables the statement names, and SQL keywords.
type Completer struct{ s *Shell }

// Completer returns the shell's tab completion.
func (s *Shell) Completer() *Completer { return &Completer{s} }

// Do implements readline.AutoCompleter: candidates are suffixes of the
// word before the cursor, whose length is returned.
func (c *Completer) Do(line []rune, pos int) ([][]rune, int) {
	text := string(line[:pos])
	start := strings.LastIndexFunc(text, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.') }) + 1
	word := text[start:]
	var words []string
	switch trimmed := strings.TrimLeft(text, " "); {
	case strings.HasPrefix(trimmed, ".") && !strings.Contains(trimmed, " "):
		for _, cmd := range commands {
			words = append(words, cmd.name)
		}
	case strings.HasPrefix(trimmed, "."):
		name, _, _ := strings.Cut(trimmed, " ")
		if cmd := findCommand(name); cmd != nil && cmd.words != nil && strings.Count(trimmed, " ") == 1 {
			words = cmd.words(c.s)
		}
		if name == ".explain" {
			words = c.sqlWords(string(line))
		}
	default:
		words = c.sqlWords(c.s.pendingInput + " " + string(line))
		if i := strings.LastIndex(word, "."); i >= 0 {
			word = word[i+1:] // u.is_ac: complete the column after the alias
		}
	}
	return suffixes(words, word), len([]rune(word))
}

// sqlWords offers tables, the columns of tables named anywhere in the
// line, and keywords.
func (c *Completer) sqlWords(text string) []string {
	names := c.s.tableNames()
	words := append([]string{}, names...)
	known := map[string]bool{}
	for _, n := range names {
		known[n] = true
	}
	for _, tok := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') }) {
		if !known[tok] {
			continue
		}
		if cols, err := c.s.engine().Columns(tok); err == nil {
			for _, col := range cols {
				words = append(words, col.Name)
			}
		}
		known[tok] = false // once
	}
	return append(words, sqlKeywords...)
}

func suffixes(words []string, prefix string) [][]rune {
	lower := strings.ToLower(prefix)
	seen := map[string]bool{}
	var out []string
	for _, w := range words {
		// An exact match is a candidate too (the space after it), so a
		// table named in full is not extended by the others' common "_".
		if strings.HasPrefix(strings.ToLower(w), lower) && len(w) >= len(prefix) && prefix != "" && !seen[w] {
			seen[w] = true
			out = append(out, w[len(prefix):]+" ")
		}
	}
	sort.Strings(out)
	res := make([][]rune, len(out))
	for i, w := range out {
		res[i] = []rune(w)
	}
	return res
}
