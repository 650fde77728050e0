package rules_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/rules"
)

// weakness plants what one rule looks for into a clean org and says which
// resource the finding must name.
type weakness struct {
	schema func(o *fakeorg.Org) // before seeding: fields a feature brings
	plant  func(e *env) string
}

func (e *env) org() *fakeorg.Org { return e.c.Org }

func (e *env) day(n int) time.Time { return e.clock.Now().Add(-time.Duration(n) * 24 * time.Hour) }

// grant gives user1 a new permission set with the permissions.
func (e *env) grant(user string, perms ...string) string {
	r := fakeorg.Record{"Name": "Planted_" + strings.Join(perms, "_"), "Label": "Planted", "IsOwnedByProfile": false, "IsCustom": true, "Type": "Regular"}
	for _, p := range perms {
		r["Permissions"+p] = true
	}
	ps := e.org().Insert("PermissionSet", r)
	e.org().Insert("PermissionSetAssignment", fakeorg.Record{"AssigneeId": user, "PermissionSetId": ps, "IsActive": true})
	return ps
}

func (e *env) risk(setting, group, risk string) {
	hc := e.org().Store.Rows("SecurityHealthCheck")[0]["Id"]
	e.org().Store.Insert("SecurityHealthCheckRisks", fakeorg.Record{"DurableId": setting, "SecurityHealthCheckId": hc, "RiskType": risk,
		"Setting": setting, "SettingGroup": group, "OrgValue": "weak", "StandardValue": "strong"})
}

func (e *env) audit(action, by string, at time.Time) string {
	return e.org().Store.Insert("SetupAuditTrail", fakeorg.Record{"Action": action, "Section": "Manage Users", "Display": action + " done",
		"CreatedDate": at, "CreatedById": by, "SystemModstamp": at})
}

func (e *env) update(id string, r fakeorg.Record) {
	if err := e.org().Update(id, r); err != nil {
		e.t.Fatal(err)
	}
}

const user1 = "user1@clean.example.com"

var weaknesses = map[string]weakness{
	"PRIV-01": {plant: func(e *env) string { e.grant(e.c.User1, "ModifyAllData"); return user1 }},
	"PRIV-02": {plant: func(e *env) string { e.grant(e.c.User1, "ViewAllData"); return user1 }},
	"PRIV-03": {plant: func(e *env) string { e.grant(e.c.User1, "ModifyAllData", "ViewAllData", "ManageUsers"); return user1 }},
	"PRIV-04": {plant: func(e *env) string { e.grant(e.c.User1, "AuthorApex"); return user1 }},
	"PRIV-05": {plant: func(e *env) string { e.grant(e.c.User1, "ResetPasswords"); return user1 }},
	"PRIV-06": {plant: func(e *env) string { e.grant(e.c.User1, "CanApproveUninstalledApps"); return user1 }},
	"PRIV-07": {schema: func(o *fakeorg.Org) {
		o.Store.Schema.Object("PermissionSet").AddField(fakeorg.Field{Name: "PermissionsUseAnyApiClient", Type: "boolean", Filterable: true, Label: "Use Any API Client"})
	}, plant: func(e *env) string { e.grant(e.c.User1, "UseAnyApiClient"); return user1 }},
	"PRIV-08": {plant: func(e *env) string { e.grant(e.c.User1, "ApiEnabled"); return user1 }},
	"PRIV-09": {plant: func(e *env) string {
		e.grant(e.c.User2, "ApiEnabled", "ApiUserOnly", "ViewAllData")
		return "user2@clean.example.com"
	}},
	"PRIV-10": {plant: func(e *env) string { e.grant(e.c.User1, "DataExport"); return user1 }},
	"PRIV-11": {plant: func(e *env) string {
		ps := e.grant(e.c.User1, "RunReports")
		e.org().Store.Insert("ObjectPermissions", fakeorg.Record{"ParentId": ps, "SobjectType": "Account", "PermissionsRead": true, "PermissionsViewAllRecords": true})
		return "Planted · Account"
	}},
	"PRIV-12": {plant: func(e *env) string {
		for _, ps := range e.org().Store.Rows("PermissionSet") {
			if ps["Id"] == e.c.StandardPS {
				e.update(e.c.StandardPS, fakeorg.Record{"IsCustom": false})
			}
		}
		return "Custom: Minimum"
	}},
	"IDN-01": {plant: func(e *env) string { e.update(e.c.User1, fakeorg.Record{"LastLoginDate": e.day(200)}); return user1 }},
	"IDN-02": {plant: func(e *env) string {
		e.grant(e.c.User2, "RunReports")
		e.update(e.c.User2, fakeorg.Record{"IsActive": false})
		return "user2@clean.example.com · Planted_RunReports"
	}},
	"IDN-03": {plant: func(e *env) string {
		e.grant(e.c.User1, "ManageUsers")
		for _, l := range e.org().Store.Rows("UserLogin") {
			if l["UserId"] == e.c.User1 {
				e.org().Store.Update(l["Id"].(string), fakeorg.Record{"IsFrozen": true, "LastModifiedDate": e.day(60)})
			}
		}
		return user1
	}},
	"AUTH-01": {plant: func(e *env) string {
		e.org().Store.Insert("User", fakeorg.Record{"Username": "nomfa@clean.example.com", "Name": "No MFA", "IsActive": true, "UserType": "Standard",
			"ProfileId": e.c.StandardProfile, "LastLoginDate": e.day(1), "CreatedDate": e.day(100), "SystemModstamp": e.clock.Now()})
		return "nomfa@clean.example.com"
	}},
	"AUTH-02": {plant: func(e *env) string { e.grant(e.c.User1, "BypassMFAForUiLogins"); return user1 }},
	"AUTH-03": {plant: func(e *env) string {
		e.org().Insert("LoginHistory", fakeorg.Record{"UserId": e.c.User1, "LoginTime": e.day(2), "LoginType": "Application", "Status": "Success",
			"SourceIp": "198.51.100.9", "CountryIso": "US", "AuthMethodReference": "pwd"})
		return user1
	}},
	"AUTH-05": {plant: func(e *env) string {
		set := e.org().Store.Rows("SecuritySettings")[0]
		e.org().Store.Update(set["Id"].(string), fakeorg.Record{"Metadata": map[string]any{"sessionSettings": map[string]any{"enableMFADirectUILoginOptIn": false}}})
		return "session settings"
	}},
	"AUTH-06": {plant: func(e *env) string {
		e.org().Store.Update(e.c.StandardProfile, fakeorg.Record{"Metadata": map[string]any{"loginIpRanges": []any{
			map[string]any{"startAddress": "0.0.0.0", "endAddress": "255.255.255.255"}}}})
		return "Custom: Minimum"
	}},
	"AUTH-04": {plant: func(e *env) string {
		e.grant(e.c.User2, "ManageUsers")
		for _, m := range e.org().Store.Rows("TwoFactorMethodsInfo") {
			if m["UserId"] == e.c.User2 {
				m["HasU2F"], m["HasSecurityKey"] = false, false
			}
		}
		return "user2@clean.example.com"
	}},
	"CFG-01": {plant: func(e *env) string {
		e.org().Store.Update(e.org().Store.Rows("SecurityHealthCheck")[0]["Id"].(string), fakeorg.Record{"Score": "71"})
		return "Health Check"
	}},
	"CFG-02": {plant: func(e *env) string {
		e.risk("Minimum password length", "PasswordPolicies", "HIGH_RISK")
		return "Minimum password length"
	}},
	"CFG-03": {plant: func(e *env) string {
		e.risk("Session timeout", "SessionSettings", "HIGH_RISK")
		return "Session timeout"
	}},
	"CFG-04": {plant: func(e *env) string {
		e.risk("Password history", "PasswordPolicies", "MEDIUM_RISK")
		return "Password history"
	}},
	"CFG-05": {plant: func(e *env) string {
		e.risk("Enable CSRF protection on GET requests", "SessionSettings", "HIGH_RISK")
		return "CSRF"
	}},
	"CFG-06": {plant: func(e *env) string { e.audit("suOrgAdminLogin", e.c.User1, e.day(3)); return user1 }},
	"CFG-07": {plant: func(e *env) string {
		e.update(e.org().OrgID(), fakeorg.Record{"DefaultAccountAccess": "Edit"})
		return "Account"
	}},
	"APP-01": {plant: func(e *env) string {
		e.org().Insert("ConnectedApplication", fakeorg.Record{"Name": "Shady Sync", "OptionsAllowAdminApprovedUsersOnly": false, "OptionsRefreshTokenValidityMetric": true})
		e.org().Store.Insert("OauthToken", fakeorg.Record{"AppName": "Shady Sync", "UserId": e.c.User1, "CreatedDate": e.day(5), "LastUsedDate": e.day(1), "DeleteToken": "tok-shady"})
		return "Shady Sync"
	}},
	"APP-02": {plant: func(e *env) string {
		e.org().Store.Insert("OauthToken", fakeorg.Record{"AppName": "Clean Integration", "UserId": e.c.User1, "CreatedDate": e.day(300), "LastUsedDate": e.day(200), "DeleteToken": "tok-stale"})
		return "Clean Integration"
	}},
	"APP-03": {plant: func(e *env) string {
		e.org().Insert("ConnectedApplication", fakeorg.Record{"Name": "Forever Tokens", "OptionsAllowAdminApprovedUsersOnly": true, "OptionsRefreshTokenValidityMetric": false})
		e.org().Store.Insert("OauthToken", fakeorg.Record{"AppName": "Forever Tokens", "UserId": e.c.Admin, "CreatedDate": e.day(5), "LastUsedDate": e.day(1), "DeleteToken": "tok-forever"})
		return "Forever Tokens"
	}},
	"APP-04": {plant: func(e *env) string {
		e.org().Insert("ConnectedApplication", fakeorg.Record{"Name": "Brand New App", "OptionsAllowAdminApprovedUsersOnly": true, "OptionsRefreshTokenValidityMetric": true})
		return "Brand New App"
	}},
	"GST-01": {plant: func(e *env) string {
		e.org().Store.Insert("ObjectPermissions", fakeorg.Record{"ParentId": e.c.GuestPS, "SobjectType": "Case", "PermissionsRead": true, "PermissionsEdit": true})
		return "Clean Site Guest · Case"
	}},
	"GST-02": {plant: func(e *env) string {
		e.update(e.c.GuestPS, fakeorg.Record{"PermissionsApiEnabled": true})
		return "Clean Site Guest"
	}},
	"GST-03": {plant: func(e *env) string {
		e.org().Insert("Site", fakeorg.Record{"Name": "help", "Status": "Active", "OptionsAllowGuestSupportApi": true})
		return "help"
	}},
	"MON-01": {plant: func(e *env) string {
		for k := range 12 {
			e.org().Insert("LoginHistory", fakeorg.Record{"UserId": e.c.User1, "LoginTime": e.clock.Now().Add(-time.Duration(k) * time.Minute).Add(-3 * time.Hour),
				"Status": "Invalid Password", "SourceIp": "203.0.113.5", "LoginType": "Application"})
		}
		return "203.0.113.5"
	}},
	"MON-02": {plant: func(e *env) string {
		e.grant(e.c.User2, "ManageUsers")
		e.org().Insert("LoginHistory", fakeorg.Record{"UserId": e.c.User2, "LoginTime": e.clock.Now().Add(-2 * time.Hour), "Status": "Success",
			"SourceIp": "192.0.2.44", "CountryIso": "KP", "LoginType": "Application", "AuthMethodReference": "mfa"})
		return "user2@clean.example.com · KP"
	}},
	"MON-03": {plant: func(e *env) string { e.audit("changedSessionTimeout", e.c.User1, e.day(2)); return user1 }},
	"MON-04": {plant: func(e *env) string {
		e.audit("resetpassword", e.c.Admin, e.day(2))
		return "admin@clean.example.com · resetpassword"
	}},
	"MON-05": {plant: func(e *env) string {
		e.grant(e.c.User2, "ModifyAllData")
		return "user2@clean.example.com · Planted_ModifyAllData"
	}},
}

// noWay are the rules that cannot run against any org sfsql reads yet:
// they skip, saying what they need.
var noWay = map[string]string{}

// TestBuiltin_SilentOnACleanOrg: on the clean org every rule passes (the
// admin's privileges are muted, as an allow-list), or skips for a reason.
func TestBuiltin_SilentOnACleanOrg(t *testing.T) {
	e := newEnv(t, nil)
	for _, r := range e.run() {
		switch {
		case noWay[r.Rule.ID] != "":
			if r.Status != rules.Skip || !strings.Contains(r.Why, noWay[r.Rule.ID]) {
				t.Errorf("%s: %s %s", r.Rule.ID, r.Status, r.Why)
			}
		case r.Status == rules.Error || r.Status == rules.Skip && r.Rule.ID != "PRIV-07":
			t.Errorf("%s: %s: %s", r.Rule.ID, r.Status, r.Why)
		case len(unmuted(r)) > 0:
			t.Errorf("%s fires on the clean org: %v", r.Rule.ID, unmuted(r))
		}
	}
}

// TestBuiltin_FiresOnItsWeakness plants each rule's weakness into a clean
// org of its own and expects the rule to name the resource.
func TestBuiltin_FiresOnItsWeakness(t *testing.T) {
	all := builtin(t)
	if len(all) != 40 {
		t.Fatalf("%d built-in rules, want 40", len(all))
	}
	for _, r := range all {
		w, ok := weaknesses[r.ID]
		if !ok {
			if noWay[r.ID] == "" {
				t.Errorf("%s has no weakness to fire on", r.ID)
			}
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, w.schema)
			want := w.plant(e)
			res := e.run(r.ID)[0]
			got := unmuted(res)
			var names []string
			for _, f := range got {
				names = append(names, f.ResourceName)
			}
			if res.Status != rules.Fail || !strings.Contains(strings.Join(names, "\n"), want) {
				t.Fatalf("%s: %s %s, findings %v; want one naming %q", r.ID, res.Status, res.Why, names, want)
			}
			for _, f := range got {
				if f.ResourceID == "" || f.Reason == "" {
					t.Fatalf("%s: a finding without a resource id or reason: %+v", r.ID, f)
				}
			}
		})
	}
}

var _ = fmt.Sprint

// TestEvaluate_AnAPIFailureIsNeverAPass: with the org refusing every
// request, no rule that reads the org passes.
func TestEvaluate_AnAPIFailureIsNeverAPass(t *testing.T) {
	e := newEnv(t, nil)
	e.h.Engine.ClearCache()
	e.h.Org.SetFaults(fakeorg.Faults{LimitExceeded: true})
	results := rules.Evaluate(context.Background(), e.h.Session, e.rules, rules.Params{OrgID: e.c.Org.OrgID(), SnapshotID: 1})
	for _, r := range results {
		// APP-04 and MON-05 read the store's changes: none means no new grant, org or not.
		if r.Status == rules.Pass && !strings.Contains(r.Rule.Needs, "history store") {
			t.Errorf("%s passed while the org refused every request", r.Rule.ID)
		}
	}
	if !rules.Errored(results) {
		t.Fatal("no rule reported the API failure")
	}
}
