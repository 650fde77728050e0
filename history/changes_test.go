package history_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/history"
)

// mutation is one change made to the fake org and the change row it must
// produce.
type expected struct {
	table, id, change, fields, actor string
}

func (r *rig) one(q string) string {
	r.t.Helper()
	rows := r.rows(q)
	if len(rows) == 0 {
		r.t.Fatalf("no row: %s", q)
	}
	return fmt.Sprint(rows[0][0])
}

// TestChanges_ListExactlyWhatChanged is the acceptance scenario:
// snapshot, deactivate a user, remove one assignment and add another, flip
// a permission, rename a profile, add a group member, snapshot again.
func TestChanges_ListExactlyWhatChanged(t *testing.T) {
	r := newRig(t, 300)
	ctx := context.Background()
	r.take()
	admin := r.srv.AdminID()
	adminName := r.one("select username from salesforce_user where id = '" + admin + "'")
	user := r.one("select id from salesforce_user where is_active = 1 and id <> '" + admin + "' order by id limit 1")
	removed := r.one("select id from salesforce_permission_set_assignment where permission_set_group_id is null order by id limit 1")
	permset := r.one("select id from salesforce_permission_set where is_owned_by_profile = 0 and permissions_modify_all_data = 0 order by id limit 1")
	profile := r.one("select id from salesforce_profile order by id limit 1")
	group := r.one("select id from salesforce_group where type = 'Regular' order by id limit 1")
	member := r.one("select id from salesforce_user where id not in (select user_or_group_id from salesforce_group_member where group_id = '" + group + "') order by id limit 1")

	r.clock.Advance(time.Hour)
	must(t, r.srv.Org.Update(user, fakeorg.Record{"IsActive": false}))
	must(t, r.srv.Org.Delete(removed))
	added := r.srv.Org.Insert("PermissionSetAssignment", fakeorg.Record{"AssigneeId": member, "PermissionSetId": permset, "IsActive": true})
	must(t, r.srv.Org.Update(permset, fakeorg.Record{"PermissionsModifyAllData": true}))
	must(t, r.srv.Org.Update(profile, fakeorg.Record{"Name": "Renamed Profile"}))
	gm := r.srv.Org.Insert("GroupMember", fakeorg.Record{"GroupId": group, "UserOrGroupId": member})
	// A login and an audit trail entry are events: stored, never changes.
	r.srv.Org.Insert("LoginHistory", fakeorg.Record{"UserId": user, "LoginTime": r.clock.Now(), "Status": "Success"})
	r.srv.Org.Insert("SetupAuditTrail", fakeorg.Record{"Action": "changedProfile", "Section": "Manage Users", "Display": "Renamed a profile", "CreatedById": admin})
	r.clock.Advance(2 * time.Minute)
	second := r.take()

	want := []expected{
		{"salesforce_user", user, "modified", `["is_active"]`, adminName},
		{"salesforce_permission_set_assignment", removed, "removed", `[]`, ""},
		{"salesforce_permission_set_assignment", added, "added", `[]`, ""},
		{"salesforce_permission_set", permset, "modified", `["permissions_modify_all_data"]`, adminName},
		{"salesforce_profile", profile, "modified", `["name"]`, adminName},
		{"salesforce_group_member", gm, "added", `[]`, ""},
	}
	must(t, history.Attach(ctx, r.h.Conn, r.store))
	_, rows, err := r.h.Session.Query(ctx, `select table_name, record_id, change, changed_fields, coalesce(changed_by, '') from salesforce_changes where snapshot_id = ?`, second.ID)
	must(t, err)
	var got []expected
	for _, row := range rows {
		got = append(got, expected{row[0].(string), row[1].(string), row[2].(string), row[3].(string), row[4].(string)})
	}
	sortExpected(want)
	sortExpected(got)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("changes:\n got %v\nwant %v", got, want)
	}
	checkBeforeAfter(t, r, second.ID, user)
	checkAsOfAndOffline(t, r, user, permset, profile)
}

func checkBeforeAfter(t *testing.T, r *rig, snapshot int64, user string) {
	ctx := context.Background()
	_, rows, err := r.h.Session.Query(ctx, `select json_extract(before, '$.is_active'), json_extract(after, '$.is_active'), record_name
		from salesforce_user_changes where snapshot_id = ? and record_id = ?`, snapshot, user)
	must(t, err)
	username := r.one("select username from salesforce_user where id = '" + user + "'")
	if len(rows) != 1 || fmt.Sprint(rows[0]) != fmt.Sprint([]any{int64(1), int64(0), username}) {
		t.Fatalf("before/after of the deactivation: %v", rows)
	}
	_, rows, err = r.h.Session.Query(ctx, `select field, old_value, new_value from salesforce_field_changes where snapshot_id = ? and table_name = 'salesforce_profile'`, snapshot)
	must(t, err)
	if len(rows) != 1 || rows[0][0] != "name" || rows[0][2] != "Renamed Profile" {
		t.Fatalf("field changes of the rename: %v", rows)
	}
	_, rows, err = r.h.Session.Query(ctx, `select username from salesforce_user_changes where change = 'modified' and 'is_active' in (select value from json_each(changed_fields))`)
	must(t, err)
	if len(rows) != 1 || rows[0][0] != username {
		t.Fatalf("the README's salesforce_user_changes query: %v", rows)
	}
}

// checkAsOfAndOffline serves the first snapshot and the latest through the
// temp views and compares them with what the org held.
func checkAsOfAndOffline(t *testing.T, r *rig, user, permset, profile string) {
	ctx := context.Background()
	first, _, err := r.store.AsOf(ctx, r.snap.Org.ID, fakeorg.ReferenceNow.Add(90*time.Minute))
	must(t, err)
	_, err = history.Serve(ctx, r.h.Conn, r.snap.Org.ID, first)
	must(t, err)
	r.srv.ResetCounters()
	old := r.rows("select u.is_active, u.profile_name, p.permissions_modify_all_data from salesforce_user u, salesforce_permission_set p where u.id = '" + user + "' and p.id = '" + permset + "'")
	if fmt.Sprint(old) != "[[1 "+profileNameAt(t, r, user, first)+" 0]]" {
		t.Fatalf("as of the first snapshot: %v", old)
	}
	latest, _, err := r.store.Latest(ctx, r.snap.Org.ID)
	must(t, err)
	_, err = history.Serve(ctx, r.h.Conn, r.snap.Org.ID, latest)
	must(t, err)
	now := r.rows("select is_active from salesforce_user where id = '" + user + "'")
	renamed := r.rows("select name from salesforce_profile where id = '" + profile + "'")
	if fmt.Sprint(now) != "[[0]]" || fmt.Sprint(renamed) != "[[Renamed Profile]]" {
		t.Fatalf("latest: %v %v", now, renamed)
	}
	if n := r.srv.Counters.Requests.Load(); n != 0 {
		t.Fatalf("stored tables sent %d requests", n)
	}
	must(t, history.Unserve(ctx, r.h.Conn))
}

func profileNameAt(t *testing.T, r *rig, user string, snapshot int64) string {
	var name string
	err := r.store.DB().QueryRow(`select json_extract(p.data, '$.name') from versions u join versions p on p.record_id = json_extract(u.data, '$.profile_id')
		and p.table_name = 'salesforce_profile' and p.valid_from <= ? and (p.valid_to is null or p.valid_to > ?)
		where u.table_name = 'salesforce_user' and u.record_id = ? and u.valid_from <= ? and (u.valid_to is null or u.valid_to > ?)`,
		snapshot, snapshot, user, snapshot, snapshot).Scan(&name)
	must(t, err)
	return name
}

// rows runs a query on the session and renders every value with fmt.
func (r *rig) rows(q string) [][]string {
	r.t.Helper()
	_, rows, err := r.h.Session.Query(context.Background(), q)
	if err != nil {
		r.t.Fatalf("%s: %v", q, err)
	}
	var out [][]string
	for _, row := range rows {
		var line []string
		for _, v := range row {
			line = append(line, fmt.Sprint(v))
		}
		out = append(out, line)
	}
	return out
}

func sortExpected(list []expected) {
	sort.Slice(list, func(i, j int) bool { return fmt.Sprint(list[i]) < fmt.Sprint(list[j]) })
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var _ = json.Marshal
var _ = strings.Join
