package shell_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/sfsql/sfsql/fakeorg"
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

// TestDidYouMean: an unknown table or column names the closest one.
func TestDidYouMean(t *testing.T) {
	f := newFixture(t, shell.Config{ContinueOnError: true})
	f.sh.RunScript(context.Background(), "s.sql", "select * from salesforce_usr;\nselect usrname from salesforce_user;\nselect zzz from salesforce_user;")
	errs := f.stderr.String()
	for _, want := range []string{"no such table: salesforce_usr (did you mean salesforce_user?)", "no such column: usrname (did you mean username?)"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if strings.Contains(errs, "zzz (did you mean") {
		t.Errorf("a far-off name got a suggestion:\n%s", errs)
	}
}

// TestShell_WarnsOnceWhenTheDailyAllowanceRunsLow: Sforce-Limit-Info with
// less than a tenth left gets one warning line, not one per statement.
func TestShell_WarnsOnceWhenTheDailyAllowanceRunsLow(t *testing.T) {
	f := newFixture(t, shell.Config{Format: "csv"})
	if err := f.sh.RunScript(context.Background(), "a.sql", "select count(*) from salesforce_profile;"); err != nil || f.stderr.Len() > 0 {
		t.Fatalf("plenty left: %v %q", err, f.stderr.String())
	}
	f.org.SetFaults(fakeorg.Faults{DailyAPIMax: 1000})
	f.org.SetAPIUsed(950)
	f.h.Engine.ClearCache()
	err := f.sh.RunScript(context.Background(), "b.sql", "select count(*) from salesforce_profile;\nselect name from salesforce_profile;\nselect name from salesforce_user_role;")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.stderr.String(); !strings.HasPrefix(got, "warning: the org has used ") || !strings.HasSuffix(got, " of its 1000 daily API requests (less than 10% left)\n") || strings.Count(got, "\n") != 1 {
		t.Fatalf("stderr %q", got)
	}
}
