package output

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

type csvEncoder struct {
	w   *csv.Writer
	opt Options
}

func newCSV(w io.Writer, opt Options) *csvEncoder { return &csvEncoder{w: csv.NewWriter(w), opt: opt} }

func (e *csvEncoder) Begin(columns []string) error {
	if e.opt.Headers {
		return e.w.Write(columns)
	}
	return nil
}

// Row writes NULL as an empty field, as sqlite3 does.
func (e *csvEncoder) Row(values []any) error {
	rec := make([]string, len(values))
	for i, v := range values {
		rec[i], _ = text(v)
	}
	return e.w.Write(rec)
}

func (e *csvEncoder) End() error { e.w.Flush(); return e.w.Error() }

// jsonEncoder writes one array of objects keyed by column name, or one
// object per line (jsonl). Keys keep the column order.
type jsonEncoder struct {
	w       io.Writer
	lines   bool
	columns []string
	n       int
}

func (e *jsonEncoder) Begin(columns []string) error {
	e.columns = columns
	if !e.lines {
		_, err := io.WriteString(e.w, "[")
		return err
	}
	return nil
}

func (e *jsonEncoder) Row(values []any) error {
	var b strings.Builder
	if !e.lines && e.n > 0 {
		b.WriteString(",")
	}
	if !e.lines {
		b.WriteString("\n")
	}
	b.WriteString("{")
	for i, v := range values {
		if i > 0 {
			b.WriteString(",")
		}
		key, _ := json.Marshal(e.columns[i])
		b.Write(key)
		b.WriteString(":")
		if bs, ok := v.([]byte); ok {
			v = string(bs)
		}
		val, err := json.Marshal(v)
		if err != nil {
			return err
		}
		b.Write(val)
	}
	b.WriteString("}")
	if e.lines {
		b.WriteString("\n")
	}
	e.n++
	_, err := io.WriteString(e.w, b.String())
	return err
}

func (e *jsonEncoder) End() error {
	if e.lines {
		return nil
	}
	end := "]\n"
	if e.n > 0 {
		end = "\n]\n"
	}
	_, err := io.WriteString(e.w, end)
	return err
}

type markdownEncoder struct {
	w   io.Writer
	opt Options
}

func (e *markdownEncoder) Begin(columns []string) error {
	if !e.opt.Headers {
		return nil
	}
	seps := make([]string, len(columns))
	for i := range seps {
		seps[i] = "---"
	}
	_, err := fmt.Fprintf(e.w, "| %s |\n| %s |\n", strings.Join(escapeCells(columns), " | "), strings.Join(seps, " | "))
	return err
}

func (e *markdownEncoder) Row(values []any) error {
	cells := make([]string, len(values))
	for i, v := range values {
		s, ok := text(v)
		if !ok {
			s = e.opt.NullValue
		}
		cells[i] = s
	}
	_, err := fmt.Fprintf(e.w, "| %s |\n", strings.Join(escapeCells(cells), " | "))
	return err
}

func (e *markdownEncoder) End() error { return nil }

func escapeCells(cells []string) []string {
	r := strings.NewReplacer("|", `\|`, "\n", "<br>", "\r", "")
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = r.Replace(visible(c, '\n', '\r'))
	}
	return out
}

// lineEncoder prints one "column = value" line per column, a blank line
// between rows, like sqlite3's .mode line.
type lineEncoder struct {
	w       io.Writer
	opt     Options
	columns []string
	width   int
	n       int
}

func (e *lineEncoder) Begin(columns []string) error {
	e.columns = columns
	for _, c := range columns {
		e.width = max(e.width, len(c))
	}
	return nil
}

func (e *lineEncoder) Row(values []any) error {
	var b strings.Builder
	if e.n > 0 {
		b.WriteString("\n")
	}
	for i, v := range values {
		s, ok := text(v)
		if !ok {
			s = e.opt.NullValue
		}
		fmt.Fprintf(&b, "%*s = %s\n", e.width, visible(e.columns[i]), visible(s))
	}
	e.n++
	_, err := io.WriteString(e.w, b.String())
	return err
}

func (e *lineEncoder) End() error { return nil }
