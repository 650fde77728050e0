package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/sqltest"
)

// TestHosts_SalesforceTablesListsWhatTablesCannot: hosts' own listings
// (sqlite3's .tables, sqlite-utils tables) do not see virtual tables
// outside sqlite_master, as the README says; salesforce_tables lists them
// in every host, and they answer there.
func TestHosts_SalesforceTablesListsWhatTablesCannot(t *testing.T) {
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 50})
	if _, err := exec.LookPath("sqlite-utils"); err != nil {
		t.Fatal("sqlite-utils is needed (apt-get install sqlite-utils)")
	}
	listing := "select name from salesforce_tables where name in ('salesforce_user', 'salesforce_profile', 'salesforce_account') order by name"
	want := []any{[]any{"salesforce_account"}, []any{"salesforce_profile"}, []any{"salesforce_user"}}
	for _, h := range hosts(t) {
		if got := h.run(t, orgEnv(t, srv), listing)[0]; got.err != "" || !reflect.DeepEqual(got.rows, want) {
			t.Errorf("%s: %v %s", h.name, got.rows, got.err)
		}
	}
	utils := func(args ...string) string {
		cmd := exec.Command("sqlite-utils", args...)
		cmd.Env = orgEnv(t, srv)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("sqlite-utils %v: %v\n%s", args, err, out)
		}
		return strings.ReplaceAll(string(out), "\r\n", "\n") // its CSV ends lines with CRLF
	}
	ext := "--load-extension=" + soPath
	if out := utils("memory", ext, listing, "--csv", "--no-headers"); out != "salesforce_account\nsalesforce_profile\nsalesforce_user\n" {
		t.Fatalf("sqlite-utils memory: %q", out)
	}
	if out := utils("memory", ext, "select count(*) from salesforce_user", "--csv", "--no-headers"); out != "50\n" {
		t.Fatalf("sqlite-utils counted %q users", out)
	}
	readmeCommand(t, srv, `sqlite-utils memory --load-extension=./sfsql.so "select name from salesforce_tables"`)
	if out := utils("memory", ext, "select name from sqlite_master where name like 'salesforce_%'", "--csv", "--no-headers"); strings.TrimSpace(out) != "" {
		t.Fatalf("the tables turned up in sqlite_master (the README says they do not): %q", out)
	}
}

// readmeCommand runs a command the README shows, as written, where
// ./sfsql.so is the one under test.
func readmeCommand(t *testing.T, srv *fakeorg.Server, command string) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil || !strings.Contains(string(readme), "`"+command+"`") {
		t.Fatalf("the README does not show %s (%v)", command, err)
	}
	cmd := exec.Command("sh", "-c", command)
	cmd.Dir, cmd.Env = filepath.Dir(soPath), orgEnv(t, srv)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), `"name": "salesforce_user"`) {
		t.Fatalf("%s: %v\n%s", command, err, out)
	}
}
