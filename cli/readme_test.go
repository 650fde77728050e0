package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/sqltest"
)

// repoRoot is the checkout (tests may change directory).
var repoRoot = func() string {
	dir, _ := filepath.Abs("..")
	return dir
}()

// readmeFence is the first fenced block of a language after some README
// text.
func readmeFence(t *testing.T, after, lang string) string {
	data, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	must(t, err)
	text := string(data)
	i := strings.Index(text, after)
	if i < 0 {
		t.Fatalf("README.md has no %q", after)
	}
	text = text[i:]
	fence := "```" + lang + "\n"
	start := strings.Index(text, fence) + len(fence)
	return text[start : start+strings.Index(text[start:], "```")]
}

// readmeBlock is the lines of the first sh block after a README heading.
func readmeBlock(t *testing.T, heading string) []string {
	return strings.Split(strings.TrimSpace(readmeFence(t, heading, "sh")), "\n")
}

// shellWords splits a README command line as sh would: words, "double"
// and 'single' quotes, a # comment after whitespace.
func shellWords(line string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for i, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words, inWord = append(words, cur.String()), false
				cur.Reset()
			}
		case r == '#' && !inWord && i > 0:
			return words
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// TestREADME_HistoryCommandsRunAsWritten runs every command of the
// README's history block against a fake org, a day apart each, with the
// store where the README says it is.
func TestREADME_HistoryCommandsRunAsWritten(t *testing.T) {
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 150, Now: time.Date(2026, 10, 29, 12, 0, 0, 0, time.UTC)})
	clock := fakeorg.NewManualClock(time.Date(2026, 10, 30, 12, 0, 0, 0, time.UTC))
	srv.Clock = clock.Now
	home := t.TempDir()
	env := map[string]string{"SFSQL_INSTANCE_URL": srv.URL, "SFSQL_ACCESS_TOKEN": srv.Token, "HOME": home}
	getenv := func(k string) string { return env[k] }
	users := srv.Store.Rows("User")
	for i, line := range readmeBlock(t, "## History: snapshots") {
		args := shellWords(line)
		if args[0] != "sfsql" {
			t.Fatalf("line %d is not an sfsql command: %s", i+1, line)
		}
		must(t, srv.Org.Update(users[10+i]["Id"].(string), fakeorg.Record{"IsActive": i%2 == 0}))
		clock.Advance(24 * time.Hour)
		interrupts := make(chan os.Signal, 1)
		var out, errOut bytes.Buffer
		if args[1] == "watch" {
			go func() {
				for !strings.Contains(syncRead(&errOut), "round 1") {
					time.Sleep(5 * time.Millisecond)
				}
				interrupts <- os.Interrupt
			}()
		}
		bufMu.Lock()
		io := IO{Stdout: &out, Stderr: &lockedWriter{&errOut}, Getenv: getenv, StdinIsTTY: true, Now: clock.Now, Interrupts: interrupts}
		bufMu.Unlock()
		if code := Main(context.Background(), args[1:], io); code != 0 {
			t.Fatalf("%s\nexit %d: %s", line, code, syncRead(&errOut))
		}
		if out.Len() == 0 && args[1] != "watch" {
			t.Errorf("%s printed nothing", line)
		}
	}
	if _, err := os.Stat(filepath.Join(home, ".local", "share", "sfsql", "history.db")); err != nil {
		t.Fatalf("the store is not where the README says: %v", err)
	}
}

// lockedWriter lets a test read a buffer another goroutine writes.
type lockedWriter struct{ b *bytes.Buffer }

func (w *lockedWriter) Write(p []byte) (int, error) {
	bufMu.Lock()
	defer bufMu.Unlock()
	return w.b.Write(p)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestREADME_RuleCommandsRunAsWritten runs the README's rules block in a
// directory holding the README's example rule in ./my-rules and a
// ./page-oncall.sh, against a fake org whose history has one snapshot.
func TestREADME_RuleCommandsRunAsWritten(t *testing.T) {
	srv := startOrg(t)
	dir := t.TempDir()
	t.Chdir(dir)
	example := readmeFence(t, "**A rule** is one `.sql` file", "sql")
	must(t, os.MkdirAll("my-rules", 0o700))
	must(t, os.WriteFile(filepath.Join("my-rules", "acme-01.sql"), []byte(example), 0o600))
	must(t, os.WriteFile("page-oncall.sh", []byte("#!/bin/sh\ncat >> paged.jsonl\necho >> paged.jsonl\n"), 0o700))
	env := map[string]string{"SFSQL_INSTANCE_URL": srv.URL, "SFSQL_ACCESS_TOKEN": srv.Token, "HOME": dir}
	getenv := func(k string) string { return env[k] }
	if code := Main(context.Background(), []string{"snapshot"}, IO{Stdout: io.Discard, Stderr: io.Discard, Getenv: getenv}); code != 0 {
		t.Fatal("the setup snapshot failed")
	}
	for _, line := range readmeBlock(t, "## Security rules: check, mute, findings, notifications") {
		args := shellWords(line)
		var redirect string
		if n := len(args); n > 2 && args[n-2] == ">" {
			args, redirect = args[:n-2], args[n-1]
		}
		var out, errOut bytes.Buffer
		interrupts := make(chan os.Signal, 1)
		if args[1] == "watch" {
			go func() {
				for !strings.Contains(syncRead(&errOut), "round 1") {
					time.Sleep(5 * time.Millisecond)
				}
				interrupts <- os.Interrupt
			}()
		}
		code := Main(context.Background(), args[1:], IO{Stdout: &out, Stderr: &lockedWriter{&errOut}, Getenv: getenv, Interrupts: interrupts})
		findings := strings.Contains(line, " check") && strings.Contains(syncRead(&errOut), "findings at or above --fail-on")
		if code != 0 && !(findings && code == 1) {
			t.Fatalf("%s\nexit %d: %s", line, code, syncRead(&errOut))
		}
		if redirect != "" {
			must(t, os.WriteFile(redirect, out.Bytes(), 0o600))
		}
	}
	if data, _ := os.ReadFile("sfsql.sarif"); !strings.Contains(string(data), `"version": "2.1.0"`) {
		t.Fatalf("no SARIF in sfsql.sarif: %.300s", data)
	}
	if data, _ := os.ReadFile("report.html"); !strings.Contains(string(data), `<section id="ACME-01">`) {
		t.Fatal("the report of --rules ./my-rules lacks the README's own rule")
	}
}
