package output

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

func render(t *testing.T, opt Options, columns []string, rows [][]any) string {
	t.Helper()
	var b bytes.Buffer
	enc, err := New("table", &b, opt)
	if err != nil {
		t.Fatal(err)
	}
	must(t, enc.Begin(columns))
	for _, r := range rows {
		must(t, enc.Row(r))
	}
	must(t, enc.End())
	return b.String()
}

func userRows(n int) [][]any {
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{fmt.Sprintf("user%05d@acme.example.com", i), int64(i % 7), nil}
	}
	return rows
}

// A long result streams after the sample in the sample's layout: the same
// table as one laid out from every row, printed before the last row came.
func TestTable_StreamsPastTheSampleInTheSameLayout(t *testing.T) {
	cols := []string{"username", "logins", "title"}
	rows := userRows(25)
	whole := render(t, Options{Headers: true, NullValue: "NULL"}, cols, rows)
	streamed := render(t, Options{Headers: true, NullValue: "NULL", SampleRows: 10}, cols, rows)
	if streamed != whole {
		t.Fatalf("streamed:\n%s\nwhole:\n%s", streamed, whole)
	}
	var b bytes.Buffer
	enc, _ := New("table", &b, Options{Headers: true, NullValue: "NULL", SampleRows: 10})
	enc.Begin(cols)
	for _, r := range rows[:10] {
		enc.Row(r)
	}
	if got := strings.Count(b.String(), "\n"); got != 13 { // top, header, rule, 10 rows
		t.Fatalf("%d lines printed once the sample was full, want 13:\n%s", got, b.String())
	}
	enc.Row([]any{"a.much.longer.username.than.any.before@acme.example.com", int64(1), "x"})
	enc.End()
	if !strings.Contains(b.String(), "│ a.much.longer.username.th… │") {
		t.Fatalf("a cell wider than the sample's column is cut:\n%s", b.String())
	}
}

// 200,000 rows stream in bounded memory: the encoder keeps the sample only.
func TestTable_MemoryStaysBounded(t *testing.T) {
	enc, _ := New("table", io.Discard, Options{Headers: true, NullValue: "NULL", MaxWidth: 100})
	enc.Begin([]string{"id", "username", "title"})
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()
	for i := range 200_000 {
		enc.Row([]any{fmt.Sprintf("005%015d", i), fmt.Sprintf("user%06d@acme.example.com", i), "Sales Representative, EMEA North"})
	}
	grown := int64(heap()) - int64(before)
	enc.End()
	if grown > 8<<20 {
		t.Fatalf("the heap grew by %d MB over 200k rows", grown>>20)
	}
}

func TestTable_Footer(t *testing.T) {
	cols := []string{"n"}
	for _, c := range []struct {
		rows int
		want string
	}{{0, "(0 rows)\n"}, {1, "(1 row)\n"}, {3, "(3 rows)\n"}} {
		rows := make([][]any, c.rows)
		for i := range rows {
			rows[i] = []any{int64(i)}
		}
		if got := render(t, Options{Headers: true, Footer: true}, cols, rows); !strings.HasSuffix(got, "└───┘\n"+c.want) && !(c.rows == 0 && strings.HasSuffix(got, c.want)) {
			t.Errorf("%d rows: %q", c.rows, got)
		}
	}
	if got := render(t, Options{Headers: true, Footer: true, SampleRows: 2}, cols, [][]any{{int64(1)}, {int64(2)}, {int64(3)}}); !strings.HasSuffix(got, "(3 rows)\n") {
		t.Errorf("streamed: %q", got)
	}
}

func TestTable_Expanded(t *testing.T) {
	cols := []string{"username", "is_active", "title"}
	rows := [][]any{{"ada@acme.example.com", int64(1), nil}, {"bo\x1b[31m", int64(0), "CEO"}}
	want := "-[ RECORD 1 ]-------------------\n" + // as wide as the record's widest line
		"username  | ada@acme.example.com\n" +
		"is_active | 1\n" +
		"title     | NULL\n" +
		"-[ RECORD 2 ]---------\n" +
		"username  | bo\\x1b[31m\n" +
		"is_active | 0\n" +
		"title     | CEO\n" +
		"(2 rows)\n"
	if got := render(t, Options{NullValue: "NULL", Expanded: "on", Footer: true}, cols, rows); got != want {
		t.Fatalf("expanded:\n%s\nwant:\n%s", got, want)
	}
	cut := render(t, Options{NullValue: "NULL", Expanded: "on", MaxWidth: 24}, cols, rows)
	if !strings.Contains(cut, "username | ada@acme.exa…\n") || !strings.Contains(cut, "is_acti… | 1\n") {
		t.Fatalf("a value cut to the width:\n%s", cut)
	}
}

// auto: a grid while it fits, expanded when the columns cannot (a wide
// select * on an 80-column terminal).
func TestTable_ExpandedAuto(t *testing.T) {
	narrow := render(t, Options{Headers: true, Expanded: "auto", MaxWidth: 80}, []string{"a", "b"}, [][]any{{"x", "y"}})
	if !strings.HasPrefix(narrow, "┌") {
		t.Fatalf("narrow result: %s", narrow)
	}
	wide := make([]string, 30)
	row := make([]any, 30)
	for i := range wide {
		wide[i], row[i] = fmt.Sprintf("column_%02d", i), "value"
	}
	got := render(t, Options{Headers: true, Expanded: "auto", MaxWidth: 80}, wide, [][]any{row})
	if !strings.HasPrefix(got, "-[ RECORD 1 ]") || strings.Count(got, "\n") != 31 {
		t.Fatalf("wide result:\n%s", got)
	}
	for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
		if len([]rune(line)) > 80 {
			t.Fatalf("line wider than the terminal: %q", line)
		}
	}
	if off := render(t, Options{Headers: true, MaxWidth: 80}, wide, [][]any{row}); strings.HasPrefix(off, "-[") {
		t.Fatal("expanded without being asked")
	}
}

// BenchmarkTable_100kRows prints the heap a 100,000-row table holds at its
// end (held-MB) and the time per row: the table streams past its sample.
func BenchmarkTable_100kRows(b *testing.B) {
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	for b.Loop() {
		enc, _ := New("table", io.Discard, Options{Headers: true, NullValue: "NULL", MaxWidth: 120})
		enc.Begin([]string{"id", "username", "profile_name", "title", "is_active"})
		before := heap()
		for i := range 100_000 {
			enc.Row([]any{fmt.Sprintf("005%015d", i), fmt.Sprintf("user%06d@acme.example.com", i), "System Administrator", "Sales Representative", int64(i % 2)})
		}
		b.ReportMetric(float64(int64(heap())-int64(before))/(1<<20), "held-MB")
		enc.End()
	}
}
