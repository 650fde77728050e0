package shell_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/sfsql/sfsql/shell"
)

// TestCommands_PrintShowBailExitMode: the sqlite3 commands people reach
// for: .print, .show, .mode alone, .bail off going on past an error, .exit.
func TestCommands_PrintShowBailExitMode(t *testing.T) {
	f := newFixture(t, shell.Config{Format: "csv"})
	script := ".print hello there\n.mode\n.show\n.bail off\nselect nope from nowhere;\n.print after the error\n.exit\n.print never"
	if err := f.sh.RunScript(context.Background(), "s.sql", script); err != nil {
		t.Fatal(err)
	}
	out := f.stdout.String()
	for _, want := range []string{"hello there\n", "current output mode: csv\n", "        mode: csv\n", "        bail: on\n", "after the error\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "never") || !f.sh.Failed() || !strings.Contains(f.stderr.String(), "no such table: nowhere") {
		t.Fatalf("after .exit, or the failure: %s / %s", out, f.stderr.String())
	}
}

type lines struct{ in []string }

func (l *lines) Readline() (string, error) {
	if len(l.in) == 0 {
		return "", io.EOF
	}
	line := l.in[0]
	l.in = l.in[1:]
	return line, nil
}
func (l *lines) SetPrompt(string)         {}
func (l *lines) SaveHistory(string) error { return nil }

// TestInteractive_CtrlDWithAnUnfinishedStatementSaysSo: end of input in
// the middle of a statement says it was not run.
func TestInteractive_CtrlDWithAnUnfinishedStatementSaysSo(t *testing.T) {
	f := newFixture(t, shell.Config{})
	if err := f.sh.Interactive(context.Background(), &lines{in: []string{"select count(*)", "from salesforce_user"}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(f.stderr.String(), "Unfinished statement (no closing ;) not run: select count(*) from salesforce_user") {
		t.Fatalf("stderr: %q", f.stderr.String())
	}
}

// TestCompleter_TablesOnEarlierLines: in a statement that spans lines,
// the columns of a table named on an earlier line complete.
func TestCompleter_TablesOnEarlierLines(t *testing.T) {
	f := newFixture(t, shell.Config{})
	f.sh.Interactive(context.Background(), &lines{in: []string{"select *", "from salesforce_user_role r"}})
	line := "where r.parent_role_n"
	got, _ := f.sh.Completer().Do([]rune(line), len(line))
	if len(got) != 1 || string(got[0]) != "ame " {
		t.Fatalf("completion after an earlier line's table: %q", got)
	}
}
