package cli

import (
	"strings"
	"testing"
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
