package vtab

import (
	"testing"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/salesforce"
)

// A count learnt from a scan outlives the session: the next one, over the
// same describe cache, plans by it. A filtered scan's total teaches nothing.
func TestRowCounts_KeptWithTheDescribeCache(t *testing.T) {
	dir := t.TempDir()
	client := func() *salesforce.Client {
		return salesforce.New(salesforce.Config{Tokens: auth.Static("t", "https://example.my.salesforce.com"), CacheDir: dir})
	}
	first := &org{client: client()}
	first.noteRows("LoginHistory", &query{count: "SELECT COUNT() FROM LoginHistory"}, 1234)
	first.noteRows("User", &query{count: "SELECT COUNT() FROM User WHERE IsActive = true"}, 7)

	next := &org{client: client()}
	if n, ok := next.knownRows("LoginHistory"); !ok || n != 1234 {
		t.Fatalf("LoginHistory in the next session: %d %v, want 1234", n, ok)
	}
	if n, ok := next.knownRows("User"); ok {
		t.Fatalf("a filtered count was kept as User's size: %d", n)
	}
	other := &org{client: salesforce.New(salesforce.Config{Tokens: auth.Static("t", "https://other.my.salesforce.com"), CacheDir: dir})}
	if n, ok := other.knownRows("LoginHistory"); ok {
		t.Fatalf("another org's count leaked: %d", n)
	}
}
