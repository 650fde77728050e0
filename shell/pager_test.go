package shell_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfsql/sfsql/shell"
)

// In the REPL on a terminal, a result taller than the screen goes through
// the pager; a short one, a script's, or one the pager is off for does not.
func TestPager_LongResultsInTheShellOnly(t *testing.T) {
	paged := filepath.Join(t.TempDir(), "paged.txt")
	cfg := shell.Config{StdoutIsTTY: true, Height: func() int { return 10 }, Width: func() int { return 100 }, Pager: "cat > " + paged}
	f := newFixture(t, cfg)
	err := f.sh.Interactive(context.Background(), &lines{in: []string{
		"select username from salesforce_user order by username limit 3;",
		"select username from salesforce_user order by username;",
	}})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(paged)
	if !strings.Contains(string(data), "ada.admin0@acme.example.com") || !strings.HasSuffix(string(data), "(60 rows)\n") {
		t.Fatalf("the pager got %q", data)
	}
	if out := f.stdout.String(); !strings.HasSuffix(out, "(3 rows)\n") || strings.Contains(out, "(60 rows)") {
		t.Fatalf("the terminal got %q", out)
	}
	os.Remove(paged)
	f.sh.RunScript(context.Background(), "s.sql", "select username from salesforce_user;")
	f.sh.Interactive(context.Background(), &lines{in: []string{".pager off", "select username from salesforce_user;"}})
	if _, err := os.Stat(paged); err == nil {
		t.Fatal("paged a script, or with .pager off")
	}
	if strings.Count(f.stdout.String(), "(60 rows)") != 2 {
		t.Fatalf("the terminal got %q", f.stdout.String())
	}
}

// A pager the user quits early ends the statement quietly.
func TestPager_QuitEarlyIsNotAnError(t *testing.T) {
	paged := filepath.Join(t.TempDir(), "paged.txt")
	cfg := shell.Config{StdoutIsTTY: true, Height: func() int { return 5 }, Pager: "head -n 2 > " + paged}
	f := newFixture(t, cfg)
	f.sh.Interactive(context.Background(), &lines{in: []string{"select * from salesforce_user, salesforce_profile;", ".print next"}})
	if f.stderr.Len() > 0 {
		t.Fatalf("stderr %q", f.stderr.String())
	}
	if data, _ := os.ReadFile(paged); strings.Count(string(data), "\n") != 2 {
		t.Fatalf("the pager got %q", data)
	}
	if !strings.Contains(f.stdout.String(), "next") {
		t.Fatalf("the shell went on: %q", f.stdout.String())
	}
}
