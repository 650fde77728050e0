package shell_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sfsql/sfsql/shell"
)

func TestScript_StopsAtTheFailingLine(t *testing.T) {
	f := newFixture(t, shell.Config{})
	script := "select 1;\n\n-- a comment\nselect\n  nope\nfrom salesforce_user;\nselect 2;\n"
	err := f.sh.RunScript(context.Background(), "report.sql", script)
	if err == nil || err.Error() != "report.sql:5: no such column: nope" {
		t.Fatalf("error %v", err)
	}
	if strings.Contains(f.stdout.String(), "2") {
		t.Fatalf("ran past the failure: %s", f.stdout.String())
	}
}

// The line named is the offending token's, not the statement's first.
func TestScript_ErrorNamesTheOffendingLine(t *testing.T) {
	for _, c := range []struct{ script, want string }{
		{"select username,\n  name\nfrom salesforce_user\nwhere is_active = 1\norder by 1\nlimit 2 3;", "r.sql:6: near \"3\": syntax error"},
		{"select 'from' as a,\n  1 as from_here -- from\nfrom salesforce_user u\nfrom x;", "r.sql:4: near \"from\": syntax error"},
		{"select u.username\nfrom salesforce_user u\nwhere u.is_activ = 1;", "r.sql:3: no such column: u.is_activ"},
		{"select 1;\nselect *\n  from salesforce_usr;", "r.sql:3: no such table: salesforce_usr"},
		{"select\n  lower(name),\n  lowr(name)\nfrom salesforce_profile;", "r.sql:3: no such function: lowr"},
	} {
		f := newFixture(t, shell.Config{Format: "csv"})
		err := f.sh.RunScript(context.Background(), "r.sql", c.script)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: %v, want %s", c.script, err, c.want)
		}
	}
}

func TestScript_ContinueOnError(t *testing.T) {
	f := newFixture(t, shell.Config{ContinueOnError: true, Format: "csv"})
	err := f.sh.RunScript(context.Background(), "r.sql", "select 1 as a;\nselec 2;\n.nope\nselect 3 as b")
	if err != nil || !f.sh.Failed() {
		t.Fatalf("err %v failed %v", err, f.sh.Failed())
	}
	if f.stdout.String() != "1\n3\n" {
		t.Fatalf("stdout %q", f.stdout.String())
	}
	want := "Error: r.sql:2: near \"selec\": syntax error\nError: r.sql:3: unknown command .nope: .help lists them\n"
	if f.stderr.String() != want {
		t.Fatalf("stderr %q", f.stderr.String())
	}
}

func TestScript_DotCommandsOutputOnceAndRead(t *testing.T) {
	dir := t.TempDir()
	out, once := filepath.Join(dir, "out.csv"), filepath.Join(dir, "once.json")
	inner := filepath.Join(dir, "inner.sql")
	os.WriteFile(inner, []byte(".mode csv\n.headers on\nselect 'inner' as src;\n.read "+filepath.Join(dir, "missing.sql")+"\n"), 0o644)
	f := newFixture(t, shell.Config{})
	script := strings.Join([]string{
		".mode csv", ".output " + out, "select name from salesforce_profile where name = 'Read Only';", ".output stdout",
		".mode json", ".once " + once, "select 1 as n;", "select 2 as n;", ".read " + inner,
	}, "\n")
	err := f.sh.RunScript(context.Background(), "main.sql", script)
	if err == nil || !strings.HasPrefix(err.Error(), inner+":4: cannot read") {
		t.Fatalf("a failure inside .read names the inner file and line: %v", err)
	}
	if data, _ := os.ReadFile(out); string(data) != "name\nRead Only\n" {
		t.Errorf(".output file: %q", data)
	}
	if data, _ := os.ReadFile(once); string(data) != "[\n{\"n\":1}\n]\n" {
		t.Errorf(".once file: %q", data)
	}
	if got := f.stdout.String(); got != "[\n{\"n\":2}\n]\nsrc\ninner\n" {
		t.Errorf("stdout %q", got)
	}
}

func TestScript_Parameters(t *testing.T) {
	f := newFixture(t, shell.Config{Format: "csv", Params: map[string]string{"name": "Read Only", "n": "2"}})
	err := f.sh.RunScript(context.Background(), "p.sql", "select count(*) from salesforce_profile where name = :name or name = @name or name = $name;\nselect :n + 1, ':name', \"@x\";")
	if err != nil {
		t.Fatal(err)
	}
	if f.stdout.String() != "1\n3,:name,@x\n" {
		t.Fatalf("stdout %q", f.stdout.String())
	}
	// A negative value after a minus is not a comment: 5-:d is 5 - -7.
	g := newFixture(t, shell.Config{Format: "csv", Params: map[string]string{"d": "-7", "s": "ab"}})
	if err := g.sh.RunScript(context.Background(), "m.sql", "select 5-:d, 5 -:d, typeof(:s), 1;"); err != nil {
		t.Fatal(err)
	}
	if g.stdout.String() != "12,12,text,1\n" {
		t.Fatalf("stdout %q", g.stdout.String())
	}
	err = f.sh.RunScript(context.Background(), "p.sql", "select :missing, :other;")
	if err == nil || err.Error() != "p.sql:1: no value for parameter missing, other: pass --param missing=VALUE" {
		t.Fatalf("error %v", err)
	}
}

func TestCommands_SchemaTablesStatsCacheHelp(t *testing.T) {
	f := newFixture(t, shell.Config{Format: "csv"})
	script := ".tables salesforce_user%\n.schema salesforce_user_role\n.cache\n.help\n.stats\n.connection\n.limits\n.cache clear\n.cache\n.schema salesforce_user_permission"
	if err := f.sh.RunScript(context.Background(), "c.sql", script); err != nil {
		t.Fatal(err)
	}
	out := f.stdout.String()
	for _, want := range []string{
		"salesforce_user\nsalesforce_user_field_access\nsalesforce_user_license\nsalesforce_user_login\nsalesforce_user_object_access\nsalesforce_user_package_license\nsalesforce_user_permission\nsalesforce_user_role\n",
		"column,type,salesforce_field,pushdown,history\nid,TEXT,Id,= <> IN IS NULL,\nname,TEXT,Name,= LIKE IN IS NULL,\n",
		"parent_role_name,TEXT,ParentRole.Name,= LIKE IN IS NULL,from the parent\n",
		"system_modstamp,TEXT,SystemModstamp,= < <= > >= IN IS NULL,not a change\n",
		"scan cache: scans are reused for 1m0s", ".explain SQL", "requests: ", "org API usage: ", "connection: test\n",
		"DailyApiRequests,100000,", "scan cache cleared\nscan cache: scans are reused for 1m0s (0 cached)",
		"user_id,TEXT,,,\nusername,TEXT,,,\npermission,TEXT,,,",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestExplain_ShowsSOQLPushdownAndExpectedRequests(t *testing.T) {
	f := newFixture(t, shell.Config{})
	q := `.explain select u.username from salesforce_user u join salesforce_permission_set_assignment a on a.assignee_id = u.id where u.is_active = 1 and u.department like 'Sales%' order by u.last_login_date desc`
	if err := f.sh.RunScript(context.Background(), "e.sql", q); err != nil {
		t.Fatal(err)
	}
	out := f.stdout.String()
	for _, want := range []string{
		"SOQL: SELECT Id, Username, IsActive, LastLoginDate, Department FROM User WHERE IsActive = true AND Department LIKE 'Sales%' ORDER BY LastLoginDate DESC NULLS LAST",
		"exact in Salesforce: is_active = 1", "pushed, re-checked by SQLite: department LIKE 'Sales%'",
		"join lookup: assignee_id = ?: answered from one cached scan of PermissionSetAssignment",
		"ORDER BY pushed: yes", "expected requests: 1 (",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}
}

func TestCompleter(t *testing.T) {
	f := newFixture(t, shell.Config{})
	c := f.sh.Completer()
	cases := []struct {
		line string
		want string
	}{
		{".he", "aders |lp "},
		{".mode js", "on |onl "},
		{"select * from salesforce_user_ro", "le "},
		{"select user_n from salesforce_user_role", " "},
		{"select parent_role_n| from salesforce_user_role", "ame "},
		{"select u.is_ac| from salesforce_user u", "tive "},
		{"sel", "ect "},
	}
	for _, k := range cases {
		line, pos := k.line, len([]rune(k.line))
		if i := strings.Index(line, "|"); i >= 0 {
			line, pos = line[:i]+line[i+1:], len([]rune(line[:i]))
		}
		got, n := c.Do([]rune(line), pos)
		var parts []string
		for _, g := range got {
			parts = append(parts, string(g))
		}
		if strings.Join(parts, "|") != k.want {
			t.Errorf("%q: %q (replacing %d), want %q", k.line, strings.Join(parts, "|"), n, k.want)
		}
	}
	// A table named in full: its own " " is a candidate, so the longer
	// names' common prefix ("_") is not typed after it.
	got, _ := c.Do([]rune("select * from salesforce_user"), len("select * from salesforce_user"))
	if len(got) < 2 || string(got[0]) != " " {
		t.Errorf("after an exact table name: %q", got)
	}
}

// TestExplain_SOQLIsWhatTheScanSends runs .explain on statements of every
// shape, then the statements themselves, and checks that every SOQL a scan
// sent is, byte for byte, one .explain printed (with ? for values known
// only at run time).
func TestExplain_SOQLIsWhatTheScanSends(t *testing.T) {
	f := newFixture(t, shell.Config{})
	stmts := []string{
		"select username from salesforce_user where is_active = 1 and department like 'Sales%' order by last_login_date desc limit 5",
		"select u.username, p.name from salesforce_user u, salesforce_profile p where p.id = u.profile_id",
		"select u.username, h.status from salesforce_user u left join salesforce_login_history h on h.user_id = u.id where u.username like 'a%'",
		"select count(*) from salesforce_account where is_deleted = 1",
		"select name from salesforce_profile where id in (select profile_id from salesforce_user where is_active = 0)",
		"select u.username from salesforce_user u where exists (select 1 from salesforce_user m where m.id = u.manager_id and m.is_active = 1)",
		"select username from salesforce_user where last_login_date = '2026-11-30T22:19:29.122Z' or created_date < '9999-12-31'",
		"select count(*) from salesforce_user_permission p join salesforce_user u on u.id = p.user_id where p.permission = 'ModifyAllData'",
	}
	// And every report the examples ship (one statement each; :days bound).
	reports, _ := filepath.Glob("../examples/reports/*.sql")
	for _, file := range reports {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string // a dot-command is one line: drop comments, join the rest
		for _, l := range strings.Split(string(data), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "--") {
				lines = append(lines, l)
			}
		}
		st := strings.TrimSuffix(strings.Join(lines, " "), ";")
		stmts = append(stmts, strings.ReplaceAll(st, ":days", "7"))
	}
	if len(reports) < 10 {
		t.Fatalf("%d reports found", len(reports))
	}
	for _, st := range stmts {
		f.stdout.Reset()
		f.h.Engine.ClearCache() // explained and run over the same (empty) cache: a held scan changes the plan
		if err := f.sh.RunScript(context.Background(), "e.sql", ".explain "+st); err != nil {
			t.Fatalf(".explain %s: %v", st, err)
		}
		var explained []string
		for _, line := range strings.Split(f.stdout.String(), "\n") {
			if s, ok := strings.CutPrefix(strings.TrimSpace(line), "SOQL: "); ok {
				explained = append(explained, s)
			}
		}
		f.h.Engine.ClearCache()
		f.h.SOQL = nil
		if _, err := f.h.Query(st); err != nil {
			t.Fatal(err)
		}
		for _, sent := range f.h.SOQL {
			if !matchesExplained(sent, explained) {
				t.Errorf("%s\n sent %s\n explained %q", st, sent, explained)
			}
		}
	}
}

// The COUNT() .explain sends for a scan of deleted records goes to
// queryAll like the scan: the demo org's one deleted account is counted.
func TestExplain_CountsDeletedRecordsLikeTheScan(t *testing.T) {
	f := newFixture(t, shell.Config{})
	if err := f.sh.RunScript(context.Background(), "e.sql", ".explain select name from salesforce_account where is_deleted = 1"); err != nil {
		t.Fatal(err)
	}
	rows := f.h.MustQuery(t, "select count(*) from salesforce_account where is_deleted = 1")
	if want := "expected requests: 1 (" + strings.TrimPrefix(rows[0][0], "i:") + " rows"; rows[0][0] == "i:0" || !strings.Contains(f.stdout.String(), want) {
		t.Fatalf("scan finds %v; explain lacks %q:\n%s", rows, want, f.stdout.String())
	}
}

// matchesExplained: equal, or equal with each ? standing for one literal.
func matchesExplained(sent string, explained []string) bool {
	for _, e := range explained {
		if e == sent {
			return true
		}
		if strings.Contains(e, "?") {
			lit := `(?:'(?:[^'\\]|\\.)*'|[^ ,)]+)`
			pattern := strings.ReplaceAll(regexp.QuoteMeta(e), `IN \(\?\)`, `IN \(`+lit+`(?:, `+lit+`)*\)`)
			pattern = strings.ReplaceAll(pattern, `\?`, lit)
			if regexp.MustCompile("^" + pattern + "$").MatchString(sent) {
				return true
			}
		}
	}
	return false
}
