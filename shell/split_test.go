package shell

import (
	"os"
	"strings"
	"testing"
)

func TestSplit_Statements(t *testing.T) {
	text := "select 1; -- a comment; still comment\nselect ';' as x;\n/* block; */ select \"a;b\" from t;;\n  select 4"
	got := Split(text)
	want := []Statement{{"select 1", 1}, {"-- a comment; still comment\nselect ';' as x", 2}, {"/* block; */ select \"a;b\" from t", 3}, {"select 4", 4}}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("statement %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestComplete(t *testing.T) {
	cases := map[string]bool{
		"select 1;": true, "select 1": false, "select ';'": false, "select ';": false, "select 1; -- done": true,
		"select 1 /* ; */": false, "select 1; /* open": false, "select [a;b]": false, "select 1;\n  ": true, "": false,
	}
	for text, want := range cases {
		if got := Complete(text); got != want {
			t.Errorf("Complete(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestREADME_ListsEveryDotCommand(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range commands {
		if !strings.Contains(string(data), "`"+c.name) {
			t.Errorf("README.md does not document %s", c.name)
		}
	}
}
