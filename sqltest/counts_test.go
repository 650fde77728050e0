package sqltest

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
)

// TestCount_OneRequest: a scan SQLite reads no value of is answered by
// SELECT COUNT() — one request for 20,000 users, not ten pages of Ids —
// and a counted scan SQLite asks values of after all (an OR's rowids, a
// rowid in the select list) is read exactly. The oracle is the org's raw
// records, counted here.
func TestCount_OneRequest(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 20000, LoginsPerDay: 1})
	h := Open(t, srv, Options{})
	users := srv.Store.Rows("User")
	active, ada := 0, 0
	for _, u := range users {
		if u["IsActive"] == true {
			active++
		}
		if u["IsActive"] == true || strings.HasPrefix(u["Username"].(string), "ada.") {
			ada++
		}
	}
	for _, c := range []struct {
		sql      string
		want     int
		requests int64
		soql     string
	}{
		{"select count(*) from salesforce_user", len(users), 1, "SELECT COUNT() FROM User"},
		{"select count(*) from salesforce_user where is_active = 1", active, 1, "SELECT COUNT() FROM User WHERE IsActive = true"},
		{"select count(*) from (select 1 from salesforce_user limit 7)", 7, 1, "SELECT COUNT() FROM User"},
		{"select count(*) from salesforce_user where exists (select 1 from salesforce_user limit 1)", len(users), 2, ""},
		{"select count(distinct rowid) from salesforce_user", len(users), 11, ""}, // the count, then the deferred scan
		{"select count(*) from salesforce_user where is_active = 1 or username like 'ada.%'", ada, 0, ""},
	} {
		srv.ResetCounters()
		h.SOQL = nil
		rows := h.MustQuery(t, c.sql)
		if rows[0][0] != "i:"+strconv.Itoa(c.want) {
			t.Errorf("%s = %v, want %d", c.sql, rows, c.want)
		}
		if got := srv.Counters.QueryRequests(); c.requests > 0 && got != c.requests {
			t.Errorf("%s cost %d query requests, want %d: %s", c.sql, got, c.requests, strings.Join(h.SOQL, " | "))
		}
		if c.soql != "" && !slices.Contains(h.SOQL, c.soql) {
			t.Errorf("%s sent %v, want %s", c.sql, h.SOQL, c.soql)
		}
	}
}

func TestProjection_SelectsOnlyUsedFields(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 300})
	h := Open(t, srv, Options{})
	h.MustQuery(t, "select username from salesforce_user")
	if q := h.SOQL[len(h.SOQL)-1]; q != "SELECT Id, Username FROM User" {
		t.Fatalf("SOQL %q", q)
	}
}

func TestLimit_OneRequestAtMostTenRows(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 5000})
	h := Open(t, srv, Options{})
	srv.ResetCounters()
	rows := h.MustQuery(t, "select username from salesforce_user limit 10")
	if len(rows) != 10 {
		t.Fatalf("%d rows", len(rows))
	}
	if q, r := srv.Counters.QueryRequests(), srv.Counters.Rows.Load(); q != 1 || r > 10 {
		t.Fatalf("limit 10 cost %d requests and %d rows", q, r)
	}
	srv.ResetCounters()
	rows = h.MustQuery(t, "select username from salesforce_user where is_active = 1 limit 3 offset 4")
	if len(rows) != 3 || srv.Counters.Rows.Load() > 7 {
		t.Fatalf("limit 3 offset 4: %d rows returned, %d transferred", len(rows), srv.Counters.Rows.Load())
	}
}

func TestJoin_CostsSumOfPagesThenNothing(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 2000})
	h := Open(t, srv, Options{CacheTTL: time.Minute})
	pages := func(object string) int64 {
		n := int64(len(srv.Store.Rows(object)))
		return (n + 1999) / 2000
	}
	budget := pages("User") + pages("PermissionSetAssignment") + pages("PermissionSet")
	join := `select u.username, ps.name from salesforce_user u
		join salesforce_permission_set_assignment psa on psa.assignee_id = u.id
		join salesforce_permission_set ps on ps.id = psa.permission_set_id`
	srv.ResetCounters()
	rows := h.MustQuery(t, join)
	if len(rows) != len(srv.Store.Rows("PermissionSetAssignment")) {
		t.Fatalf("join returned %d rows, want one per assignment (%d)", len(rows), len(srv.Store.Rows("PermissionSetAssignment")))
	}
	requests := srv.Counters.Requests.Load() - srv.Counters.Describes.Load()
	if requests > budget {
		t.Fatalf("join cost %d requests beyond describes, want at most %d (Σ pages); SOQL: %s", requests, budget, strings.Join(h.SOQL, " | "))
	}
	srv.ResetCounters()
	again := h.MustQuery(t, join)
	if len(again) != len(rows) || srv.Counters.Requests.Load() != 0 {
		t.Fatalf("repeat within TTL cost %d requests (%d rows)", srv.Counters.Requests.Load(), len(again))
	}
}

// Without a cache TTL a scan still serves the rest of its statement: a
// join reads each table once, and the next statement reads them again.
func TestJoin_WithoutCacheTTLReadsEachTableOncePerStatement(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 2500})
	h := Open(t, srv, Options{})
	join := `select count(*) from salesforce_user u
		join salesforce_permission_set_assignment psa on psa.assignee_id = u.id
		join salesforce_permission_set ps on ps.id = psa.permission_set_id`
	h.MustQuery(t, join) // describes
	for i := 0; i < 2; i++ {
		srv.ResetCounters()
		h.MustQuery(t, join)
		want := (int64(len(srv.Store.Rows("User")))+1999)/2000 + (int64(len(srv.Store.Rows("PermissionSetAssignment")))+1999)/2000 + 1
		if got := srv.Counters.Requests.Load(); got != want {
			t.Fatalf("run %d: %d requests, want %d (Σ pages)", i, got, want)
		}
	}
}

func TestUserPermission_JoinCostsThePagesOfItsSources(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 2500})
	h := Open(t, srv, Options{})
	q := `select count(*) from salesforce_user u join salesforce_user_permission p on p.user_id = u.id
		where u.is_active = 1 and p.permission = 'ModifyAllData'`
	h.MustQuery(t, q)
	srv.ResetCounters()
	rows := h.MustQuery(t, q)
	if rows[0][0] == "i:0" {
		t.Fatal("nobody holds ModifyAllData")
	}
	// users; permission sets, groups, their components, muting sets (a
	// page each); assignments and user logins: Σ pages, no query per user
	pages := func(object string) int64 { return (int64(len(srv.Store.Rows(object))) + 1999) / 2000 }
	want := pages("User") + 4 + pages("PermissionSetAssignment") + pages("UserLogin")
	if got := srv.Counters.Requests.Load(); got != want {
		t.Fatalf("%d requests, want %d: the join must cost Σ pages, not a query per user (%v)", got, want, h.SOQL)
	}
}

// TestSelfJoin_ReadsTheTableOnce: two instances of salesforce_user with
// different columns select the union and share one scan — Σ pages once,
// not twice — and return what SQLite returns on a local copy.
func TestSelfJoin_ReadsTheTableOnce(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 5000, LoginsPerDay: 1})
	plantTricky(srv)
	h := Open(t, srv, Options{})
	loadReferences(t, h)
	for _, q := range []string{
		"select a.username, b.name, b.title from salesforce_user a join salesforce_user b on b.manager_id = a.id",
		"select u.username from salesforce_user u where u.department in (select m.department from salesforce_user m where m.is_active = 0 and m.title = 'VP')",
	} {
		srv.ResetCounters()
		got := h.MustQuery(t, q)
		if n := srv.Counters.QueryRequests(); n > 3 && !strings.Contains(q, "is_active = 0") || n > 4 {
			t.Errorf("%s cost %d query requests (3 pages of users): %s", q, n, strings.Join(h.SOQL[len(h.SOQL)-2:], " | "))
		}
		want := h.MustQuery(t, asReference(q))
		if !same(got, want, "", "") || len(got) == 0 {
			t.Errorf("%s: %d rows, SQLite on a local copy %d", q, len(got), len(want))
		}
	}
}

// TestCache_DropsTheLeastRecentlyUsedScan: a cache with room for one user
// scan keeps the one used last, instead of refusing the new one; one with
// room for both keeps both.
func TestCache_DropsTheLeastRecentlyUsedScan(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 2000, LoginsPerDay: 1})
	for _, c := range []struct {
		max      int64
		requests []int64 // of a, b, a, b
	}{
		{600 << 10, []int64{1, 1, 1, 1}}, // one fits: each evicts the other
		{4 << 20, []int64{1, 1, 0, 0}},   // both fit
	} {
		h := Open(t, srv, Options{CacheTTL: time.Minute, CacheMax: c.max})
		h.MustQuery(t, "select 1 from salesforce_user limit 0")
		for i, q := range []string{"select username from salesforce_user", "select email from salesforce_user",
			"select username from salesforce_user", "select email from salesforce_user"} {
			srv.ResetCounters()
			if rows := h.MustQuery(t, q); len(rows) != 2000 {
				t.Fatalf("%s: %d rows", q, len(rows))
			}
			if got := srv.Counters.QueryRequests(); got != c.requests[i] {
				t.Errorf("cache of %d bytes, query %d (%s): %d requests, want %d", c.max, i, q, got, c.requests[i])
			}
		}
	}
}

// TestCache_ServesASubsetOfACachedScansColumns: within the TTL, a scan
// asking for some of a cached scan's columns over the same rows costs
// nothing, and its rows are the ones a fresh read returns.
func TestCache_ServesASubsetOfACachedScansColumns(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 3000, LoginsPerDay: 1})
	h := Open(t, srv, Options{CacheTTL: time.Minute})
	h.MustQuery(t, "select username, email, title from salesforce_user where is_active = 1")
	srv.ResetCounters()
	got := h.MustQuery(t, "select title, username from salesforce_user where is_active = 1")
	if n := srv.Counters.QueryRequests(); n != 0 {
		t.Fatalf("the subset cost %d requests", n)
	}
	fresh := Open(t, srv, Options{})
	want := fresh.MustQuery(t, "select title, username from salesforce_user where is_active = 1")
	if !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Fatalf("%d rows from the cache, %d read fresh", len(got), len(want))
	}
	srv.ResetCounters()
	if rows := h.MustQuery(t, "select title, username from salesforce_user where is_active = 0"); len(rows) == 0 || srv.Counters.QueryRequests() != 1 {
		t.Fatalf("other rows (%d) cost %d requests, want their one page", len(rows), srv.Counters.QueryRequests())
	}
}
