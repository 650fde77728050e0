package sqltest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
)

// TestPaging_ParallelPagesEveryRowOnce: a 10-page scan fetched four pages
// at a time, sequentially, and against an org that refuses locator offsets
// returns every user exactly once, in the org's order; the refusing org
// costs a few wasted requests once, then none. The oracle is the store's
// own rows.
func TestPaging_ParallelPagesEveryRowOnce(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 20000, LoginsPerDay: 1})
	var want []any
	for _, u := range srv.Store.Rows("User") {
		want = append(want, "s:"+u["Username"].(string))
	}
	pages := int64(10)
	for _, c := range []struct {
		name     string
		parallel int
		refuse   bool
		most     int64    // API requests of the first scan, describes aside
		width    [2]int64 // the most requests in flight at once: at least, at most
	}{
		{"four at a time", 4, false, pages, [2]int64{2, 4}},
		{"sequential", 1, false, pages, [2]int64{1, 1}},
		{"an org that refuses offsets", 4, true, pages + 4, [2]int64{1, 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv.SetFaults(fakeorg.Faults{RefuseLocatorOffsets: c.refuse, Latency: 5 * time.Millisecond})
			defer srv.SetFaults(fakeorg.Faults{})
			h := Open(t, srv, Options{Parallel: c.parallel})
			h.MustQuery(t, "select 1 from salesforce_user limit 0") // the describe
			for round, most := range []int64{c.most, pages} {
				srv.ResetCounters()
				rows := h.MustQuery(t, "select username from salesforce_user")
				var got []any
				for _, r := range rows {
					got = append(got, r[0])
				}
				if !slices.Equal(got, want) {
					t.Fatalf("round %d: %d rows, want the org's %d in its order: %v vs %v", round, len(got), len(want), got[:3], want[:3])
				}
				requests := srv.Counters.Requests.Load() - srv.Counters.Describes.Load()
				if requests > most || srv.Counters.QueryRequests() != pages {
					t.Fatalf("round %d: %d requests (%d query pages), want at most %d: %s", round, requests, srv.Counters.QueryRequests(), most, strings.Join(h.SOQL, " | "))
				}
				if inFlight := srv.Counters.MaxInFlight.Load(); round == 1 && (inFlight < c.width[0] || inFlight > c.width[1]) {
					t.Fatalf("%d requests in flight at once, want %d to %d", inFlight, c.width[0], c.width[1])
				}
			}
		})
	}
}

// TestBudget_StopsBeforeTheLimitAndSaysWhatTheScanNeeds: with four pages
// in flight, a budget of 4 requests is never passed, and the error says the
// 10 the scan needs.
func TestBudget_StopsBeforeTheLimitAndSaysWhatTheScanNeeds(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 20000, LoginsPerDay: 1})
	h := Open(t, srv, Options{Budget: 4, Parallel: 4})
	srv.ResetCounters()
	_, err := h.Query("select username from salesforce_user")
	if err == nil || !strings.Contains(err.Error(), "API request budget exhausted (4 requests): this scan needs 10 requests in all (20000 rows in pages of 2000)") {
		t.Fatalf("error %v", err)
	}
	if n := srv.Counters.Requests.Load(); n > 4 {
		t.Fatalf("the org saw %d requests, over the budget of 4", n)
	}
}
