package output

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// tableEncoder buffers rows and renders them with tablewriter: NULL shown
// as the null value, numbers right-aligned, long cells truncated.
type tableEncoder struct {
	w       io.Writer
	opt     Options
	columns []string
	rows    [][]string
	numeric []bool
	seen    []bool
}

func (e *tableEncoder) Begin(columns []string) error {
	e.columns = columns
	e.numeric = make([]bool, len(columns))
	e.seen = make([]bool, len(columns))
	for i := range e.numeric {
		e.numeric[i] = true
	}
	return nil
}

func (e *tableEncoder) Row(values []any) error {
	row := make([]string, len(values))
	for i, v := range values {
		s, ok := text(v)
		if !ok {
			s = e.opt.NullValue
		} else {
			e.seen[i] = true
			e.numeric[i] = e.numeric[i] && isNumber(v)
		}
		row[i] = s
	}
	e.rows = append(e.rows, row)
	return nil
}

func (e *tableEncoder) End() error {
	align := make([]tw.Align, len(e.columns))
	for i := range align {
		align[i] = tw.AlignLeft
		if e.numeric[i] && e.seen[i] {
			align[i] = tw.AlignRight
		}
	}
	limits := e.cellLimits()
	cfg := tablewriter.Config{
		Header: tw.CellConfig{Formatting: tw.CellFormatting{AutoFormat: tw.Off}, Alignment: tw.CellAlignment{Global: tw.AlignLeft}},
		Row:    tw.CellConfig{Formatting: tw.CellFormatting{AutoWrap: tw.WrapNone}, Alignment: tw.CellAlignment{PerColumn: align}},
	}
	t := tablewriter.NewTable(e.w, tablewriter.WithConfig(cfg))
	if e.opt.Headers {
		t.Header(toAny(e.columns)...)
	}
	for _, r := range e.rows {
		for i := range r {
			r[i] = truncate(r[i], limits[i])
		}
		if err := t.Append(toAny(r)...); err != nil {
			return err
		}
	}
	return t.Render()
}

// cellLimits fits the table to MaxWidth by narrowing the widest columns
// first, never below 8 characters; 0 means no limit.
func (e *tableEncoder) cellLimits() []int {
	widths := make([]int, len(e.columns))
	for i, c := range e.columns {
		e.columns[i] = flatten(c)
		widths[i] = runewidth.StringWidth(e.columns[i])
	}
	for _, r := range e.rows {
		for i := range r {
			r[i] = flatten(r[i])
			widths[i] = max(widths[i], runewidth.StringWidth(r[i]))
		}
	}
	if e.opt.MaxWidth <= 0 {
		return make([]int, len(widths))
	}
	budget := e.opt.MaxWidth - 3*len(widths) - 1 // borders and padding
	total := 0
	for _, w := range widths {
		total += w
	}
	for total > budget {
		widest := 0
		for i, w := range widths {
			if w > widths[widest] {
				widest = i
			}
		}
		if widths[widest] <= 8 {
			break
		}
		widths[widest]--
		total--
	}
	return widths
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// flatten shows control characters visibly so a cell stays on one line.
// A tab is a space here: it is harmless, and the columns stay aligned.
func flatten(s string) string { return strings.ReplaceAll(visible(s, '\t'), "\t", " ") }

func truncate(s string, width int) string {
	if width <= 0 || runewidth.StringWidth(s) <= width {
		return s
	}
	return runewidth.Truncate(s, width, "…")
}
