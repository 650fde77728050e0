package soql

import (
	"strconv"
	"strings"
	"time"
)

// String renders s as a SOQL string literal. It is the one place where SOQL
// string escaping happens: quote, backslash and control characters.
func String(s string) string {
	return "'" + escape(s) + "'"
}

// LikePattern renders an SQLite LIKE pattern (no ESCAPE clause: % and _ are
// wildcards, every other character, backslash included, is literal) as a
// SOQL LIKE literal. The wildcards mean the same in SOQL, so only the
// string escapes are needed.
func LikePattern(pattern string) string {
	return String(pattern)
}

func escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\'':
			b.WriteString(`\'`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Bool renders a SOQL boolean literal.
func Bool(v bool) string {
	if v {
		return "true"
	}
	return "false"
}

// Int renders an integer literal.
func Int(v int64) string { return strconv.FormatInt(v, 10) }

// Float renders a number literal without exponent notation.
func Float(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// DateTime renders an unquoted SOQL dateTime literal in UTC.
func DateTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// Date renders an unquoted SOQL date literal.
func Date(t time.Time) string { return t.Format("2006-01-02") }
