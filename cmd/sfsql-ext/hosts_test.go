package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// soPath is the extension, built once for all tests.
var soPath string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "sfsql-ext-")
	if err != nil {
		panic(err)
	}
	soPath = filepath.Join(dir, "sfsql.so")
	exports, _ := filepath.Abs("exports.map")
	build := exec.Command("go", "build", "-buildmode=c-shared", "-trimpath",
		"-ldflags=-s -w -extldflags=-Wl,--version-script="+exports, "-o", soPath, ".")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build sfsql.so: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is one statement's answer from a host: rows, or an error.
type result struct {
	rows []any
	err  string
}

// host runs statements in one SQLite host process with the extension.
type host struct {
	name string
	run  func(t *testing.T, env []string, statements ...string) []result
}

func hosts(t *testing.T) []host {
	return []host{
		{"sqlite3", runSQLite3},
		{"python3", runScript(pythonPath(t), "../../examples/extension/query.py")},
		{"node", runScript(nodePath(t), "../../examples/extension/query.js")},
	}
}

func pythonPath(t *testing.T) string {
	// The pyenv python3 first on PATH cannot load extensions; Debian's can.
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Fatal("/usr/bin/python3 is needed (apt-get install python3)")
	}
	return "/usr/bin/python3"
}

func nodePath(t *testing.T) string {
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is needed (apt-get install nodejs npm)")
	}
	if nodeModules(); npmErr != nil {
		t.Fatal(npmErr)
	}
	return "node"
}

// runSQLite3 runs each statement with the Debian sqlite3 CLI in JSON mode.
func runSQLite3(t *testing.T, env []string, statements ...string) []result {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Fatal("sqlite3 is needed (apt-get install sqlite3)")
	}
	var out []result
	for _, st := range statements {
		cmd := exec.Command("sqlite3", "-bail", "-json", ":memory:", "-cmd", ".load "+strings.TrimSuffix(soPath, ".so"), st)
		cmd.Env = env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if err != nil || stderr.Len() > 0 {
			out = append(out, result{err: strings.TrimSpace(stderr.String()) + fmt.Sprint(" (", err, ")")})
			continue
		}
		out = append(out, result{rows: objectsToRows(t, stdout.Bytes())})
	}
	return out
}

// objectsToRows turns sqlite3's JSON objects into arrays, keeping column
// order.
func objectsToRows(t *testing.T, data []byte) []any {
	rows := []any{}
	if len(bytes.TrimSpace(data)) == 0 {
		return rows
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.Token() // [
	for dec.More() {
		dec.Token() // {
		var row []any
		for dec.More() {
			dec.Token() // key
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatalf("sqlite3 JSON: %v: %s", err, data)
			}
			row = append(row, normalize(v))
		}
		dec.Token() // }
		rows = append(rows, row)
	}
	return rows
}

// runScript runs the example script of a host: one JSON line per statement.
func runScript(interpreter, script string) func(t *testing.T, env []string, statements ...string) []result {
	return func(t *testing.T, env []string, statements ...string) []result {
		cmd := exec.Command(interpreter, append([]string{script, soPath}, statements...)...)
		cmd.Env = env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.Run()
		return parseLines(t, stdout.Bytes(), stderr.String(), len(statements))
	}
}

func parseLines(t *testing.T, data []byte, stderr string, n int) []result {
	var out []result
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if line == "" {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(line))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("output %q: %v (stderr %s)", line, err, stderr)
		}
		if m, ok := v.(map[string]any); ok {
			out = append(out, result{err: fmt.Sprint(m["error"])})
			continue
		}
		out = append(out, result{rows: normalize(v).([]any)})
	}
	if len(out) != n {
		t.Fatalf("%d answers for %d statements; stdout %s; stderr %s", len(out), n, data, stderr)
	}
	return out
}

// normalize makes numbers comparable across hosts: 3 and 3.0 alike.
func normalize(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, _ := x.Float64()
		return f
	case float64:
		return x
	case int64:
		return float64(x)
	case int:
		return float64(x)
	case []any:
		for i := range x {
			x[i] = normalize(x[i])
		}
		return x
	}
	return v
}

func env(extra ...string) []string {
	base := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "NODE_PATH=" + nodeModules()}
	return append(base, extra...)
}

func jsonDecode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}
