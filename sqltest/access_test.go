package sqltest

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
)

// The oracle: effective access computed here from the fake org's raw
// records, written apart from package access.

type oracleRights [6]bool // read, create, edit, delete, view all, modify all

type oracleCell struct {
	rights  oracleRights
	sources []string // "type id session"
}

type accessOracle struct {
	srv      *fakeorg.Server
	objects  map[string]map[string]fakeorg.Record // parent → object → ObjectPermissions
	fields   map[string]map[string]fakeorg.Record // parent → field → FieldPermissions
	universe []string
	fieldsOf map[string][]string
	muting   map[string]fakeorg.Record
	sets     map[string]fakeorg.Record
	groups   map[string]fakeorg.Record
	parts    map[string][]string // group → its sets and muting sets
}

func isSet(r fakeorg.Record, k string) bool { v, _ := r[k].(bool); return v }

func newAccessOracle(srv *fakeorg.Server) *accessOracle {
	x := &accessOracle{srv: srv, objects: map[string]map[string]fakeorg.Record{}, fields: map[string]map[string]fakeorg.Record{},
		fieldsOf: map[string][]string{}, muting: map[string]fakeorg.Record{}, sets: map[string]fakeorg.Record{},
		groups: map[string]fakeorg.Record{}, parts: map[string][]string{}}
	seen := map[string]bool{}
	for _, r := range srv.Store.Rows("ObjectPermissions") {
		p, o := r["ParentId"].(string), r["SobjectType"].(string)
		if x.objects[p] == nil {
			x.objects[p] = map[string]fakeorg.Record{}
		}
		x.objects[p][o] = r
		if !seen[o] {
			seen[o] = true
			x.universe = append(x.universe, o)
		}
	}
	seenField := map[string]bool{}
	for _, r := range srv.Store.Rows("FieldPermissions") {
		p, f := r["ParentId"].(string), r["Field"].(string)
		if x.fields[p] == nil {
			x.fields[p] = map[string]fakeorg.Record{}
		}
		x.fields[p][f] = r
		if !seenField[f] {
			seenField[f] = true
			o := r["SobjectType"].(string)
			x.fieldsOf[o] = append(x.fieldsOf[o], f)
		}
	}
	for _, r := range srv.Store.Rows("MutingPermissionSet") {
		x.muting[r["Id"].(string)] = r
	}
	for _, r := range srv.Store.Rows("PermissionSet") {
		x.sets[r["Id"].(string)] = r
	}
	for _, r := range srv.Store.Rows("PermissionSetGroup") {
		x.groups[r["Id"].(string)] = r
	}
	for _, r := range srv.Store.Rows("PermissionSetGroupComponent") {
		g := r["PermissionSetGroupId"].(string)
		x.parts[g] = append(x.parts[g], r["PermissionSetId"].(string))
	}
	return x
}

// held is one set a user holds and the mutings over it.
type held struct {
	set      fakeorg.Record
	kind, id string
	session  bool
	mutedBy  []fakeorg.Record
}

func (x *accessOracle) held(user string) []held {
	var out []held
	for _, a := range x.srv.Store.Rows("PermissionSetAssignment") {
		if a["AssigneeId"] != user {
			continue
		}
		if exp, ok := a["ExpirationDate"].(time.Time); ok && !exp.After(time.Now()) {
			continue
		}
		if g, _ := a["PermissionSetGroupId"].(string); g != "" {
			var mutings []fakeorg.Record
			var sets []fakeorg.Record
			for _, id := range x.parts[g] {
				if m, ok := x.muting[id]; ok {
					mutings = append(mutings, m)
				} else if s, ok := x.sets[id]; ok {
					sets = append(sets, s)
				}
			}
			for _, s := range sets {
				out = append(out, held{set: s, kind: "PermissionSetGroup", id: g, mutedBy: mutings,
					session: isSet(x.groups[g], "HasActivationRequired") || isSet(s, "HasActivationRequired")})
			}
			continue
		}
		s := x.sets[a["PermissionSetId"].(string)]
		if isSet(s, "IsOwnedByProfile") {
			out = append(out, held{set: s, kind: "Profile", id: s["ProfileId"].(string)})
		} else {
			out = append(out, held{set: s, kind: "PermissionSet", id: s["Id"].(string), session: isSet(s, "HasActivationRequired")})
		}
	}
	return out
}

var rightFields = []string{"PermissionsRead", "PermissionsCreate", "PermissionsEdit", "PermissionsDelete", "PermissionsViewAllRecords", "PermissionsModifyAllRecords"}

// grant is what one held set gives on an object, as Salesforce's
// dependencies make it: modify all brings view all, edit and delete;
// delete brings edit; the rest bring read. A muted right goes, and so do
// the rights that need it.
func (x *accessOracle) grant(h held, object string) oracleRights {
	var r oracleRights
	op := x.objects[h.set["Id"].(string)][object]
	for i, f := range rightFields {
		r[i] = isSet(op, f)
	}
	if r[5] {
		r[4], r[2], r[3] = true, true, true
	}
	if r[3] {
		r[2] = true
	}
	if r[1] || r[2] || r[4] {
		r[0] = true
	}
	for _, m := range h.mutedBy {
		mop := x.objects[m["Id"].(string)][object]
		for i, f := range rightFields {
			r[i] = r[i] && !isSet(mop, f)
		}
	}
	if !r[0] {
		return oracleRights{}
	}
	if !r[2] {
		r[3], r[5] = false, false
	}
	if !r[4] || !r[3] {
		r[5] = false
	}
	return r
}

func (x *accessOracle) system(h held, perm string) bool {
	if !isSet(h.set, perm) {
		return false
	}
	for _, m := range h.mutedBy {
		if isSet(m, perm) {
			return false
		}
	}
	return true
}

func (x *accessOracle) objectCell(user, object string) (oracleCell, bool) {
	var c oracleCell
	any := false
	for _, h := range x.held(user) {
		contributions := []oracleRights{x.grant(h, object)}
		if x.system(h, "PermissionsModifyAllData") {
			contributions = append(contributions, oracleRights{true, true, true, true, true, true})
		} else if x.system(h, "PermissionsViewAllData") {
			contributions = append(contributions, oracleRights{true, false, false, false, true, false})
		}
		for _, r := range contributions {
			if r == (oracleRights{}) {
				continue
			}
			any = true
			c.sources = append(c.sources, fmt.Sprintf("%s %s %v", h.kind, h.id, h.session))
			for i := range r {
				c.rights[i] = c.rights[i] || r[i] && !h.session
			}
		}
	}
	sort.Strings(c.sources)
	return c, any
}

func bit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// sourceKeys reads a sources column back as sorted "type id session" keys.
func sourceKeys(t *testing.T, h *Harness, sources string) []string {
	rows := h.MustQuery(t, "select json_extract(value, '$.source_type'), json_extract(value, '$.source_id'), coalesce(json_extract(value, '$.session'), 0) from json_each(?)", sources)
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprintf("%s %s %v", strings.TrimPrefix(r[0], "s:"), strings.TrimPrefix(r[1], "s:"), r[2] == "i:1"))
	}
	sort.Strings(out)
	return out
}

// Every user × object of the seed: the rights and the grants behind them
// equal the oracle's, and no cell is missing or extra.
func TestAccess_ObjectAccessEqualsAnIndependentResolution(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 400})
	h := Open(t, srv, Options{CacheTTL: time.Minute})
	x := newAccessOracle(srv)
	got := map[string][]string{}
	for _, r := range h.MustQuery(t, "select user_id, sobject_type, can_read, can_create, can_edit, can_delete, can_view_all, can_modify_all, sources from salesforce_user_object_access") {
		got[strings.TrimPrefix(r[0], "s:")+" "+strings.TrimPrefix(r[1], "s:")] = r
	}
	cells := 0
	for _, u := range srv.Store.Rows("User") {
		for _, object := range x.universe {
			key := u["Id"].(string) + " " + object
			want, ok := x.objectCell(u["Id"].(string), object)
			row, have := got[key]
			if ok != have {
				t.Fatalf("%s: oracle has a row %v, sfsql %v (%v)", key, ok, have, row)
			}
			if !ok {
				continue
			}
			cells++
			var flags []string
			for _, v := range row[2:8] {
				flags = append(flags, strings.TrimPrefix(v, "i:"))
			}
			var wantFlags []string
			for _, b := range want.rights {
				wantFlags = append(wantFlags, bit(b))
			}
			if strings.Join(flags, "") != strings.Join(wantFlags, "") {
				t.Fatalf("%s: rights %v, oracle %v (sources %s)", key, flags, wantFlags, row[8])
			}
			if s := sourceKeys(t, h, strings.TrimPrefix(row[8], "s:")); fmt.Sprint(s) != fmt.Sprint(want.sources) {
				t.Fatalf("%s: sources %v, oracle %v", key, s, want.sources)
			}
			delete(got, key)
		}
	}
	if len(got) > 0 || cells < 1000 {
		t.Fatalf("%d cells compared; %d rows sfsql has that the oracle does not", cells, len(got))
	}
}

// fieldCell: a held set's FieldPermissions row (edit brings read), less
// its group's muting, or View All Fields on the object (every field some
// row names there); it counts where the object reads (edits).
func (x *accessOracle) fieldCell(user, object, field string) (read, edit bool, sources []string, any bool) {
	obj, _ := x.objectCell(user, object)
	for _, h := range x.held(user) {
		fp := x.fields[h.set["Id"].(string)][field]
		r, e := isSet(fp, "PermissionsRead") || isSet(fp, "PermissionsEdit"), isSet(fp, "PermissionsEdit")
		vaf := isSet(x.objects[h.set["Id"].(string)][object], "PermissionsViewAllFields")
		for _, m := range h.mutedBy {
			mf := x.fields[m["Id"].(string)][field]
			r, e = r && !isSet(mf, "PermissionsRead"), e && !isSet(mf, "PermissionsEdit")
			vaf = vaf && !isSet(x.objects[m["Id"].(string)][object], "PermissionsViewAllFields")
		}
		e = e && r
		for _, c := range []struct{ r, e bool }{{r, e}, {vaf, false}} {
			if !c.r {
				continue
			}
			any = true
			sources = append(sources, fmt.Sprintf("%s %s %v", h.kind, h.id, h.session))
			if !h.session {
				read = read || obj.rights[0]
				edit = edit || c.e && obj.rights[2]
			}
		}
	}
	sort.Strings(sources)
	return read, edit, sources, any
}

// Every user × field of the seed, likewise.
func TestAccess_FieldAccessEqualsAnIndependentResolution(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 400})
	h := Open(t, srv, Options{CacheTTL: time.Minute})
	x := newAccessOracle(srv)
	got := map[string][]string{}
	for _, r := range h.MustQuery(t, "select user_id, field, can_read, can_edit, sources from salesforce_user_field_access") {
		got[strings.TrimPrefix(r[0], "s:")+" "+strings.TrimPrefix(r[1], "s:")] = r
	}
	cells := 0
	for _, u := range srv.Store.Rows("User") {
		for object, fields := range x.fieldsOf {
			for _, f := range fields {
				key := u["Id"].(string) + " " + f
				read, edit, sources, ok := x.fieldCell(u["Id"].(string), object, f)
				row, have := got[key]
				if ok != have {
					t.Fatalf("%s: oracle has a row %v, sfsql %v (%v)", key, ok, have, row)
				}
				if !ok {
					continue
				}
				cells++
				if row[2] != "i:"+bit(read) || row[3] != "i:"+bit(edit) {
					t.Fatalf("%s: read %s edit %s, oracle %v %v (%s)", key, row[2], row[3], read, edit, row[4])
				}
				if s := sourceKeys(t, h, strings.TrimPrefix(row[4], "s:")); fmt.Sprint(s) != fmt.Sprint(sources) {
					t.Fatalf("%s: sources %v, oracle %v", key, s, sources)
				}
				delete(got, key)
			}
		}
	}
	if len(got) > 0 || cells < 200 {
		t.Fatalf("%d cells compared; %d rows sfsql has that the oracle does not", cells, len(got))
	}
}

// One user's access costs a few requests, and equals that user's rows of
// the whole table; so does one object's, by username too.
func TestAccess_NarrowedReadsAreFewRequestsAndTheSameRows(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 400})
	whole := Open(t, srv, Options{})
	narrow := Open(t, srv, Options{})
	users := srv.Store.Rows("User")
	for _, u := range []fakeorg.Record{users[0], users[25], users[40], users[200]} {
		for _, table := range []string{"salesforce_user_object_access", "salesforce_user_field_access"} {
			for _, col := range []string{"user_id", "username"} {
				value := u["Id"].(string)
				if col == "username" {
					value = u["Username"].(string)
				}
				q := "select * from " + table + " where " + col + " = '" + value + "' order by 5, 6"
				want := whole.MustQuery(t, "select * from "+table+" where "+col+" || '' = '"+value+"' order by 5, 6")
				srv.ResetCounters()
				got := narrow.MustQuery(t, q)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("%s:\n got %v\nwant %v", q, got, want)
				}
				queries := srv.Counters.Requests.Load() - srv.Counters.Describes.Load()
				if queries > 12 {
					t.Errorf("%s: %d requests", q, queries)
				}
			}
		}
	}
	q := "select user_id, can_read, can_delete from salesforce_user_object_access where sobject_type = 'Case' order by 1"
	if got, want := narrow.MustQuery(t, q), whole.MustQuery(t, "select user_id, can_read, can_delete from salesforce_user_object_access where sobject_type || '' = 'Case' order by 1"); fmt.Sprint(got) != fmt.Sprint(want) || len(got) < 100 {
		t.Fatalf("by object: %d rows, want %d", len(got), len(want))
	}
}

// permissionKeys is the oracle of salesforce_user_permission: per user,
// "permission type id session" for each grant — a group's once, when a
// set of it gives the permission and no muting set of it mutes it.
func (x *accessOracle) permissionKeys(user string) []string {
	perms := func(r fakeorg.Record) []string {
		var out []string
		for k, v := range r {
			if b, ok := v.(bool); ok && b && strings.HasPrefix(k, "Permissions") {
				out = append(out, strings.TrimPrefix(k, "Permissions"))
			}
		}
		return out
	}
	seen := map[string]bool{}
	var out []string
	for _, h := range x.held(user) {
		for _, p := range perms(h.set) {
			muted := false
			for _, m := range h.mutedBy {
				muted = muted || isSet(m, "Permissions"+p)
			}
			session := h.session
			key := fmt.Sprintf("%s %s %s", p, h.kind, h.id)
			if muted || seen[key] && !session {
				continue
			}
			if h.kind == "PermissionSetGroup" {
				session = isSet(x.groups[h.id], "HasActivationRequired") || x.allSession(h.id, p)
			}
			if !seen[key] {
				seen[key] = true
				out = append(out, fmt.Sprintf("%s %v", key, session))
			}
		}
	}
	sort.Strings(out)
	return out
}

// allSession: every set of the group that gives the permission is
// session-based.
func (x *accessOracle) allSession(group, perm string) bool {
	for _, id := range x.parts[group] {
		if s, ok := x.sets[id]; ok && isSet(s, "Permissions"+perm) && !isSet(s, "HasActivationRequired") {
			return false
		}
	}
	return true
}

// Every user's system permissions, with the planted muting, expiry and
// session cases among them, equal the oracle's; the flags read true.
func TestAccess_UserPermissionHonoursMutingExpiryAndSessions(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 400})
	h := Open(t, srv, Options{CacheTTL: time.Minute})
	x := newAccessOracle(srv)
	got := map[string][]string{}
	for _, r := range h.MustQuery(t, "select user_id, permission, source_type, source_id, session from salesforce_user_permission") {
		u := strings.TrimPrefix(r[0], "s:")
		got[u] = append(got[u], fmt.Sprintf("%s %s %s %v", strings.TrimPrefix(r[1], "s:"), strings.TrimPrefix(r[2], "s:"), strings.TrimPrefix(r[3], "s:"), r[4] == "i:1"))
	}
	for _, u := range srv.Store.Rows("User") {
		id := u["Id"].(string)
		sort.Strings(got[id])
		if want := x.permissionKeys(id); fmt.Sprint(got[id]) != fmt.Sprint(want) {
			t.Fatalf("%s:\n got %v\nwant %v", id, got[id], want)
		}
	}
	checks := map[string]string{
		"a muted permission":    "select count(*) from salesforce_user_permission p join salesforce_permission_set_group g on g.id = p.source_id where g.developer_name = 'Service_Desk' and p.permission = 'RunReports'",
		"a group's via":         "select count(*) = 0 from salesforce_user_permission where source_name = 'Service Desk' and permission = 'EditTask' and via <> 'through permission set Case Desk in the group'",
		"a session-based grant": "select count(*) = 0 from salesforce_user_permission where source_name = 'Export_On_Demand' and (session <> 1 or via <> 'assigned, session-based')",
		"the inactive flag":     "select count(*) = 0 from salesforce_user_permission p join salesforce_user u on u.id = p.user_id where p.is_active <> u.is_active",
		"an expired assignment": "select count(*) from salesforce_user_permission p join salesforce_permission_set_assignment a on a.assignee_id = p.user_id and a.permission_set_id = p.source_id where a.expiration_date < datetime('now')",
	}
	want := map[string]string{"a muted permission": "i:0", "a group's via": "i:1", "a session-based grant": "i:1", "the inactive flag": "i:1", "an expired assignment": "i:0"}
	for name, q := range checks {
		if r := h.MustQuery(t, q); r[0][0] != want[name] {
			t.Errorf("%s: %v, want %s (%s)", name, r, want[name], q)
		}
	}
}
