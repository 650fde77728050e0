package sqltest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sfsql/sfsql/fakeorg"
)

// BenchmarkScan_Usernames100k is the client's cost of a plain 100k-row
// scan (the fake org's serving included): go test -bench Scan ./sqltest.
func BenchmarkScan_Usernames100k(b *testing.B) {
	srv := NewOrg(b, fakeorg.SeedOptions{Users: 100000, LoginsPerDay: 1})
	h := Open(b, srv, Options{Parallel: 1})
	h.MustQuery(b, "select 1 from salesforce_user limit 0")
	for b.Loop() {
		h.MustQuery(b, "select username from salesforce_user")
	}
}

// The benchmark's no-pushdown baseline reads every field of every row and
// leaves the filter to SQLite: the same rows, none of the pushdown.
func TestNoPushdown_TheBaselineReadsEverythingAndAgrees(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 300})
	pushed := Open(t, srv, Options{})
	bare := Open(t, srv, Options{NoPushdown: true})
	q := "select username from salesforce_user where is_active = 0 order by username limit 50"
	want, got := pushed.MustQuery(t, q), bare.MustQuery(t, q)
	if len(want) == 0 || fmt.Sprint(want) != fmt.Sprint(got) {
		t.Fatalf("no pushdown gave %d rows, pushdown %d:\n%v\n%v", len(got), len(want), got, want)
	}
	last := bare.SOQL[len(bare.SOQL)-1]
	if strings.Contains(last, " WHERE ") || strings.Contains(last, " LIMIT ") || !strings.Contains(last, "LastLoginDate") {
		t.Fatalf("the baseline pushed something or read only some fields: %s", last)
	}
}
