package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
)

// explain-access on the demo names the planted paths: a group's muting
// (Service Desk takes Account view all from Account Auditor), an expired
// assignment, a session-based set, a grant through a group, and what a
// system permission implies.
func TestExplainAccess_NamesThePlantedPaths(t *testing.T) {
	code, out, errOut := run(t, nil, "--demo", "--format", "csv", "--headers=false", "-c", `
select u.username from salesforce_permission_set_assignment a join salesforce_user u on u.id = a.assignee_id
  join salesforce_permission_set_group g on g.id = a.permission_set_group_id where g.developer_name = 'Service_Desk' order by 1 limit 1;
select u.username from salesforce_permission_set_assignment a join salesforce_user u on u.id = a.assignee_id
  join salesforce_permission_set ps on ps.id = a.permission_set_id where ps.name = 'Account_Auditor' and a.expiration_date < datetime('now') limit 1;
select u.username from salesforce_permission_set_assignment a join salesforce_user u on u.id = a.assignee_id
  join salesforce_permission_set ps on ps.id = a.permission_set_id where ps.name = 'Export_On_Demand' limit 1`)
	users := strings.Fields(out)
	if code != 0 || len(users) != 3 {
		t.Fatalf("planted users: %d %q %s", code, out, errOut)
	}
	for _, c := range []struct {
		user, target string
		want         []string
	}{
		{users[0], "Account", []string{"on Account:", `permission set group "Service Desk" (through permission set Account Auditor in the group): read`,
			"muted: Service Desk Muting in group Service Desk takes view all from permission set Account Auditor", "cannot: delete, view all, modify all"}},
		{users[0], "Case", []string{`permission set group "Service Desk" (through permission set Case Desk in the group): read, create, edit`,
			"takes delete from permission set Case Desk"}},
		{users[1], "Account", []string{"expired: permission set Account Auditor on ", "no longer counts", "cannot: delete, view all, modify all"}},
		{users[2], "Opportunity", []string{`permission set "Export on Demand" (assigned, session-based): read, view all — not counted`, "cannot: view all, modify all"}},
		{users[0], "Account.AnnualRevenue", []string{"on field Account.AnnualRevenue:", `permission set group "Service Desk"`}},
		{"ada.admin0@acme.example.com", "ModifyAllData", []string{`granted by profile "System Administrator"`, "implies: read, create, edit, delete, view all and modify all on every object"}},
		{"ada.admin0@acme.example.com", "Lead", []string{"can: read, create, edit, delete, view all, modify all", "implied by Modify All Data (profile)"}},
	} {
		code, out, errOut := run(t, nil, "--demo", "explain-access", c.user, c.target)
		if code != 0 {
			t.Fatalf("explain-access %s %s: %d %s", c.user, c.target, code, errOut)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("explain-access %s %s lacks %q:\n%s", c.user, c.target, w, out)
			}
		}
	}
	code, _, errOut = run(t, nil, "--demo", "explain-access", "nobody@nowhere.example.com", "Account")
	if code != 1 || !strings.Contains(errOut, "no user nobody@nowhere.example.com") {
		t.Fatalf("unknown user: %d %s", code, errOut)
	}
}

// TestREADME_AccessCommandsRunAsWritten runs the effective-access block.
func TestREADME_AccessCommandsRunAsWritten(t *testing.T) {
	for _, line := range readmeBlock(t, "## Effective access") {
		args := shellWords(line)
		code, out, errOut := run(t, nil, args[1:]...)
		if code != 0 || !strings.Contains(out, "@acme.example.com") && !strings.Contains(out, "System Administrator") {
			t.Fatalf("%s\nexit %d: %s%s", line, code, out, errOut)
		}
	}
}

// Offline, explain-access answers from the latest snapshot — the same
// answer, with no request — and as of an earlier one, the state then.
func TestExplainAccess_OfflineAndAsOf(t *testing.T) {
	h := newHistoryEnv(t)
	h.ok("snapshot")
	srv := h.srv
	user := srv.Store.Rows("User")[0]["Username"].(string)
	live := h.ok("explain-access", user, "Account")
	srv.ResetCounters()
	if offline := h.ok("--offline", "explain-access", user, "Account"); offline != live || !strings.Contains(live, "can: read, create, edit, delete, view all, modify all") {
		t.Fatalf("offline\n%s\nlive\n%s", offline, live)
	}
	if n := srv.Counters.Requests.Load(); n != 0 {
		t.Fatalf("offline explain-access sent %d requests", n)
	}
	// A grant after the first snapshot: the latest shows it, as of the
	// first does not.
	first := h.clock.Now().Add(time.Minute)
	h.clock.Advance(time.Hour)
	var auditor, grantee string
	for _, ps := range srv.Store.Rows("PermissionSet") {
		if ps["Name"] == "Account_Auditor" {
			auditor = ps["Id"].(string)
		}
	}
	for _, u := range srv.Store.Rows("User")[1:] {
		if u["IsActive"] == true && grantee == "" {
			grantee = u["Username"].(string)
			srv.Org.Insert("PermissionSetAssignment", fakeorg.Record{"AssigneeId": u["Id"], "PermissionSetId": auditor, "IsActive": true})
		}
	}
	h.clock.Advance(2 * time.Minute)
	h.ok("snapshot")
	now := h.ok("--offline", "explain-access", grantee, "Account")
	then := h.ok("--as-of", first.Format(time.RFC3339), "explain-access", grantee, "Account")
	if !strings.Contains(now, `permission set "Account Auditor" (assigned)`) || strings.Contains(then, "Account Auditor") || !strings.Contains(then, "on Account:") {
		t.Fatalf("latest:\n%s\nas of the first snapshot:\n%s", now, then)
	}
}
