package output

import (
	"io"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"
)

// expandedWriter prints one block per record, a column per line, as psql's
// \x does:
//
//	-[ RECORD 1 ]---------------------
//	username  | ada@acme.example.com
//	is_active | 1
//
// Values are cut to fit maxWidth (0: no limit). Cells arrive flattened.
type expandedWriter struct {
	w        io.Writer
	columns  []string
	nameW    int
	maxWidth int
	n        int
}

func newExpandedWriter(w io.Writer, columns []string, maxWidth int) *expandedWriter {
	e := &expandedWriter{w: w, columns: columns, maxWidth: maxWidth}
	for _, c := range columns {
		e.nameW = max(e.nameW, runewidth.StringWidth(c))
	}
	if maxWidth > 0 {
		e.nameW = min(e.nameW, max(maxWidth/3, minColumn))
	}
	return e
}

func (e *expandedWriter) record(row []string) error {
	e.n++
	valueW := 0
	if e.maxWidth > 0 {
		valueW = max(e.maxWidth-e.nameW-3, minColumn)
	}
	lines := make([]string, len(row))
	widest := 0
	for i, v := range row {
		name := runewidth.FillRight(truncate(e.columns[i], e.nameW), e.nameW)
		lines[i] = strings.TrimRight(name+" | "+truncate(v, valueW), " ")
		widest = max(widest, runewidth.StringWidth(lines[i]))
	}
	title := "-[ RECORD " + strconv.Itoa(e.n) + " ]"
	if e.maxWidth > 0 {
		widest = min(widest, e.maxWidth)
	}
	var b strings.Builder
	b.WriteString(title + strings.Repeat("-", max(widest-len(title), 0)) + "\n")
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	_, err := io.WriteString(e.w, b.String())
	return err
}
