package soql

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

type tokenKind int

const (
	tokEOF tokenKind = iota
	tokIdent
	tokString
	tokNumber
	tokDate
	tokDateTime
	tokOp
	tokLParen
	tokRParen
	tokComma
)

type token struct {
	kind tokenKind
	text string // raw text; for strings the decoded value
	pos  int
}

// SyntaxError is a MALFORMED_QUERY failure with the position it happened at.
type SyntaxError struct {
	Query string
	Pos   int
	Msg   string
}

func (e *SyntaxError) Error() string { return e.Msg }

var (
	dateTimeRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})`)
	dateRE     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)
	numberRE   = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)`)
)

func lex(q string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(q) {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(':
			toks = append(toks, token{tokLParen, "(", i})
			i++
		case c == ')':
			toks = append(toks, token{tokRParen, ")", i})
			i++
		case c == ',':
			toks = append(toks, token{tokComma, ",", i})
			i++
		case c == '\'':
			s, n, err := lexString(q, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{tokString, s, i})
			i += n
		case strings.ContainsRune("=!<>", rune(c)):
			op, n := lexOp(q[i:])
			if op == "" {
				return nil, &SyntaxError{q, i, fmt.Sprintf("unexpected token: '%c'", c)}
			}
			toks = append(toks, token{tokOp, op, i})
			i += n
		case c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.':
			t, n := lexNumberOrDate(q[i:])
			if n == 0 {
				return nil, &SyntaxError{q, i, fmt.Sprintf("unexpected token: '%c'", c)}
			}
			t.pos = i
			toks = append(toks, t)
			i += n
		case isIdentStart(rune(c)) || c >= 0x80:
			n := lexIdent(q[i:])
			toks = append(toks, token{tokIdent, q[i : i+n], i})
			i += n
		default:
			return nil, &SyntaxError{q, i, fmt.Sprintf("unexpected token: '%c'", c)}
		}
	}
	return append(toks, token{tokEOF, "", len(q)}), nil
}

func lexOp(s string) (string, int) {
	for _, op := range []string{"!=", "<>", "<=", ">=", "=", "<", ">"} {
		if strings.HasPrefix(s, op) {
			if op == "<>" {
				return "!=", 2
			}
			return op, len(op)
		}
	}
	return "", 0
}

func lexNumberOrDate(s string) (token, int) {
	if m := dateTimeRE.FindString(s); m != "" {
		return token{kind: tokDateTime, text: m}, len(m)
	}
	if m := dateRE.FindString(s); m != "" {
		return token{kind: tokDate, text: m}, len(m)
	}
	if m := numberRE.FindString(s); m != "" {
		return token{kind: tokNumber, text: m}, len(m)
	}
	return token{}, 0
}

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }

func lexIdent(s string) int {
	for i, r := range s {
		if !(isIdentStart(r) || unicode.IsDigit(r) || r == '.' || r == ':') {
			return i
		}
	}
	return len(s)
}

// lexString scans a quoted literal starting at q[start] == '\” and returns
// its body still escaped: whether \% is legal depends on the operator, so
// the parser decodes it (decodeString).
func lexString(q string, start int) (string, int, error) {
	i := start + 1
	for i < len(q) {
		switch q[i] {
		case '\'':
			return q[start+1 : i], i + 1 - start, nil
		case '\\':
			i += 2
		default:
			i++
		}
	}
	return "", 0, &SyntaxError{q, start, fmt.Sprintf("line 1:%d mismatched character '<EOF>' expecting '''", len(q))}
}

// decodeString resolves the escapes of a literal body. In a LIKE pattern
// (like=true) the escapes \%, \_ and \\ stay escaped so the matcher can tell
// a literal % from a wildcard.
func decodeString(q string, pos int, raw string, like bool) (string, error) {
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			b.WriteByte(raw[i])
			continue
		}
		if i+1 >= len(raw) {
			return "", &SyntaxError{q, pos, "Invalid string literal: unterminated escape"}
		}
		n, err := unescape(&b, raw[i:], like)
		if err != nil {
			return "", &SyntaxError{q, pos, err.Error()}
		}
		i += n - 1
	}
	return b.String(), nil
}

// unescape handles one backslash escape at the start of s.
func unescape(b *strings.Builder, s string, like bool) (int, error) {
	e := s[1]
	switch e {
	case 'n', 'N':
		b.WriteByte('\n')
	case 'r', 'R':
		b.WriteByte('\r')
	case 't', 'T':
		b.WriteByte('\t')
	case 'b', 'B':
		b.WriteByte('\b')
	case 'f', 'F':
		b.WriteByte('\f')
	case '"', '\'':
		b.WriteByte(e)
	case '\\':
		if like {
			b.WriteByte('\\')
		}
		b.WriteByte('\\')
	case '%', '_':
		if !like {
			return 0, illegalEscape(e)
		}
		b.WriteByte('\\')
		b.WriteByte(e)
	case 'u', 'U':
		var r rune
		if len(s) < 6 {
			return 0, errUnicodeEscape
		}
		if _, err := fmt.Sscanf(s[2:6], "%04x", &r); err != nil {
			return 0, errUnicodeEscape
		}
		b.WriteRune(r)
		return 6, nil
	default:
		return 0, illegalEscape(e)
	}
	return 2, nil
}

// Salesforce's own message texts, capitals and full stops included.
var errUnicodeEscape = errors.New("Invalid unicode escape in string literal") //lint:ignore ST1005 Salesforce's text

func illegalEscape(e byte) error {
	//lint:ignore ST1005 Salesforce's text
	return fmt.Errorf("Invalid string literal '\\%c'. Illegal character sequence '\\%c' in string literal.", e, e)
}
