package sqltest

import (
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
