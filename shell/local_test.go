package shell_test

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/sfsql/sfsql/shell"
)

func runScript(t *testing.T, f *fixture, script string) {
	t.Helper()
	if err := f.sh.RunScript(context.Background(), "s.sql", script); err != nil {
		t.Fatalf("%v\nstderr %s", err, f.stderr.String())
	}
}

// .import loads a CSV file into a local table that joins with Salesforce
// tables; .save writes it, and a table kept from a query, to a SQLite file
// the plain sqlite3 shell reads; .dump prints SQL that rebuilds them.
func TestLocalTables_ImportSaveDump(t *testing.T) {
	dir := t.TempDir()
	csvFile := filepath.Join(dir, "leavers.csv")
	os.WriteFile(csvFile, []byte("username,reason\n\"ada.admin0@acme.example.com\",\"moved, left\"\nnobody@acme.example.com,it's gone\n"), 0o644)
	f := newFixture(t, shell.Config{Format: "csv"})
	runScript(t, f, strings.Join([]string{
		".import --csv " + csvFile + " leavers",
		"select l.username, l.reason, u.is_active from leavers l left join salesforce_user u on u.username = l.username order by 1;",
		"create table admins as select username, profile_name from salesforce_user where profile_name = 'System Administrator' order by username limit 2;",
		".save " + filepath.Join(dir, "kept.db"),
		".dump leavers",
	}, "\n"))
	want := "ada.admin0@acme.example.com,\"moved, left\",1\nnobody@acme.example.com,it's gone,\n" +
		"BEGIN TRANSACTION;\n" +
		"CREATE TABLE \"leavers\"(\"username\" TEXT, \"reason\" TEXT);\n" +
		"INSERT INTO \"leavers\" VALUES('ada.admin0@acme.example.com','moved, left');\n" +
		"INSERT INTO \"leavers\" VALUES('nobody@acme.example.com','it''s gone');\n" +
		"COMMIT;\n"
	if got := f.stdout.String(); got != want {
		t.Fatalf("stdout:\n%s\nwant:\n%s", got, want)
	}
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Fatal("sqlite3 is needed (apt-get install sqlite3)")
	}
	out, err := exec.Command("sqlite3", filepath.Join(dir, "kept.db"), "select count(*) from leavers; select count(*) from admins; select name from sqlite_schema order by 1").CombinedOutput()
	if err != nil || string(out) != "2\n2\nadmins\nleavers\n" {
		t.Fatalf("sqlite3 on the saved file: %v\n%s", err, out)
	}
	// The dump rebuilds the table elsewhere.
	db, _ := sql.Open("sqlite3", ":memory:")
	defer db.Close()
	dump := strings.SplitN(want, "\n", 3)[2]
	if _, err := db.Exec(dump); err != nil {
		t.Fatal(err)
	}
	var reason string
	db.QueryRow("select reason from leavers where username like 'nobody%'").Scan(&reason)
	if reason != "it's gone" {
		t.Fatalf("rebuilt from the dump: %q", reason)
	}
}

func TestLocalTables_Errors(t *testing.T) {
	dir := t.TempDir()
	ragged := filepath.Join(dir, "ragged.csv")
	os.WriteFile(ragged, []byte("a,b\n1,2\n3\n"), 0o644)
	existing := filepath.Join(dir, "there.db")
	os.WriteFile(existing, []byte("keep me"), 0o644)
	for _, c := range []struct{ script, want string }{
		{".save " + filepath.Join(dir, "x.db"), "no local tables to save"},
		{".import " + filepath.Join(dir, "missing.csv") + " t", "no such file or directory"},
		{".import " + ragged + " t", "wrong number of fields"},
		{".import --skip x " + ragged + " t", `.import --skip: "x" is not a row count`},
		{".import " + ragged, "usage: .import [--csv] [--skip N] FILE TABLE"},
		{"create table t(a);\n.save " + existing, "exists; give a new file"},
		{".dump salesforce_user", "no local table salesforce_user"},
	} {
		f := newFixture(t, shell.Config{Format: "csv"})
		err := f.sh.RunScript(context.Background(), "e.sql", c.script)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.script, err, c.want)
		}
	}
	if data, _ := os.ReadFile(existing); string(data) != "keep me" {
		t.Fatal(".save overwrote a file")
	}
	// A ragged file leaves nothing behind: the import is one transaction.
	f := newFixture(t, shell.Config{Format: "csv"})
	f.sh.RunScript(context.Background(), "e.sql", ".import "+ragged+" t")
	runScript(t, f, "select count(*) from sqlite_schema where name = 't';")
	if f.stdout.String() != "0\n" {
		t.Fatalf("a failed import left a table: %q", f.stdout.String())
	}
}

// An existing table takes every row, the first too, unless --skip.
func TestLocalTables_ImportIntoAnExistingTable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "ids.csv")
	os.WriteFile(file, []byte("id\n1\n2\n"), 0o644)
	f := newFixture(t, shell.Config{Format: "csv"})
	runScript(t, f, "create table ids(id integer);\n.import "+file+" ids\n.import --skip 1 "+file+" ids\nselect count(*), count(distinct id) from ids;")
	if f.stdout.String() != "5,3\n" {
		t.Fatalf("%q", f.stdout.String())
	}
}

func TestShellCommands_ParameterWidthShell(t *testing.T) {
	f := newFixture(t, shell.Config{Format: "csv", Params: map[string]string{"n": "1"}})
	runScript(t, f, strings.Join([]string{
		".parameter set :name Read Only",
		".parameter set zip '02134'",
		".parameter set @limit 2",
		".parameter list",
		"select count(*), :zip, typeof(:limit) from salesforce_profile where name = :name limit :limit;",
		".parameter unset name",
		".shell echo from-the-shell; echo to-stderr >&2",
		".system printf 'a b'",
	}, "\n"))
	want := ":limit = 2\n:n = 1\n:name = 'Read Only'\n:zip = '02134'\n1,02134,integer\nfrom-the-shell\na b"
	if got := f.stdout.String(); got != want {
		t.Fatalf("stdout %q\nwant   %q", got, want)
	}
	if f.stderr.String() != "to-stderr\n" {
		t.Fatalf("stderr %q", f.stderr.String())
	}
	err := f.sh.RunScript(context.Background(), "p.sql", "select :name;")
	if err == nil || !strings.Contains(err.Error(), "no value for parameter name") {
		t.Fatalf("after unset: %v", err)
	}
	err = f.sh.RunScript(context.Background(), "p.sql", ".shell exit 3")
	if err == nil || err.Error() != "p.sql:1: .shell: exit exited with status 3" {
		t.Fatalf("a failing command: %v", err)
	}
	f.stdout.Reset()
	f.sh.RunScript(context.Background(), "t.sql", ".mode table\n.width 5 0\nselect 'abcdefghij' as long, 'abcdefghij' as uncapped;")
	if !strings.Contains(f.stdout.String(), "│ abcd… │ abcdefghij │") {
		t.Fatalf(".width:\n%s", f.stdout.String())
	}
	if err := f.sh.RunScript(context.Background(), "t.sql", ".width x"); err == nil || !strings.Contains(err.Error(), `.width: "x" is not a width`) {
		t.Fatalf(".width x: %v", err)
	}
}
