package output

import (
	"bytes"
	"strings"
	"testing"
)

// TestHumanFormats_ShowControlsVisibly: an escape sequence, a bell, a NUL,
// a C1 control, a bidi override and CR/LF in data print as \x1b … in the
// table, markdown and line formats, and exactly in csv and json.
func TestHumanFormats_ShowControlsVisibly(t *testing.T) {
	evil := "Chief\x1b[2J\x07\x00\u0085\u202eevil\r\nfake = row"
	for _, format := range []string{"table", "markdown", "line"} {
		var b bytes.Buffer
		enc, err := New(format, &b, Options{Headers: true})
		if err != nil {
			t.Fatal(err)
		}
		enc.Begin([]string{"title\x1b"})
		enc.Row([]any{evil})
		enc.End()
		out := b.String()
		for _, raw := range []string{"\x1b", "\x07", "\x00", "\u0085", "\u202e", "\r"} {
			if strings.Contains(out, raw) {
				t.Errorf("%s prints %q raw:\n%q", format, raw, out)
			}
		}
		if !strings.Contains(out, `\x1b[2J\x07\x00\u0085\u202eevil`) {
			t.Errorf("%s does not show the controls:\n%s", format, out)
		}
		if format == "line" && strings.Count(out, "\n") != 1 {
			t.Errorf("line format: CR/LF in data made more lines:\n%q", out)
		}
	}
	for _, format := range []string{"csv", "json"} {
		var b bytes.Buffer
		enc, _ := New(format, &b, Options{Headers: true})
		enc.Begin([]string{"title"})
		enc.Row([]any{"a\x1bb"})
		enc.End()
		if format == "csv" && !strings.Contains(b.String(), "a\x1bb") || format == "json" && !strings.Contains(b.String(), `a\u001bb`) {
			t.Errorf("%s must stay exact: %q", format, b.String())
		}
	}
}
