package fakeorg

import (
	"strings"
	"testing"
	"time"
)

// storyOrg is the demo's seed with its planted history applied.
func storyOrg(t *testing.T) *Org {
	t.Helper()
	o, err := New()
	if err != nil {
		t.Fatal(err)
	}
	Seed(o, SeedOptions{Users: 2500})
	clock := NewManualClock(ReferenceNow.Add(22 * time.Hour)) // as the demo: the history comes after the seed
	o.Clock = clock.Now
	PlantHistory(o, func() { clock.Advance(HistoryStep) })
	return o
}

func timeOf(r Record, f string) (time.Time, bool) {
	t, ok := r[f].(time.Time)
	return t, ok
}

// TestSeed_NothingHappensInTheFuture: no stamp of any record is after the
// org's now (the planted history moves the clock on by minutes only).
func TestSeed_NothingHappensInTheFuture(t *testing.T) {
	o := storyOrg(t)
	limit := ReferenceNow.Add(24 * time.Hour)
	for _, obj := range []string{"User", "LoginHistory", "SetupAuditTrail", "PermissionSetAssignment", "OauthToken", "AuthSession", "GroupMember", "PermissionSet", "ConnectedApplication"} {
		for _, r := range o.Store.Rows(obj) {
			for _, f := range []string{"CreatedDate", "LastModifiedDate", "SystemModstamp", "LoginTime", "LastLoginDate", "LastUsedDate", "LastPasswordChangeDate"} {
				if at, ok := timeOf(r, f); ok && at.After(limit) {
					t.Errorf("%s %s %s = %s, after now", obj, r["Id"], f, at)
				}
			}
		}
	}
}

// TestSeed_LoginsAgreeWithUsers: a user's logins fall in their time in
// the org, and the last success is their LastLoginDate.
func TestSeed_LoginsAgreeWithUsers(t *testing.T) {
	o := storyOrg(t)
	lastSuccess := map[any]time.Time{}
	first := map[any]time.Time{}
	for _, l := range o.Store.Rows("LoginHistory") {
		at, _ := timeOf(l, "LoginTime")
		if f, ok := first[l["UserId"]]; !ok || at.Before(f) {
			first[l["UserId"]] = at
		}
		if l["Status"] == "Success" && at.After(lastSuccess[l["UserId"]]) {
			lastSuccess[l["UserId"]] = at
		}
	}
	window := ReferenceNow.AddDate(0, 0, -56)
	for _, u := range o.Store.Rows("User") {
		created, _ := timeOf(u, "CreatedDate")
		last, logged := timeOf(u, "LastLoginDate")
		if logged && last.Before(created) {
			t.Errorf("%s logged in (%s) before joining (%s)", u["Username"], last, created)
		}
		if f, ok := first[u["Id"]]; ok && f.Before(created) {
			t.Errorf("%s has a login (%s) before joining (%s)", u["Username"], f, created)
		}
		if left, _ := timeOf(u, "LastModifiedDate"); u["IsActive"] == false && logged && last.After(left) {
			t.Errorf("%s logged in (%s) after leaving (%s)", u["Username"], last, left)
		}
		switch got := lastSuccess[u["Id"]]; {
		case logged && !last.Before(window) && !got.Equal(last):
			t.Errorf("%s: last successful login %s, LastLoginDate %s", u["Username"], got, last)
		case (!logged || last.Before(window)) && !got.IsZero():
			t.Errorf("%s: a successful login %s, LastLoginDate %v", u["Username"], got, u["LastLoginDate"])
		}
	}
}

// TestSeed_AuditTrailTellsWhatTheRecordsShow: every line of the audit
// trail is about something the records bear out.
func TestSeed_AuditTrailTellsWhatTheRecordsShow(t *testing.T) {
	o := storyOrg(t)
	byName := func(object, field, value string) Record {
		for _, r := range o.Store.Rows(object) {
			if r[field] == value {
				return r
			}
		}
		return nil
	}
	assigned := map[string]bool{} // "label|username"
	for _, a := range o.Store.Rows("PermissionSetAssignment") {
		ps, u := o.Store.Get(a["PermissionSetId"].(string)), o.Store.Get(a["AssigneeId"].(string))
		assigned[ps["Label"].(string)+"|"+u["Username"].(string)] = true
	}
	kinds := map[string]int{}
	for _, l := range o.Store.Rows("SetupAuditTrail") {
		display, _ := l["Display"].(string)
		at, _ := timeOf(l, "CreatedDate")
		kinds[l["Action"].(string)]++
		if at.Before(ReferenceNow.AddDate(0, 0, -180)) {
			t.Errorf("older than 180 days: %s %s", at, display)
		}
		if err := auditLineHolds(byName, assigned, l["Action"].(string), display, at); err != "" {
			t.Errorf("%s %q: %s", l["Action"], display, err)
		}
	}
	for _, k := range []string{"createduser", "deactivateduser", "PermSetAssign", "PermSetGroupAssign", "PermSetCreate", "PermSetEnableUserPerm", "createdConnectedApp", "changedSessionTimeout", "PermSetUnassign", "profileRename"} {
		if kinds[k] == 0 {
			t.Errorf("no %s line", k)
		}
	}
	if kinds["createdConnectedApp"] != 1 || kinds["PermSetCreate"] != 1 {
		t.Errorf("one app and one permission set were made in 180 days: %v", kinds)
	}
}

// auditLineHolds checks one line against the records; "" when it holds.
func auditLineHolds(byName func(object, field, value string) Record, assigned map[string]bool, action, display string, at time.Time) string {
	switch action {
	case "createduser":
		u := byName("User", "Username", strings.TrimPrefix(display, "Created new user "))
		if created, _ := timeOf(u, "CreatedDate"); u == nil || !created.Equal(at) && !strings.Contains(display, "new.hire") {
			return "no user created then"
		}
	case "deactivateduser":
		if u := byName("User", "Username", strings.TrimPrefix(display, "Deactivated user ")); u == nil || u["IsActive"] != false {
			return "the user is not inactive"
		}
	case "PermSetAssign", "PermSetGroupAssign":
		label, user, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(display, "Permission set group "), "Permission set "), ": assigned to user ")
		if !assigned[label+"|"+user] {
			return "no such assignment"
		}
	case "PermSetEnableUserPerm":
		label, perm, _ := strings.Cut(strings.TrimPrefix(display, "Permission set "), ": ")
		field := "Permissions" + strings.ReplaceAll(strings.TrimSuffix(perm, " was changed from False to True"), " ", "")
		if ps := byName("PermissionSet", "Label", label); ps == nil || ps[field] != true {
			return "the permission set lacks " + field
		}
	case "createdConnectedApp":
		app := byName("ConnectedApplication", "Name", strings.TrimPrefix(display, "Created connected app "))
		if created, _ := timeOf(app, "CreatedDate"); app == nil || !created.Equal(at) {
			return "no app created then"
		}
	}
	return ""
}

// TestSeed_OnlyThePlantedGrantsSitOnInactiveUsers: beyond their profile's,
// inactive users hold only the planted Data Loader and Modify All Data
// sets, and the leaver of the planted history keeps what they had.
func TestSeed_OnlyThePlantedGrantsSitOnInactiveUsers(t *testing.T) {
	o := storyOrg(t)
	for _, a := range o.Store.Rows("PermissionSetAssignment") {
		u, ps := o.Store.Get(a["AssigneeId"].(string)), o.Store.Get(a["PermissionSetId"].(string))
		if left, _ := timeOf(u, "LastModifiedDate"); u["IsActive"] == true || ps["IsOwnedByProfile"] == true || left.After(ReferenceNow) {
			continue
		}
		if name := ps["Name"]; name != "Data_Loader" && name != "Modify_All_Data_Temp" {
			t.Errorf("inactive %s holds %s", u["Username"], name)
		}
	}
}
