package main

import (
	"debug/elf"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/sqltest"
)

var (
	npmOnce sync.Once
	npmErr  error
)

// nodeModules finds better-sqlite3@12 in $SFSQL_NODE_MODULES, else in
// ~/.cache/sfsql-test/node (where .ci/run installs it), installing it there
// when missing: it compiles from source in about two minutes. nodeReady
// says whether that worked.
func nodeModules() string {
	if d := os.Getenv("SFSQL_NODE_MODULES"); d != "" {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = os.TempDir()
	}
	prefix := filepath.Join(home, ".cache", "sfsql-test", "node")
	modules := filepath.Join(prefix, "node_modules")
	addon := filepath.Join(modules, "better-sqlite3", "build", "Release", "better_sqlite3.node")
	npmOnce.Do(func() {
		if _, err := os.Stat(addon); err == nil {
			return
		}
		npmErr = installBetterSQLite(prefix, addon)
	})
	return modules
}

// installBetterSQLite compiles better-sqlite3 against the local Node's
// headers: node-gyp would download them, and only registries are
// reachable here.
func installBetterSQLite(prefix, addon string) error {
	os.MkdirAll(prefix, 0o755)
	fmt.Fprintln(os.Stderr, "installing better-sqlite3@12 into", prefix, "(compiles, about 2 minutes)")
	cmd := exec.Command("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix, "better-sqlite3@12")
	cmd.Env = os.Environ()
	if dir := nodeHeaders(); dir != "" && os.Getenv("npm_config_nodedir") == "" {
		cmd.Env = append(cmd.Env, "npm_config_nodedir="+dir)
	}
	var tail strings.Builder
	cmd.Stdout, cmd.Stderr = os.Stderr, io.MultiWriter(os.Stderr, &tail)
	cmd.Run()
	if _, err := os.Stat(addon); err == nil {
		return nil
	}
	return fmt.Errorf("better-sqlite3@12 did not build for the Node host (npm: %s): install Node's headers "+
		"(Debian's nodejs ships them in /usr/include/node) or set npm_config_nodedir, or point SFSQL_NODE_MODULES at a built node_modules",
		lastLine(tail.String()))
}

// nodeHeaders is the prefix whose include/node holds the running Node's
// headers, "" when there is none.
func nodeHeaders() string {
	node, err := exec.LookPath("node")
	if err != nil {
		return ""
	}
	if real, err := filepath.EvalSymlinks(node); err == nil {
		node = real
	}
	prefix := filepath.Dir(filepath.Dir(node))
	if _, err := os.Stat(filepath.Join(prefix, "include", "node", "node.h")); err != nil {
		return ""
	}
	return prefix
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// TestNodeHeaders_FoundBesideNode: the install needs no download of
// headers on a machine whose Node ships them.
func TestNodeHeaders_FoundBesideNode(t *testing.T) {
	dir := nodeHeaders()
	if dir == "" {
		t.Fatal("no include/node/node.h beside node: install Node's headers (Debian: nodejs)")
	}
	if _, err := os.Stat(filepath.Join(dir, "include", "node", "common.gypi")); err != nil {
		t.Fatalf("%s lacks common.gypi, which node-gyp needs: %v", dir, err)
	}
}

func TestExports_OnlyTheEntryPoint(t *testing.T) {
	f, err := elf.Open(soPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syms, err := f.DynamicSymbols()
	if err != nil {
		t.Fatal(err)
	}
	var exported []string
	for _, s := range syms {
		if s.Section != elf.SHN_UNDEF && elf.ST_BIND(s.Info) == elf.STB_GLOBAL {
			exported = append(exported, s.Name)
		}
	}
	if !reflect.DeepEqual(exported, []string{"sqlite3_sfsql_init"}) {
		t.Fatalf("exported symbols %v, want only sqlite3_sfsql_init", exported)
	}
}

// fixedQueries cover plain scans, pushdown, joins, the derived table,
// soql() and the SQL functions.
var fixedQueries = []string{
	"select username, profile_name, is_active from salesforce_user where is_active = 0 order by username limit 20",
	"select count(*) from salesforce_user",
	`select u.username, ps.name from salesforce_user u join salesforce_permission_set_assignment a on a.assignee_id = u.id
	 join salesforce_permission_set ps on ps.id = a.permission_set_id where ps.is_owned_by_profile = 0 order by 1, 2`,
	"select source_type, count(*) from salesforce_user_permission where permission = 'ModifyAllData' group by 1 order by 1",
	"select id, object, json_extract(record, '$.Name') from soql('SELECT Id, Name FROM Profile ORDER BY Name')",
	"select name, user_type from salesforce_profile where name like '%admin%' order by name",
	"select name from salesforce_account where type in ('Partner', 'Prospect') order by name",
	"select sfsql_version()",
}

func orgEnv(t *testing.T, srv *fakeorg.Server, extra ...string) []string {
	return env(append([]string{"SFSQL_INSTANCE_URL=" + srv.URL, "SFSQL_ACCESS_TOKEN=" + srv.Token,
		"SFSQL_CACHE_DIR=" + t.TempDir(), "SFSQL_CONFIG_DIR=" + t.TempDir()}, extra...)...)
}

// expected runs statements through the CLI's path: mattn's SQLite and the
// same bridge.
func expected(t *testing.T, srv *fakeorg.Server, statements ...string) []result {
	h := sqltest.Open(t, srv, sqltest.Options{})
	var out []result
	for _, st := range statements {
		rows, err := h.Values(st)
		if err != nil {
			t.Fatalf("%s: %v", st, err)
		}
		list := []any{}
		for _, r := range rows {
			list = append(list, normalize(r))
		}
		out = append(out, result{rows: list})
	}
	return out
}

func TestHosts_SameResultsAsTheCLI(t *testing.T) {
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 600})
	want := expected(t, srv, fixedQueries...)
	for _, h := range hosts(t) {
		t.Run(h.name, func(t *testing.T) {
			got := h.run(t, orgEnv(t, srv), fixedQueries...)
			for i := range fixedQueries {
				if got[i].err != "" || !reflect.DeepEqual(got[i].rows, want[i].rows) {
					t.Errorf("%s:\n got %.300v %s\nwant %.300v", fixedQueries[i], got[i].rows, got[i].err, want[i].rows)
				}
			}
		})
	}
}

// TestHosts_SameRequestCounts checks pushdown, LIMIT and join costs in
// every host: the query requests equal the CLI's.
func TestHosts_SameRequestCounts(t *testing.T) {
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 4500})
	queries := map[string]int64{
		"select username from salesforce_user where is_active = 0":            1,
		"select username from salesforce_user limit 10":                       1,
		"select count(*) from salesforce_user where department like 'Sales%'": 1,
		`select count(*) from salesforce_user u join salesforce_permission_set_assignment a on a.assignee_id = u.id
		 join salesforce_permission_set ps on ps.id = a.permission_set_id`: 0, // Σ pages, computed below
	}
	for q, n := range queries {
		if n == 0 {
			users := int64(len(srv.Store.Rows("User")))
			psa := int64(len(srv.Store.Rows("PermissionSetAssignment")))
			queries[q] = (users+1999)/2000 + (psa+1999)/2000 + 1
		}
	}
	h0 := sqltest.Open(t, srv, sqltest.Options{})
	for q, want := range queries {
		h0.MustQuery(t, q)
		srv.ResetCounters()
		h0.MustQuery(t, q)
		if got := srv.Counters.QueryRequests(); got != want {
			t.Fatalf("CLI path: %s cost %d query requests, want %d", q, got, want)
		}
	}
	for _, h := range hosts(t) {
		t.Run(h.name, func(t *testing.T) {
			e := orgEnv(t, srv)
			for q, want := range queries {
				h.run(t, e, q) // describes go to the disk cache
				srv.ResetCounters()
				if r := h.run(t, e, q); r[0].err != "" {
					t.Fatalf("%s: %s", q, r[0].err)
				}
				if got := srv.Counters.QueryRequests(); got != want {
					t.Errorf("%s cost %d query requests, want %d", q, got, want)
				}
			}
		})
	}
}

func TestHosts_ThreadsAndWorkers(t *testing.T) {
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 300})
	queries := []string{"select count(*) from salesforce_user where is_active = 1", fixedQueries[2]}
	want := expected(t, srv, queries...)
	for name, cmd := range map[string][]string{
		"python threads": {pythonPath(t), "testdata/threads.py"},
		"node workers":   {nodePath(t), "testdata/workers.js"},
	} {
		t.Run(name, func(t *testing.T) {
			c := exec.Command(cmd[0], append([]string{cmd[1], soPath}, queries...)...)
			c.Env = orgEnv(t, srv)
			out, err := c.Output()
			if err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			var res struct {
				Results [][]any
				Errors  []string
			}
			if err := jsonDecode(out, &res); err != nil || len(res.Errors) > 0 {
				t.Fatalf("%v %v: %s", err, res.Errors, out)
			}
			for i, answers := range res.Results {
				if len(answers) != 3*len(queries) {
					t.Fatalf("worker %d answered %d of %d", i, len(answers), 3*len(queries))
				}
				for j, a := range answers {
					if !reflect.DeepEqual(normalize(a), want[j%len(queries)].rows) {
						t.Fatalf("worker %d answer %d differs", i, j)
					}
				}
			}
		})
	}
}

func TestHosts_BadConfigurationIsAClearError(t *testing.T) {
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 20})
	config := t.TempDir()
	store := &auth.Store{Dir: config}
	store.Save(&auth.Connection{Name: "off", Method: auth.MethodClientCredentials, InstanceURL: srv.URL, ClientID: "x", Disabled: true}, &auth.Secrets{})
	cases := []struct {
		name string
		env  []string
		want string
	}{
		{"unknown connection", []string{"SFSQL_CONNECTION=nope"}, `no such connection "nope"`},
		{"disabled connection", []string{"SFSQL_CONNECTION=off"}, "connection is disabled: off"},
		{"wrong token", []string{"SFSQL_INSTANCE_URL=" + srv.URL, "SFSQL_ACCESS_TOKEN=wrong"}, "INVALID_SESSION_ID"},
		{"unreachable host", []string{"SFSQL_INSTANCE_URL=http://127.0.0.1:9", "SFSQL_ACCESS_TOKEN=x"}, "connection refused"},
		{"nothing configured", nil, "select sfsql_connect('NAME') or sfsql_demo()"},
	}
	for _, h := range hosts(t) {
		for _, c := range cases {
			t.Run(h.name+"/"+c.name, func(t *testing.T) {
				e := env(append(c.env, "SFSQL_CONFIG_DIR="+config, "SFSQL_CACHE_DIR="+t.TempDir(), "HOME="+t.TempDir())...)
				r := h.run(t, e, "select count(*) from salesforce_user", "select 1 + 1")
				if !strings.Contains(r[0].err, c.want) {
					t.Fatalf("error %q, want %q", r[0].err, c.want)
				}
				if h.name != "sqlite3" && !reflect.DeepEqual(r[1].rows, []any{[]any{2.0}}) {
					t.Fatalf("the host did not survive: %+v", r[1])
				}
			})
		}
	}
}

func TestHosts_PanicsBecomeErrors(t *testing.T) {
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 20})
	for _, h := range hosts(t) {
		t.Run(h.name, func(t *testing.T) {
			e := orgEnv(t, srv, "SFSQL_DEBUG_PANIC=1")
			r := h.run(t, e, "select sfsql_debug_panic()", "select count(*) from salesforce_user")
			if !strings.Contains(r[0].err, "sfsql internal error") || !reflect.DeepEqual(r[1].rows, []any{[]any{20.0}}) {
				t.Fatalf("panic: %+v then %+v", r[0], r[1])
			}
		})
	}
	// One sqlite3 process goes on after the panic.
	cmd := exec.Command("sqlite3", ":memory:", "-cmd", ".load "+strings.TrimSuffix(soPath, ".so"), "-cmd", "select sfsql_debug_panic();",
		"select count(*) from salesforce_user;")
	cmd.Env = orgEnv(t, srv, "SFSQL_DEBUG_PANIC=1")
	out, _ := cmd.CombinedOutput()
	if !strings.Contains(string(out), "sfsql internal error") || !strings.HasSuffix(string(out), "\n20\n") {
		t.Fatalf("sqlite3 after a panic: %q", out)
	}
}

// TestHosts_ConnectAndDemoFunctions choose the org from SQL: a connection
// saved by the CLI, then the embedded demo org.
func TestHosts_ConnectAndDemoFunctions(t *testing.T) {
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 20})
	srv.AddConnectedApp(fakeorg.ConnectedApp{ClientID: "cc", ClientSecret: "s", RunAs: "ada.admin0@acme.example.com"})
	config := t.TempDir()
	(&auth.Store{Dir: config}).Save(&auth.Connection{Name: "good", Method: auth.MethodClientCredentials, InstanceURL: srv.URL, ClientID: "cc"},
		&auth.Secrets{ClientSecret: "s"})
	for _, h := range hosts(t) {
		t.Run(h.name, func(t *testing.T) {
			e := env("SFSQL_CONFIG_DIR="+config, "SFSQL_CACHE_DIR="+t.TempDir(), "HOME="+t.TempDir())
			statements := []string{"select sfsql_connect('good')", "select count(*) from salesforce_user",
				"select sfsql_demo()", "select count(*) > 1000 from salesforce_user", "select sfsql_connect('nope')"}
			if h.name == "sqlite3" { // one process per statement there: chain them
				statements = []string{"select sfsql_connect('good'), (select count(*) from salesforce_user)"}
			}
			r := h.run(t, e, statements...)
			if h.name == "sqlite3" {
				if !reflect.DeepEqual(r[0].rows, []any{[]any{"good", 20.0}}) {
					t.Fatalf("%+v", r[0])
				}
				return
			}
			if !reflect.DeepEqual(r[1].rows, []any{[]any{20.0}}) || !reflect.DeepEqual(r[3].rows, []any{[]any{1.0}}) ||
				!strings.Contains(r[4].err, `no such connection "nope"`) {
				t.Fatalf("%+v", r)
			}
		})
	}
}
