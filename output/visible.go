package output

import (
	"fmt"
	"strings"
)

// visible renders what a terminal would act on instead of show: C0 and C1
// controls, DEL, and the Unicode bidi and line controls. Salesforce data
// is anyone's text (a user's own Title can hold an escape sequence), so
// the human formats print \x1b, \n or \u202e where the byte was; machine
// formats (csv, json) stay exact. keep lists characters left alone.
func visible(s string, keep ...rune) string {
	if !needsEscape(s, keep) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case contains(keep, r):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r < 0xa0 || bidi(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsEscape(s string, keep []rune) bool {
	for _, r := range s {
		if (r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || bidi(r)) && !contains(keep, r) {
			return true
		}
	}
	return false
}

// bidi are the characters that reorder or break text on display:
// embeddings, overrides, isolates, marks, and the line and paragraph
// separators.
func bidi(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c || r == 0x2028 || r == 0x2029
}

func contains(list []rune, r rune) bool {
	for _, x := range list {
		if x == r {
			return true
		}
	}
	return false
}
