// Package output writes query results in sfsql's formats: table (via
// tablewriter), csv, json, jsonl, markdown and line.
package output

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Formats lists the format names.
var Formats = []string{"table", "csv", "json", "jsonl", "markdown", "line"}

// Options tune an encoder.
type Options struct {
	Headers   bool   // print a header row (table, csv, markdown)
	NullValue string // how NULL prints in text formats (table, markdown, line; default "NULL")
	MaxWidth  int    // table: truncate cells so a row fits this width (0: no limit)
	Footer    bool   // table: "(N rows)" after the rows
	// ColumnWidths caps the table's columns in order (0: no cap).
	ColumnWidths []int
	// Expanded is the table's shape: "on" one block per record, "auto"
	// that when the columns cannot fit MaxWidth, else a grid.
	Expanded string
	// SampleRows is how many rows the table holds to lay out its columns
	// before the rest stream (default DefaultSampleRows).
	SampleRows int
}

// Encoder writes one result set.
type Encoder interface {
	Begin(columns []string) error
	Row(values []any) error
	End() error
}

// New returns the encoder for a format name.
func New(format string, w io.Writer, opt Options) (Encoder, error) {
	if opt.NullValue == "" {
		opt.NullValue = "NULL"
	}
	switch format {
	case "table":
		return &tableEncoder{w: w, opt: opt}, nil
	case "csv":
		return newCSV(w, opt), nil
	case "json":
		return &jsonEncoder{w: w}, nil
	case "jsonl":
		return &jsonEncoder{w: w, lines: true}, nil
	case "markdown":
		return &markdownEncoder{w: w, opt: opt}, nil
	case "line":
		return &lineEncoder{w: w, opt: opt}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// text renders a value for the text formats; NULL is reported separately.
func text(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case []byte:
		return string(x), true
	case string:
		return x, true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), true
	case bool:
		if x {
			return "1", true
		}
		return "0", true
	}
	return fmt.Sprint(v), true
}

func isNumber(v any) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return false
}
