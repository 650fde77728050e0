package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// DefaultSampleRows is how many rows the table format holds to lay out its
// columns; later rows stream in that layout.
const DefaultSampleRows = 1000

// tableEncoder renders rows with tablewriter: NULL shown as the null
// value, numbers right-aligned, long cells truncated to fit MaxWidth. It
// holds at most SampleRows rows: a longer result streams, in the widths of
// its first rows (a longer cell after them ends in "…"), so memory stays
// bounded whatever the row count. Too wide for MaxWidth (or Expanded on),
// it prints one record per block instead.
type tableEncoder struct {
	w       io.Writer
	opt     Options
	columns []string
	sample  [][]string
	numeric []bool
	seen    []bool
	n       int
	// After the sample, one of these takes the rows.
	stream   *tablewriter.Table
	limits   []int
	expanded *expandedWriter
}

func (e *tableEncoder) Begin(columns []string) error {
	e.columns = make([]string, len(columns))
	for i, c := range columns {
		e.columns[i] = flatten(c)
	}
	e.numeric = make([]bool, len(columns))
	e.seen = make([]bool, len(columns))
	for i := range e.numeric {
		e.numeric[i] = true
	}
	if e.opt.SampleRows <= 0 {
		e.opt.SampleRows = DefaultSampleRows
	}
	return nil
}

func (e *tableEncoder) Row(values []any) error {
	row := make([]string, len(values))
	for i, v := range values {
		s, ok := text(v)
		if !ok {
			s = e.opt.NullValue
		} else if e.stream == nil {
			e.seen[i] = true
			e.numeric[i] = e.numeric[i] && isNumber(v)
		}
		row[i] = flatten(s)
	}
	e.n++
	switch {
	case e.expanded != nil:
		return e.expanded.record(row)
	case e.stream != nil:
		return e.stream.Append(toAny(truncateAll(row, e.limits))...)
	}
	e.sample = append(e.sample, row)
	if len(e.sample) < e.opt.SampleRows {
		return nil
	}
	return e.layout(true)
}

func (e *tableEncoder) End() error {
	var err error
	switch {
	case e.expanded != nil:
	case e.stream != nil:
		err = e.stream.Close()
	default:
		err = e.layout(false)
	}
	if err == nil && e.opt.Footer {
		err = e.footer()
	}
	return err
}

func (e *tableEncoder) footer() error {
	word := "rows"
	if e.n == 1 {
		word = "row"
	}
	_, err := fmt.Fprintf(e.w, "(%d %s)\n", e.n, word)
	return err
}

// layout chooses the shape from the rows held: expanded, a table that
// streams the rows still to come, or the whole table at once.
func (e *tableEncoder) layout(more bool) error {
	widths := e.capped(e.naturalWidths())
	if e.wantExpanded(widths) {
		e.expanded = newExpandedWriter(e.w, e.columns, e.opt.MaxWidth)
		for _, r := range e.sample {
			if err := e.expanded.record(r); err != nil {
				return err
			}
		}
		e.sample = nil
		return nil
	}
	e.limits = e.fit(widths) // later rows keep the sample's widths
	if !more {
		return e.renderAll()
	}
	return e.startStream()
}

func (e *tableEncoder) config() tablewriter.Config {
	align := make([]tw.Align, len(e.columns))
	for i := range align {
		align[i] = tw.AlignLeft
		if e.numeric[i] && e.seen[i] {
			align[i] = tw.AlignRight
		}
	}
	return tablewriter.Config{
		Header: tw.CellConfig{Formatting: tw.CellFormatting{AutoFormat: tw.Off}, Alignment: tw.CellAlignment{Global: tw.AlignLeft}},
		Row:    tw.CellConfig{Formatting: tw.CellFormatting{AutoWrap: tw.WrapNone}, Alignment: tw.CellAlignment{PerColumn: align}},
	}
}

func (e *tableEncoder) renderAll() error {
	t := tablewriter.NewTable(e.w, tablewriter.WithConfig(e.config()))
	if e.opt.Headers {
		t.Header(toAny(truncateAll(e.columns, e.limits))...)
	}
	for _, r := range e.sample {
		if err := t.Append(toAny(truncateAll(r, e.limits))...); err != nil {
			return err
		}
	}
	e.sample = nil
	return t.Render()
}

// startStream prints the header and the sample, in fixed widths, and
// leaves the table open for the rows to come.
func (e *tableEncoder) startStream() error {
	cfg := e.config()
	cfg.Widths.PerColumn = tw.NewMapper[int, int]()
	for i, w := range e.limits {
		w = max(w, runewidth.StringWidth(truncate(e.columns[i], w)))
		cfg.Widths.PerColumn.Set(i, max(w, 1)+2) // tablewriter counts the padding
	}
	e.stream = tablewriter.NewTable(e.w, tablewriter.WithConfig(cfg), tablewriter.WithStreaming(tw.StreamConfig{Enable: true}))
	if err := e.stream.Start(); err != nil {
		return err
	}
	if e.opt.Headers {
		e.stream.Header(toAny(truncateAll(e.columns, e.limits))...)
	}
	for _, r := range e.sample {
		if err := e.stream.Append(toAny(truncateAll(r, e.limits))...); err != nil {
			return err
		}
	}
	e.sample = nil
	return nil
}

func (e *tableEncoder) naturalWidths() []int {
	widths := make([]int, len(e.columns))
	for i, c := range e.columns {
		if e.opt.Headers {
			widths[i] = runewidth.StringWidth(c)
		}
	}
	for _, r := range e.sample {
		for i := range r {
			widths[i] = max(widths[i], runewidth.StringWidth(r[i]))
		}
	}
	return widths
}

// minColumn is the narrowest a column is cut to when fitting the width.
const minColumn = 8

// wantExpanded: on, or auto when even columns cut to minColumn overflow
// MaxWidth.
func (e *tableEncoder) wantExpanded(widths []int) bool {
	switch e.opt.Expanded {
	case "on":
		return true
	case "auto":
		if e.opt.MaxWidth <= 0 {
			return false
		}
		total := 3*len(widths) + 1
		for _, w := range widths {
			total += min(w, minColumn)
		}
		return total > e.opt.MaxWidth
	}
	return false
}

// capped applies the widths .width asked for.
func (e *tableEncoder) capped(natural []int) []int {
	widths := append([]int(nil), natural...)
	for i, w := range e.opt.ColumnWidths {
		if i < len(widths) && w > 0 {
			widths[i] = min(widths[i], w)
		}
	}
	return widths
}

// fit narrows the widest columns first, never below minColumn, until a row
// fits MaxWidth (0: any width).
func (e *tableEncoder) fit(natural []int) []int {
	widths := append([]int(nil), natural...)
	if e.opt.MaxWidth <= 0 {
		return widths
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
		if widths[widest] <= minColumn {
			break
		}
		widths[widest]--
		total--
	}
	return widths
}

func truncateAll(row []string, limits []int) []string {
	out := make([]string, len(row))
	for i, s := range row {
		out[i] = s
		if i < len(limits) {
			out[i] = truncate(s, limits[i])
		}
	}
	return out
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
