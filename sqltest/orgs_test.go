package sqltest

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
)

// threeOrgs are differently sized and shaped: a has a custom field, b
// lacks Department, c is the largest.
func threeOrgs(t *testing.T) []NamedOrg {
	a := NewOrg(t, fakeorg.SeedOptions{Users: 40, Seed: 1, OrgNumber: 1})
	b := NewOrg(t, fakeorg.SeedOptions{Users: 90, Seed: 2, OrgNumber: 2})
	c := NewOrg(t, fakeorg.SeedOptions{Users: 260, Seed: 3, OrgNumber: 3})
	a.Store.Schema.Object("User").AddField(fakeorg.Field{Name: "Clearance__c", Type: "string", Nillable: true, Label: "Clearance", Filterable: true, Sortable: true})
	for _, u := range a.Store.Rows("User")[:5] {
		a.Store.Update(u["Id"].(string), fakeorg.Record{"Clearance__c": "top"})
	}
	b.Store.Schema.Object("User").RemoveField("Department")
	return []NamedOrg{{Name: "a", Srv: a, KnownID: true}, {Name: "b", Srv: b, KnownID: true}, {Name: "c", Srv: c, KnownID: true}}
}

// rawUsers counts an org's User records straight from its store: the
// oracle, not through sfsql.
func rawUsers(srv *fakeorg.Server, keep func(fakeorg.Record) bool) int {
	n := 0
	for _, r := range srv.Store.Rows("User") {
		if keep(r) {
			n++
		}
	}
	return n
}

func active(r fakeorg.Record) bool { return r["IsActive"] == true }

// Every org's rows come back once, tagged with its org; a field one org
// lacks is NULL for its rows, never an error; org columns stay out of
// select *.
func TestOrgs_UnionCountsEqualThePerOrgCounts(t *testing.T) {
	orgs := threeOrgs(t)
	h := OpenOrgs(t, orgs, OrgsOptions{})
	got := h.MustQuery(t, "select connection, org_id, count(*), count(department), count(clearance__c), sum(is_active) from salesforce_user group by 1, 2 order by 1")
	var want [][]string
	for _, o := range orgs {
		dept := rawUsers(o.Srv, func(r fakeorg.Record) bool { return r["Department"] != nil })
		if o.Name == "b" {
			dept = 0 // b's describe has no Department
		}
		clearance := rawUsers(o.Srv, func(r fakeorg.Record) bool { return r["Clearance__c"] != nil })
		want = append(want, []string{"s:" + o.Name, "s:" + o.Srv.OrgID(), fmt.Sprintf("i:%d", len(o.Srv.Store.Rows("User"))),
			fmt.Sprintf("i:%d", dept), fmt.Sprintf("i:%d", clearance), fmt.Sprintf("i:%d", rawUsers(o.Srv, active))})
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("per org:\n got %v\nwant %v", got, want)
	}
	total := 0
	for _, o := range orgs {
		total += rawUsers(o.Srv, active)
	}
	if rows := h.MustQuery(t, "select count(*) from salesforce_user where is_active = 1"); rows[0][0] != fmt.Sprintf("i:%d", total) {
		t.Fatalf("union count %v, want %d", rows, total)
	}
	rows, err := h.Conn.QueryContext(t.Context(), "select * from salesforce_user limit 1")
	if err != nil {
		t.Fatal(err)
	}
	cols, _ := rows.Columns()
	rows.Close()
	if strings.Contains(","+strings.Join(cols, ",")+",", ",connection,") || cols[0] != "id" {
		t.Fatalf("select * columns start %v", cols[:3])
	}
	names := h.MustQuery(t, "select org_name, connection, is_sandbox from salesforce_orgs order by connection")
	if len(names) != 3 || names[1][1] != "s:b" || names[0][0] != "s:Acme Corp (demo)" {
		t.Fatalf("salesforce_orgs: %v", names)
	}
}

// A known org_id or connection keeps every other org out of the
// statement: not one request reaches them, whether the value is a
// literal, a parameter or an IN list.
func TestOrgs_PruningSendsNothingToTheOthers(t *testing.T) {
	orgs := threeOrgs(t)
	h := OpenOrgs(t, orgs, OrgsOptions{})
	h.MustQuery(t, "select count(*) from salesforce_user") // the describes, once
	b := orgs[1].Srv
	for _, c := range []struct {
		q    string
		args []any
	}{
		{"select count(*) from salesforce_user where org_id = '" + b.OrgID() + "'", nil},
		{"select username from salesforce_user where connection = 'b' and is_active = 1", nil},
		{"select count(*), min(username) from salesforce_user where connection = ?", []any{"b"}},
		{"select username from salesforce_user where org_id in ('" + b.OrgID() + "', 'nothing')", nil},
	} {
		for _, o := range orgs {
			o.Srv.ResetCounters()
		}
		rows := h.MustQuery(t, c.q, c.args...)
		if len(rows) == 0 {
			t.Fatalf("%s: no rows", c.q)
		}
		for _, o := range orgs {
			n := o.Srv.Counters.Requests.Load()
			if o.Name != "b" && n != 0 {
				t.Errorf("%s: %d requests reached %s", c.q, n, o.Name)
			}
			if o.Name == "b" && n == 0 {
				t.Errorf("%s: nothing asked of b", c.q)
			}
		}
	}
	want := rawUsers(b, func(r fakeorg.Record) bool { return true })
	if rows := h.MustQuery(t, "select count(*) from salesforce_user where connection = 'b'"); rows[0][0] != fmt.Sprintf("i:%d", want) {
		t.Fatalf("b's users %v, want %d", rows, want)
	}
}

// An org that fails fails the statement with its name — unless
// --skip-failed: then the others' rows come back and a warning names it.
func TestOrgs_AFailingOrg(t *testing.T) {
	orgs := threeOrgs(t)
	strict := OpenOrgs(t, orgs, OrgsOptions{})
	lenient := OpenOrgs(t, orgs, OrgsOptions{SkipFailed: true})
	orgs[1].Srv.SetFaults(fakeorg.Faults{LimitExceeded: true})
	_, err := strict.Query("select count(*) from salesforce_user where is_active = 1")
	if err == nil || !strings.Contains(err.Error(), "connection b") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("strict: %v", err)
	}
	rows := lenient.MustQuery(t, "select connection, count(*) from salesforce_user group by 1 order by 1")
	want := fmt.Sprintf("[[s:a i:%d] [s:c i:%d]]", len(orgs[0].Srv.Store.Rows("User")), len(orgs[2].Srv.Store.Rows("User")))
	if fmt.Sprint(rows) != want {
		t.Fatalf("skip failed: %v, want %s", rows, want)
	}
	if len(lenient.Warnings) != 1 || !strings.Contains(lenient.Warnings[0], "skipped connection b") || !strings.Contains(lenient.Warnings[0], "REQUEST_LIMIT_EXCEEDED") {
		t.Fatalf("warnings: %q", lenient.Warnings)
	}
}

// The orgs' scans run at once: each org holds its first query until all
// three have one in flight, which a one-after-the-other walk never gives.
func TestOrgs_ScansRunAtOnce(t *testing.T) {
	orgs := threeOrgs(t)
	h := OpenOrgs(t, orgs, OrgsOptions{})
	h.MustQuery(t, "select count(*) from salesforce_user where 0") // describes
	var mu sync.Mutex
	arrived, released := 0, make(chan struct{})
	timedOut := false
	gate := func() {
		mu.Lock()
		arrived++
		if arrived == len(orgs) {
			close(released)
		}
		mu.Unlock()
		select {
		case <-released:
		case <-time.After(3 * time.Second):
			mu.Lock()
			timedOut = true
			mu.Unlock()
		}
	}
	for _, o := range orgs {
		o.Srv.SetFaults(fakeorg.Faults{BeforeQuery: gate})
	}
	rows := h.MustQuery(t, "select username from salesforce_user where is_active = 1")
	if timedOut {
		t.Fatal("the orgs' first queries did not overlap")
	}
	total := 0
	for _, o := range orgs {
		total += rawUsers(o.Srv, active)
	}
	if len(rows) != total {
		t.Fatalf("%d rows, want %d", len(rows), total)
	}
}

// A join within each org (on connection as well as the id) costs each
// org its pages, and matches the per-org joins.
func TestOrgs_JoinWithinEachOrg(t *testing.T) {
	orgs := threeOrgs(t)
	h := OpenOrgs(t, orgs, OrgsOptions{})
	q := `select u.connection, p.name, count(*) from salesforce_user u join salesforce_profile p
		on p.id = u.profile_id and p.connection = u.connection group by 1, 2 order by 1, 2`
	for _, o := range orgs {
		o.Srv.ResetCounters()
	}
	got := h.MustQuery(t, q)
	var want [][]string
	for _, o := range orgs {
		names := map[any]string{}
		for _, p := range o.Srv.Store.Rows("Profile") {
			names[p["Id"]] = p["Name"].(string)
		}
		counts := map[string]int{}
		for _, u := range o.Srv.Store.Rows("User") {
			if n, ok := names[u["ProfileId"]]; ok {
				counts[n]++
			}
		}
		var keys []string
		for k := range counts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			want = append(want, []string{"s:" + o.Name, "s:" + k, fmt.Sprintf("i:%d", counts[k])})
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("join:\n got %v\nwant %v", got, want)
	}
	for _, o := range orgs {
		users, profiles := len(o.Srv.Store.Rows("User")), len(o.Srv.Store.Rows("Profile"))
		queries := o.Srv.Counters.Requests.Load() - o.Srv.Counters.Describes.Load() - o.Srv.Counters.DescribeGlobs.Load()
		if max := int64(pages(users) + pages(profiles)); queries > max {
			t.Errorf("%s: %d query requests for the join, Σ pages is %d", o.Name, queries, max)
		}
	}
}

func pages(n int) int { return max(1, (n+1999)/2000) }

// Every way an org fails — its token revoked, its server gone — names
// the org, and --skip-failed leaves only it out.
func TestOrgs_RevokedAndUnreachableOrgs(t *testing.T) {
	orgs := threeOrgs(t)
	strict := OpenOrgs(t, orgs, OrgsOptions{})
	lenient := OpenOrgs(t, orgs, OrgsOptions{SkipFailed: true})
	orgs[1].Srv.RevokeAll()
	orgs[2].Srv.Close()
	_, err := strict.Query("select count(*) from salesforce_user where is_active = 1")
	if err == nil || !strings.Contains(err.Error(), "connection b") {
		t.Fatalf("strict: %v", err)
	}
	rows := lenient.MustQuery(t, "select connection, count(*) from salesforce_user group by 1")
	if fmt.Sprint(rows) != fmt.Sprintf("[[s:a i:%d]]", len(orgs[0].Srv.Store.Rows("User"))) {
		t.Fatalf("skip failed: %v", rows)
	}
	if len(lenient.Warnings) != 2 || !strings.Contains(strings.Join(lenient.Warnings, "\n"), "skipped connection b") ||
		!strings.Contains(strings.Join(lenient.Warnings, "\n"), "skipped connection c") {
		t.Fatalf("warnings: %q", lenient.Warnings)
	}
}

// A row's rowid does not depend on the plan: pruned to one org or not,
// the same row of the same org has the same rowid (SQLite unions the
// branches of an OR by rowid), and rows of two orgs never share one even
// where their Ids are equal (the fake orgs' Ids are).
func TestOrgs_RowidsDoNotDependOnThePlan(t *testing.T) {
	orgs := threeOrgs(t)
	h := OpenOrgs(t, orgs, OrgsOptions{})
	pruned := h.MustQuery(t, "select rowid, id from salesforce_user where connection = 'b' order by id")
	all := map[string]string{}
	for _, r := range h.MustQuery(t, "select rowid, id, connection from salesforce_user") {
		if r[2] == "s:b" {
			all[r[1]] = r[0]
		}
	}
	for _, r := range pruned {
		if all[r[1]] != r[0] {
			t.Fatalf("%s: rowid %s pruned, %s unpruned", r[1], r[0], all[r[1]])
		}
	}
	rows := h.MustQuery(t, "select count(distinct rowid), count(*) from salesforce_user")
	if rows[0][0] != rows[0][1] {
		t.Fatalf("rowids shared across orgs: %v", rows)
	}
}
