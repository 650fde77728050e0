package shell_test

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chzyer/readline"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/shell"
	"github.com/sfsql/sfsql/sqltest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// scripted is a LineReader fed from a list; "^C" stands for Ctrl-C.
type scripted struct {
	lines   []string
	prompts []string
	history []string
}

func (r *scripted) Readline() (string, error) {
	if len(r.lines) == 0 {
		return "", io.EOF
	}
	line := r.lines[0]
	r.lines = r.lines[1:]
	if line == "^C" {
		return "", readline.ErrInterrupt
	}
	return line, nil
}
func (r *scripted) SetPrompt(p string)         { r.prompts = append(r.prompts, p) }
func (r *scripted) SaveHistory(l string) error { r.history = append(r.history, l); return nil }

type fixture struct {
	org            *fakeorg.Server
	h              *sqltest.Harness
	sh             *shell.Shell
	stdout, stderr bytes.Buffer
}

func newFixture(t *testing.T, cfg shell.Config) *fixture {
	t.Helper()
	f := &fixture{org: sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 60})}
	f.h = sqltest.Open(t, f.org, sqltest.Options{CacheTTL: time.Minute})
	cfg.Session, cfg.Stdout, cfg.Stderr = f.h.Session, &f.stdout, &f.stderr
	cfg.Connection = shell.Connection{Name: "test", InstanceURL: "http://org.test", APIVersion: "62.0", BatchSize: 2000}
	if cfg.Format == "" {
		cfg.Format = "table"
		cfg.Headers = true
	}
	sh, err := shell.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sh.Close)
	f.sh = sh
	return f
}

func golden(t *testing.T, name string, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		os.WriteFile(path, []byte(got), 0o644)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./shell -update)", err)
	}
	if got != string(want) {
		t.Fatalf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestInteractive_Session drives the REPL through every output mode and
// the settings, with multi-line statements, NULLs, unicode and errors.
func TestInteractive_Session(t *testing.T) {
	f := newFixture(t, shell.Config{})
	query := "select name, user_type, description, 'O''Brien \"q\", ä' as quote, null as absent from salesforce_profile"
	lines := []string{"select count(*)", "  from salesforce_user;"}
	for _, mode := range []string{"table", "csv", "json", "jsonl", "markdown", "line"} {
		lines = append(lines, ".mode "+mode, query+" where name like '%Admin%' or name like 'Read%' order by name;")
	}
	lines = append(lines, ".mode table", ".headers off", ".nullvalue -", query+" where name = 'Read Only';", ".headers on",
		"selec 1;", "select * from salesforce_nope;", "select nope from salesforce_user;", ".bogus", ".read /no/such/file.sql",
		".mode xml", ".headers maybe", "select 'still alive';")
	r := &scripted{lines: lines}
	if err := f.sh.Interactive(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	golden(t, "session", "--- stdout\n"+f.stdout.String()+"--- stderr\n"+f.stderr.String())
	if r.history[0] != "select count(*) from salesforce_user;" {
		t.Errorf("a multi-line statement is one history entry: %q", r.history[0])
	}
	if r.prompts[1] != "   ...> " {
		t.Errorf("continuation prompt %q", r.prompts[1])
	}
}

func TestInteractive_SurvivesExpiredTokenAndCtrlC(t *testing.T) {
	f := newFixture(t, shell.Config{})
	f.org.RevokeAll()
	r := &scripted{lines: []string{"select count(*) from salesforce_group;", "select 1", "^C", "select 2;", ".quit", "select 3;"}}
	if err := f.sh.Interactive(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(f.stderr.String(), "Error: describe Group: INVALID_SESSION_ID: Session expired or invalid") {
		t.Errorf("stderr %q", f.stderr.String())
	}
	if out := f.stdout.String(); strings.Contains(out, "│ 1 ") || !strings.Contains(out, "│ 2 ") || strings.Contains(out, "│ 3 ") {
		t.Errorf("Ctrl-C must drop the pending 'select 1' and .quit must stop: %s", out)
	}
}

func TestInteractive_InterruptCancelsTheRunningStatement(t *testing.T) {
	interrupts := make(chan os.Signal, 1)
	f := newFixture(t, shell.Config{Interrupts: interrupts})
	f.h.MustQuery(t, "select 1 from salesforce_login_history limit 0") // describe first
	f.org.SetFaults(fakeorg.Faults{Latency: 2 * time.Second})
	go func() { // interrupt once the scan's request is in flight
		for f.org.Counters.InFlight.Load() == 0 {
			time.Sleep(time.Millisecond)
		}
		interrupts <- os.Interrupt
	}()
	start := time.Now()
	r := &scripted{lines: []string{"select count(*) from salesforce_login_history;"}}
	if err := f.sh.Interactive(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > time.Second {
		t.Fatalf("interrupt took %v", took)
	}
	if !strings.Contains(f.stderr.String(), "Error: interrupted") {
		t.Fatalf("stderr %q", f.stderr.String())
	}
}
