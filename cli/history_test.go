package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
)

// historyEnv is a fake org, a store path and a clock for CLI runs.
type historyEnv struct {
	t     *testing.T
	srv   *fakeorg.Server
	clock *fakeorg.ManualClock
	env   map[string]string
	store string
}

func newHistoryEnv(t *testing.T) *historyEnv {
	srv := startOrg(t)
	c := fakeorg.NewManualClock(fakeorg.ReferenceNow.Add(2 * time.Hour))
	srv.Clock = c.Now
	dir := t.TempDir()
	store := filepath.Join(dir, "data", "sfsql", "history.db")
	return &historyEnv{t: t, srv: srv, clock: c, store: store,
		env: map[string]string{"SFSQL_INSTANCE_URL": srv.URL, "SFSQL_ACCESS_TOKEN": srv.Token, "XDG_DATA_HOME": filepath.Join(dir, "data")}}
}

func (h *historyEnv) run(args ...string) (int, string, string) {
	h.t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string { return h.env[k] }
	code := Main(context.Background(), args, IO{Stdout: &out, Stderr: &errOut, Getenv: getenv, StdinIsTTY: true, Now: h.clock.Now})
	return code, out.String(), errOut.String()
}

func (h *historyEnv) ok(args ...string) string {
	h.t.Helper()
	code, out, errOut := h.run(args...)
	if code != 0 {
		h.t.Fatalf("sfsql %v: exit %d\n%s\n%s", args, code, out, errOut)
	}
	return out
}

func TestHistory_SnapshotChangesOfflineAsOf(t *testing.T) {
	h := newHistoryEnv(t)
	first := h.ok("snapshot")
	if !regexp.MustCompile(`^snapshot 1: 25 tables, \d+ records; 0 added, 0 removed, 0 modified; \d+ API requests, [\d.]+ kB\n$`).MatchString(first) {
		t.Fatalf("first snapshot said %q", first)
	}
	if _, err := os.Stat(h.store); err != nil {
		t.Fatalf("the default store is not under XDG_DATA_HOME: %v", err)
	}
	var user string
	for _, u := range h.srv.Store.Rows("User")[1:] {
		if u["IsActive"] == true {
			user = u["Id"].(string)
			break
		}
	}
	h.clock.Advance(time.Hour)
	if err := h.srv.Org.Update(user, fakeorg.Record{"IsActive": false}); err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(2 * time.Minute)
	second := h.ok("snapshot", "--tables", "user,permission_set_assignment")
	if !strings.Contains(second, "; 0 added, 0 removed, 1 modified;") {
		t.Fatalf("second snapshot said %q", second)
	}
	changes := h.ok("changes", "--since", "24h", "--format", "csv")
	if !strings.Contains(changes, ",user,") || !strings.Contains(changes, ",modified,is_active,") {
		t.Fatalf("changes:\n%s", changes)
	}
	sql := h.ok("--format", "csv", "-c", "select record_id, change from salesforce_changes where table_name = 'salesforce_user' and change = 'modified'")
	if sql != "record_id,change\n"+user+",modified\n" {
		t.Fatalf("salesforce_changes: %q", sql)
	}
	h.srv.ResetCounters()
	offline := h.ok("--offline", "--format", "csv", "-c", "select is_active from salesforce_user where id = '"+user+"'")
	asOf := h.ok("--as-of", fakeorg.ReferenceNow.Add(150*time.Minute).Format(time.RFC3339), "--format", "csv", "-c", "select is_active from salesforce_user where id = '"+user+"'")
	if offline != "is_active\n0\n" || asOf != "is_active\n1\n" {
		t.Fatalf("offline %q, as-of %q", offline, asOf)
	}
	if n := h.srv.Counters.Requests.Load(); n != 0 {
		t.Fatalf("--offline and --as-of sent %d requests", n)
	}
	if err := h.srv.Org.Update(user, fakeorg.Record{"IsActive": true}); err != nil {
		t.Fatal(err)
	}
	side := h.ok("--format", "csv", "-c", "select u.is_active, s.is_active from salesforce_user u join snap.salesforce_user s on s.id = u.id where u.id = '"+user+"'")
	if side != "is_active,is_active\n1,0\n" {
		t.Fatalf("live and stored side by side: %q", side)
	}
	if n := h.srv.Counters.Requests.Load(); n == 0 {
		t.Fatal("with a store attached, salesforce_user did not reach the org")
	}
}

func TestHistory_BadInputIsOneLine(t *testing.T) {
	h := newHistoryEnv(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--offline", "-c", "select 1"}, "--offline needs a store"},
		{[]string{"snapshot", "--tables", "user,nonsense"}, `unknown table "nonsense"`},
		{[]string{"changes", "--since", "yesterday"}, `bad duration "yesterday"`},
		{[]string{"watch", "--every", "-5m"}, `bad duration "-5m"`},
		{[]string{"watch"}, "--every is required"},
		{[]string{"--every", "5m", "-c", "select 1"}, "--every belongs to sfsql watch"},
		{[]string{"snapshot", "prune"}, "--older-than is required"},
		{[]string{"--as-of", "not a time", "-c", "select 1"}, `bad time "not a time"`},
	} {
		code, out, errOut := h.run(c.args...)
		if code == 0 || !strings.Contains(errOut, c.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 || out != "" {
			t.Errorf("sfsql %v: exit %d, stderr %q (want one line with %q), stdout %q", c.args, code, errOut, c.want, out)
		}
	}
	h.ok("snapshot", "--tables", "user")
	code, _, errOut := h.run("--as-of", "2020-01-01", "-c", "select 1")
	if code == 0 || !strings.Contains(errOut, "before the first snapshot") {
		t.Errorf("--as-of before the first snapshot: exit %d, %q", code, errOut)
	}
}

func TestHistory_DemoHasHistory(t *testing.T) {
	code, out, errOut := run(t, map[string]string{"HOME": t.TempDir()}, "--demo", "changes", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{",user,", ",modified,\"is_active, last_modified_by_id\",", "Modify_All_Data_Temp,added", "Read Only (legacy),modified,\"name, last_modified_by_id\"",
		"new.hire@acme.example.com,added", ",group_member,Security Team,added", "permissions_view_all_data"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo changes lack %q:\n%s", want, out)
		}
	}
}

func TestHistory_WatchRoundsAndInterrupt(t *testing.T) {
	h := newHistoryEnv(t)
	code, _, errOut := h.run("watch", "--every", "10ms", "--rounds", "3", "--tables", "user,profile")
	if code != 0 || strings.Count(errOut, "sfsql: round ") != 3 {
		t.Fatalf("watch: exit %d\n%s", code, errOut)
	}
	interrupts := make(chan os.Signal, 1)
	var out, stderr bytes.Buffer
	done := make(chan int)
	go func() {
		done <- Main(context.Background(), []string{"watch", "--every", "1h", "--tables", "user"}, IO{Stdout: &out, Stderr: &lockedWriter{&stderr},
			Getenv: func(k string) string { return h.env[k] }, Interrupts: interrupts, Now: h.clock.Now})
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(syncRead(&stderr), "round 1") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	interrupts <- os.Interrupt
	select {
	case code := <-done:
		if code != 0 || !strings.Contains(syncRead(&stderr), "watch stopped after 1 rounds") {
			t.Fatalf("interrupted watch: exit %d\n%s", code, syncRead(&stderr))
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the watch did not stop on SIGINT")
	}
}

func TestHistory_Prune(t *testing.T) {
	h := newHistoryEnv(t)
	for range 3 {
		h.ok("snapshot", "--tables", "user")
		h.clock.Advance(100 * 24 * time.Hour)
	}
	out := h.ok("snapshot", "prune", "--older-than", "150d")
	if !strings.HasPrefix(out, "pruned 1 snapshots,") {
		t.Fatalf("prune said %q", out)
	}
	left := h.ok("--format", "csv", "-c", "select count(*) from salesforce_snapshots")
	if left != "count(*)\n2\n" {
		t.Fatalf("after the prune: %q", left)
	}
}

var bufMu sync.Mutex

func syncRead(b *bytes.Buffer) string { bufMu.Lock(); defer bufMu.Unlock(); return b.String() }

// TestHistory_ShellOfflineAndAsOf: .offline and .asof in a script put the
// catalogue tables on the store and back, with no request while offline.
func TestHistory_ShellOfflineAndAsOf(t *testing.T) {
	h := newHistoryEnv(t)
	h.ok("snapshot", "--tables", "user,profile")
	user := h.srv.Store.Rows("User")[7]["Id"].(string)
	h.clock.Advance(time.Hour)
	if err := h.srv.Org.Update(user, fakeorg.Record{"Title": "Chief Snapshot Officer"}); err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(2 * time.Minute)
	h.ok("snapshot", "--tables", "user,profile")
	if err := h.srv.Org.Update(user, fakeorg.Record{"Title": "live title"}); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(t.TempDir(), "s.sql")
	q := "select title from salesforce_user where id = '" + user + "';\n"
	text := ".mode csv\n.headers off\n.offline on\n" + q + ".asof " + fakeorg.ReferenceNow.Add(150*time.Minute).Format(time.RFC3339) + "\n" + q + ".offline off\n" + q
	if err := os.WriteFile(script, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := h.run(script)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || lines[0] != "Chief Snapshot Officer" || lines[2] != "live title" || lines[1] == lines[0] {
		t.Fatalf("offline, as-of, live: %q\n%s", lines, errOut)
	}
	if !strings.Contains(errOut, "tables from snapshot 2 of 00D") || !strings.Contains(errOut, "live tables") {
		t.Fatalf("the dot-commands said %q", errOut)
	}
}

// TestHistory_WatchRetriesTransientFailures: a round the org refuses
// (over its daily limit) is logged and retried; the watch goes on.
func TestHistory_WatchRetriesTransientFailures(t *testing.T) {
	h := newHistoryEnv(t)
	var stderr bytes.Buffer
	wait := func(text string) {
		for !strings.Contains(syncRead(&stderr), text) {
			time.Sleep(time.Millisecond)
		}
	}
	go func() {
		wait("round 1 at")
		h.srv.SetFaults(fakeorg.Faults{LimitExceeded: true})
		wait("will retry")
		h.srv.SetFaults(fakeorg.Faults{})
	}()
	code := Main(context.Background(), []string{"watch", "--every", "20ms", "--rounds", "6", "--tables", "user_login"},
		IO{Stdout: &bytes.Buffer{}, Stderr: &lockedWriter{&stderr}, Getenv: func(k string) string { return h.env[k] }, Now: h.clock.Now})
	log := syncRead(&stderr)
	failed := strings.Index(log, "failed (will retry): ")
	if code != 0 || failed < 0 || !strings.Contains(log, "REQUEST_LIMIT_EXCEEDED") || !strings.Contains(log[failed:], "sfsql: round 6 at") {
		t.Fatalf("exit %d\n%s", code, log)
	}
}

// TestFlags_RefuseNegativesAndPlainHTTP: negative --cache-ttl and
// --max-requests, and a plain-http instance URL, are one-line errors.
func TestFlags_RefuseNegativesAndPlainHTTP(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--cache-ttl", "-1m", "--demo", "-c", "select 1"}, "--cache-ttl -1m0s: must be 0 (off) or more"},
		{[]string{"--max-requests", "-5", "--demo", "-c", "select 1"}, "--max-requests -5: must be 0 (no limit) or more"},
		{[]string{"--instance-url", "http://acme.my.salesforce.com", "--access-token", "00Dx!tok", "-c", "select count(*) from salesforce_user"}, "refusing to send the access token over plain http"},
	} {
		code, out, errOut := run(t, nil, c.args...)
		if code != 1 || out != "" || !strings.Contains(errOut, c.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 || strings.Contains(errOut, "00Dx!tok") {
			t.Errorf("%v: exit %d, stderr %q", c.args, code, errOut)
		}
	}
}

// TestParams_NumbersBindAsNumbers: --param a=1 binds an integer (the
// filter still reaches Salesforce), a=1.5 a real, a quoted value text.
func TestParams_NumbersBindAsNumbers(t *testing.T) {
	code, out, errOut := run(t, nil, "--demo", "--soql", "--format", "csv", "--headers=false", "--param", "a=1", "--param", "r=1.5", "--param", "z='007'", "--param", "w=abc", "--param", "zip=02134",
		"-c", "select typeof(:a), typeof(:r), :z, typeof(:z), :w, :zip, typeof(:zip); select count(*) > 0 from salesforce_user where is_active = :a")
	if code != 0 || !strings.HasPrefix(out, "integer,real,007,text,abc,02134,text\n1\n") || !strings.Contains(errOut, "WHERE IsActive = true") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}

// TestHelp_ToStdoutWithExitZero: -h, --help, help, a verb's --help and
// --version print to stdout and exit 0.
func TestHelp_ToStdoutWithExitZero(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}, {"help", "check"}, {"check", "--help"}, {"watch", "-h"}} {
		code, out, errOut := run(t, nil, args...)
		if code != 0 || errOut != "" || !strings.Contains(out, "sfsql queries a Salesforce org in SQL.") || !strings.Contains(out, "-timeout") {
			t.Errorf("%v: exit %d, stderr %q, stdout %.80q", args, code, errOut, out)
		}
	}
	code, out, _ := run(t, nil, "--version")
	if code != 0 || !strings.HasPrefix(out, "sfsql ") || strings.Count(out, "\n") != 1 {
		t.Errorf("--version: exit %d %q", code, out)
	}
}

// TestTables_ListsEveryTable: salesforce_tables lists the catalogue, the
// derived tables and the org's other objects, live and offline.
func TestTables_ListsEveryTable(t *testing.T) {
	code, out, errOut := run(t, nil, "--demo", "--format", "csv", "--headers=false", "-c",
		"select name || ':' || kind from salesforce_tables where name in ('salesforce_user', 'salesforce_account', 'salesforce_user_permission') order by 1")
	if code != 0 || out != "salesforce_account:object\nsalesforce_user:catalogue\nsalesforce_user_permission:derived\n" {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}

// TestSteampipeNames: the Steampipe plugin's table names and its
// documented example query run unchanged.
func TestSteampipeNames(t *testing.T) {
	code, out, errOut := run(t, nil, "--demo", "--format", "csv", "--headers=false", "-c",
		"select (select count(*) from salesforce_object_permission) = (select count(*) from salesforce_object_permissions); "+
			"select count(*) > 0 from (select id, parent_id, sobject_type, permissions_modify_all_records, permissions_view_all_records from salesforce_object_permission)")
	if code != 0 || out != "1\n1\n" {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}

// TestBatch_CtrlCExits130: an interrupted script stops with exit status
// 130, as shells report SIGINT.
func TestBatch_CtrlCExits130(t *testing.T) {
	srv := startOrg(t)
	srv.SetFaults(fakeorg.Faults{Latency: 3 * time.Second})
	interrupts := make(chan os.Signal, 1)
	go func() {
		for srv.Counters.InFlight.Load() == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		interrupts <- os.Interrupt
	}()
	var out, errOut bytes.Buffer
	env := map[string]string{"SFSQL_INSTANCE_URL": srv.URL, "SFSQL_ACCESS_TOKEN": srv.Token}
	start := time.Now()
	code := Main(context.Background(), []string{"-c", "select count(*) from salesforce_user"},
		IO{Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }, Interrupts: interrupts})
	if code != 130 || time.Since(start) > 20*time.Second {
		t.Fatalf("exit %d after %v: %s", code, time.Since(start), errOut.String())
	}
}
