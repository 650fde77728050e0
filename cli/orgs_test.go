package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/sqltest"
)

var testOrgNames = map[string]string{"prod": "Acme Corp", "uat": "Acme Corp UAT", "client": "Initech", "old": "Acme Old"}

// savedOrgs starts fake orgs and saves a client-credentials connection for
// each (with its org Id, as sfsql login saves it); disabled ones too.
func savedOrgs(t *testing.T, users map[string]int, disabled ...string) (map[string]*fakeorg.Server, map[string]string) {
	config := t.TempDir()
	store := &auth.Store{Dir: config}
	orgs := map[string]*fakeorg.Server{}
	n := 0
	for _, name := range []string{"prod", "uat", "client", "old"} {
		count, ok := users[name]
		if !ok {
			continue
		}
		n++
		srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: count, Seed: uint64(n), OrgNumber: n, OrgName: testOrgNames[name], Sandbox: name == "uat"})
		srv.AddConnectedApp(fakeorg.ConnectedApp{ClientID: "cc", ClientSecret: "s", RunAs: "ada.admin0@acme.example.com"})
		c := &auth.Connection{Name: name, Method: auth.MethodClientCredentials, InstanceURL: srv.URL, ClientID: "cc", OrgID: srv.OrgID()}
		for _, d := range disabled {
			c.Disabled = c.Disabled || d == name
		}
		if err := store.Save(c, &auth.Secrets{ClientSecret: "s"}); err != nil {
			t.Fatal(err)
		}
		orgs[name] = srv
	}
	return orgs, map[string]string{"SFSQL_CONFIG_DIR": config, "HOME": t.TempDir()}
}

func activeUsers(srv *fakeorg.Server) int {
	n := 0
	for _, u := range srv.Store.Rows("User") {
		if u["IsActive"] == true {
			n++
		}
	}
	return n
}

func csvRows(t *testing.T, out string) [][]string {
	r := csv.NewReader(strings.NewReader(out))
	r.FieldsPerRecord = -1 // several statements: several headers
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("csv %q: %v", out, err)
	}
	return rows
}

// -C twice and --all read the orgs at once; a disabled connection is left
// out and said so; --skip-failed turns a failing org into a warning.
func TestOrgs_SeveralConnectionsInOneQuery(t *testing.T) {
	orgs, env := savedOrgs(t, map[string]int{"prod": 80, "uat": 30, "old": 10}, "old")
	q := "select connection, org_id, count(*) from salesforce_user where is_active = 1 group by 1, 2 order by 1"
	want := fmt.Sprintf("connection,org_id,count(*)\nprod,%s,%d\nuat,%s,%d\n", orgs["prod"].OrgID(), activeUsers(orgs["prod"]), orgs["uat"].OrgID(), activeUsers(orgs["uat"]))
	code, out, errOut := run(t, env, "-C", "prod", "-C", "uat", "--format", "csv", "-c", q)
	if code != 0 || out != want {
		t.Fatalf("-C -C: %d %q %s\nwant %q", code, out, errOut, want)
	}
	code, out, errOut = run(t, env, "--all", "--format", "csv", "-c", q)
	if code != 0 || out != want || !strings.Contains(errOut, "--all leaves out old: the connection is disabled") {
		t.Fatalf("--all: %d %q %q", code, out, errOut)
	}
	orgs["uat"].SetFaults(fakeorg.Faults{LimitExceeded: true})
	code, _, errOut = run(t, env, "--all", "--format", "csv", "-c", q)
	if code != 1 || !strings.Contains(errOut, "connection uat") || strings.Count(strings.TrimSpace(errOut), "\n") != 1 {
		t.Fatalf("a failing org: %d %q", code, errOut)
	}
	code, out, errOut = run(t, env, "--all", "--skip-failed", "--format", "csv", "-c", q)
	if code != 0 || !strings.HasSuffix(out, fmt.Sprintf("prod,%s,%d\n", orgs["prod"].OrgID(), activeUsers(orgs["prod"]))) || strings.Contains(out, "uat") ||
		!strings.Contains(errOut, "skipped connection uat") {
		t.Fatalf("--skip-failed: %d %q %q", code, out, errOut)
	}
}

// The demo can show it: two differently seeded embedded orgs.
func TestOrgs_DemoOrgs(t *testing.T) {
	code, out, errOut := run(t, nil, "--demo", "--demo-orgs", "2", "--format", "csv", "-c",
		"select connection, org_name, is_sandbox from salesforce_orgs order by 1; select connection, count(*) > 100 from salesforce_user group by 1 order by 1")
	rows := csvRows(t, out)
	if code != 0 || len(rows) != 6 || rows[1][0] != "demo" || rows[2][0] != "demo2" || rows[2][2] != "1" || rows[1][1] == rows[2][1] ||
		rows[4][1] != "1" || rows[5][1] != "1" {
		t.Fatalf("%d %v %s", code, rows, errOut)
	}
}

// sfsql --all check: one report per org under its name, the exit status
// the worst of them.
func TestOrgs_CheckEveryOrg(t *testing.T) {
	orgs, env := savedOrgs(t, map[string]int{"prod": 60, "uat": 40})
	env["SFSQL_STORE"] = filepath.Join(t.TempDir(), "h.db")
	code, out, errOut := run(t, env, "--all", "check", "--only", "PRIV-01", "--format", "markdown")
	if code != 1 || !strings.Contains(out, "## prod: Acme Corp ("+orgs["prod"].OrgID()+")") || !strings.Contains(out, "## uat: Acme Corp UAT ("+orgs["uat"].OrgID()+")") {
		t.Fatalf("%d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run(t, env, "--all", "check", "--min-severity", "high", "--format", "markdown")
	if code != 1 || strings.Count(out, "| PRIV-01 ") < 2 || strings.Contains(out, "| medium |") || strings.Contains(out, "| low |") {
		t.Fatalf("--min-severity high: %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run(t, env, "--all", "check", "--only", "PRIV-01", "--format", "sarif")
	var log struct {
		Runs []struct {
			AutomationDetails struct{ ID string } `json:"automationDetails"`
			Results           []struct{ RuleID string }
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); code != 1 || err != nil || len(log.Runs) != 2 ||
		log.Runs[0].AutomationDetails.ID != "sfsql/check/"+orgs["prod"].OrgID() || log.Runs[1].AutomationDetails.ID != "sfsql/check/"+orgs["uat"].OrgID() ||
		len(log.Runs[0].Results) == 0 || len(log.Runs[1].Results) == 0 {
		t.Fatalf("sarif over several orgs: %d %v %s\n%.500s", code, err, errOut, out)
	}
	code, out, _ = run(t, env, "--all", "check", "--only", "PRIV-01", "--format", "json")
	var docs []struct {
		Org string `json:"org_id"`
	}
	if err := json.Unmarshal([]byte(out), &docs); code != 1 || err != nil || len(docs) != 2 || docs[1].Org != orgs["uat"].OrgID() {
		t.Fatalf("json over several orgs: %d %v %.300s", code, err, out)
	}
	code, _, errOut = run(t, env, "--all", "check", "--format", "html")
	if code != 1 || !strings.Contains(errOut, "run it per connection for html") {
		t.Fatalf("html over several orgs: %d %s", code, errOut)
	}
}

// sfsql --all watch: one loop over both orgs, one store; a grant in one
// org is one notification naming that org.
func TestOrgs_WatchEveryOrgNotifiesWithTheOrg(t *testing.T) {
	orgs, env := savedOrgs(t, map[string]int{"prod": 60, "uat": 40})
	now := fastClock()
	for _, srv := range orgs {
		srv.Clock = now
	}
	env["SFSQL_STORE"] = filepath.Join(t.TempDir(), "h.db")
	rcv := newReceiver(t)
	var stderr bytes.Buffer
	interrupts := make(chan os.Signal, 1)
	done := make(chan int)
	go func() {
		done <- Main(context.Background(), []string{"--all", "watch", "--every", "30ms", "--only", "PRIV-01", "--notify", "webhook=" + rcv.srv.URL,
			"--tables", "user,profile,permission_set,permission_set_assignment,permission_set_group"},
			IO{Stdout: io.Discard, Stderr: &lockedWriter{&stderr}, Getenv: func(k string) string { return env[k] }, Now: now, Interrupts: interrupts})
	}()
	waitFor := func(what string, cond func([]map[string]any) bool) []map[string]any {
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			if ms := rcv.messages(); cond(ms) {
				return ms
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatalf("%s never came; got %v\n%s", what, rcv.messages(), syncRead(&stderr))
		return nil
	}
	summaries := waitFor("a summary per org", func(ms []map[string]any) bool { return len(ms) == 2 })
	got := map[string]bool{}
	for _, m := range summaries {
		got[fmt.Sprint(m["event"], " ", m["org_id"])] = true
	}
	if !got["summary "+orgs["prod"].OrgID()] || !got["summary "+orgs["uat"].OrgID()] {
		t.Fatalf("summaries: %v", summaries)
	}
	uat := orgs["uat"]
	mad := ""
	for _, ps := range uat.Store.Rows("PermissionSet") {
		if ps["Name"] == "Modify_All_Data_Temp" {
			mad = ps["Id"].(string)
		}
	}
	grantee := uat.Store.Rows("User")[20]
	uat.Org.Insert("PermissionSetAssignment", fakeorg.Record{"AssigneeId": grantee["Id"], "PermissionSetId": mad, "IsActive": true})
	opened := waitFor("the grant's notification", func(ms []map[string]any) bool { return len(ms) == 3 })[2]
	if opened["event"] != "opened" || opened["org_id"] != uat.OrgID() || !strings.Contains(opened["text"].(string), grantee["Username"].(string)) {
		t.Fatalf("the grant sent %v", opened)
	}
	time.Sleep(300 * time.Millisecond) // more rounds: nothing else is new
	if ms := rcv.messages(); len(ms) != 3 {
		t.Fatalf("more messages than the one grant: %v", ms[3:])
	}
	interrupts <- os.Interrupt
	if code := <-done; code != 0 {
		t.Fatalf("watch exited %d\n%s", code, syncRead(&stderr))
	}
	log := syncRead(&stderr)
	if !strings.Contains(log, "sfsql: prod: round 1") || !strings.Contains(log, "sfsql: uat: round 1") {
		t.Fatalf("the log does not name the orgs:\n%s", log)
	}
}

// sfsql --all snapshot keeps each org's snapshot in the one store: each
// then answers offline with its own rows.
func TestOrgs_SnapshotEveryOrg(t *testing.T) {
	orgs, env := savedOrgs(t, map[string]int{"prod": 60, "uat": 40})
	env["SFSQL_STORE"] = filepath.Join(t.TempDir(), "h.db")
	code, out, errOut := run(t, env, "--all", "snapshot", "--tables", "user,profile")
	if code != 0 || !strings.Contains(out, "prod: snapshot 1: 2 tables") || !strings.Contains(out, "uat: snapshot 2: 2 tables") {
		t.Fatalf("%d %q %s", code, out, errOut)
	}
	for name, srv := range orgs {
		code, out, errOut := run(t, env, "-C", name, "--offline", "--format", "csv", "--headers=false", "-c", "select count(*) from salesforce_user")
		if code != 0 || strings.TrimSpace(out) != fmt.Sprint(len(srv.Store.Rows("User"))) {
			t.Fatalf("%s offline: %d %q %s", name, code, out, errOut)
		}
	}
	// changes and findings list each org under its heading.
	run(t, env, "--all", "check", "--only", "PRIV-01")
	for _, verb := range []string{"changes", "findings"} {
		code, out, errOut := run(t, env, "--all", verb)
		if code != 0 || !strings.Contains(out, "== prod: Acme Corp ("+orgs["prod"].OrgID()+") ==") || !strings.Contains(out, "== uat: Acme Corp UAT ("+orgs["uat"].OrgID()+") ==") {
			t.Fatalf("--all %s: %d\n%s\n%s", verb, code, out, errOut)
		}
	}
	_, out, _ = run(t, env, "--all", "findings")
	if prod, uat := strings.Index(out, "== prod"), strings.Index(out, "== uat"); !strings.Contains(out[prod:uat], "PRIV-01") || !strings.Contains(out[uat:], "PRIV-01") {
		t.Fatalf("findings per org:\n%s", out)
	}
	if code, _, errOut := run(t, env, "--all", "findings", "--format", "csv"); code != 1 || !strings.Contains(errOut, "a list per org") {
		t.Fatalf("csv over several orgs: %d %s", code, errOut)
	}
}

// TestREADME_SeveralOrgsCommandsRunAsWritten runs every command of the
// README's several-orgs block against saved connections prod and uat (and
// a disabled one), with the store where the README says it is.
func TestREADME_SeveralOrgsCommandsRunAsWritten(t *testing.T) {
	orgs, env := savedOrgs(t, map[string]int{"prod": 60, "uat": 40, "old": 10}, "old")
	for i, line := range readmeBlock(t, "## Several orgs at once") {
		args := shellWords(line)
		if args[0] != "sfsql" {
			t.Fatalf("line %d is not an sfsql command: %s", i+1, line)
		}
		code, out, errOut := run(t, env, args[1:]...)
		if code != 0 && !(code == 1 && strings.Contains(line, " check ")) {
			t.Fatalf("%s\nexit %d: %s", line, code, errOut)
		}
		if out == "" && !strings.Contains(line, " watch ") {
			t.Fatalf("%s printed nothing (%s)", line, errOut)
		}
		if strings.Contains(line, " watch ") {
			if !strings.Contains(errOut, "sfsql: prod: round 1 ") || !strings.Contains(errOut, "sfsql: uat: round 1 ") {
				t.Fatalf("%s: a round per org not logged:\n%s", line, errOut)
			}
			continue
		}
		if !strings.Contains(line, "--demo") && !strings.Contains(line, "connection = 'uat'") && !(strings.Contains(out, "prod") || strings.Contains(out, "Acme Corp") || strings.Contains(out, orgs["prod"].OrgID())) {
			t.Errorf("%s: prod is not in the output:\n%s", line, out)
		}
	}
	if _, err := os.Stat(filepath.Join(env["HOME"], ".local", "share", "sfsql", "history.db")); err != nil {
		t.Fatalf("the store is not where the README says: %v", err)
	}
}
