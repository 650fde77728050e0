package output

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var (
	goldenColumns = []string{"username", "logins", "score", "note"}
	goldenRows    = [][]any{
		{"ada@acme.example.com", int64(3), 1.5, nil},
		{"zoë.o'brien@acme.example.com", int64(0), -0.25, "line one\nline two, \"quoted\""},
		{[]byte("bytes|pipe"), nil, float64(1e21), "tab\there"},
	}
)

func TestEncoders_Golden(t *testing.T) {
	for _, format := range Formats {
		for _, headers := range []bool{true, false} {
			name := format
			if !headers {
				name += "-noheaders"
			}
			t.Run(name, func(t *testing.T) {
				var b bytes.Buffer
				enc, err := New(format, &b, Options{Headers: headers, MaxWidth: 60})
				if err != nil {
					t.Fatal(err)
				}
				must(t, enc.Begin(goldenColumns))
				for _, r := range goldenRows {
					must(t, enc.Row(r))
				}
				must(t, enc.End())
				golden(t, filepath.Join("testdata", name+".golden"), b.Bytes())
			})
		}
	}
}

func TestEncoders_EmptyResult(t *testing.T) {
	var b bytes.Buffer
	enc, _ := New("json", &b, Options{})
	enc.Begin([]string{"a"})
	enc.End()
	if b.String() != "[]\n" {
		t.Fatalf("empty json: %q", b.String())
	}
}

func TestNew_UnknownFormat(t *testing.T) {
	if _, err := New("xml", nil, Options{}); err == nil || err.Error() != `unknown format "xml" (want one of table, csv, json, jsonl, markdown, line)` {
		t.Fatalf("error %v", err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./output -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
