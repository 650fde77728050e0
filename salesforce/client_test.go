package salesforce

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/fakeorg"
)

func startOrg(t *testing.T, users int) *fakeorg.Server {
	t.Helper()
	org, err := fakeorg.New()
	if err != nil {
		t.Fatal(err)
	}
	fakeorg.Seed(org, fakeorg.SeedOptions{Users: users})
	srv := org.Start()
	t.Cleanup(srv.Close)
	return srv
}

func newClient(srv *fakeorg.Server, cfg Config) *Client {
	cfg.Tokens = auth.Static(srv.Token, srv.URL)
	cfg.Backoff = time.Millisecond
	return New(cfg)
}

func TestQuery_PagesLazilyWithBatchSize(t *testing.T) {
	srv := startOrg(t, 1000)
	c := newClient(srv, Config{BatchSize: 300})
	ctx := context.Background()
	page, err := c.Query(ctx, "SELECT Id FROM User", QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n, pages := len(page.Records), 1
	for !page.Done {
		if page, err = c.NextPage(ctx, page.NextRecordsURL); err != nil {
			t.Fatal(err)
		}
		n, pages = n+len(page.Records), pages+1
	}
	if n != 1000 || pages != 4 || srv.Counters.QueryRequests() != 4 {
		t.Fatalf("%d rows in %d pages (%d requests)", n, pages, srv.Counters.QueryRequests())
	}
	if c.Stats.Bytes.Load() == 0 || c.Stats.APIUsed.Load() == 0 || c.Stats.APIMax.Load() != 100000 {
		t.Fatalf("stats: bytes %d, api usage %d/%d", c.Stats.Bytes.Load(), c.Stats.APIUsed.Load(), c.Stats.APIMax.Load())
	}
}

func TestQuery_LongSOQLTravelsInACompositeBody(t *testing.T) {
	srv := startOrg(t, 20)
	srv.SetFaults(fakeorg.Faults{MaxURIBytes: 2000})
	d, err := newClient(srv, Config{}).Describe(context.Background(), "Profile", false)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, f := range d.Fields[:120] {
		fields = append(fields, f.Name)
	}
	soql := "SELECT " + strings.Join(fields, ", ") + " FROM Profile"
	if _, err := newClient(srv, Config{MaxURLBytes: 1 << 20}).Query(context.Background(), soql, QueryOptions{}); !IsCode(err, "URI_TOO_LONG") {
		t.Fatalf("a %d-byte SOQL in the URL should be refused, got %v", len(soql), err)
	}
	srv.ResetCounters()
	page, err := newClient(srv, Config{MaxURLBytes: 1900}).Query(context.Background(), soql, QueryOptions{})
	if err != nil || len(page.Records) != len(srv.Store.Rows("Profile")) || srv.Counters.Composite.Load() != 1 {
		t.Fatalf("composite query: %v, %d records, %d composite calls", err, len(page.Records), srv.Counters.Composite.Load())
	}
}

func TestDescribe_CachedOnDiskWithTTL(t *testing.T) {
	srv := startOrg(t, 20)
	dir := t.TempDir()
	for i := 0; i < 3; i++ {
		if _, err := newClient(srv, Config{CacheDir: dir}).Describe(context.Background(), "User", false); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.Counters.Describes.Load(); n != 1 {
		t.Fatalf("3 clients sharing a cache made %d describe requests", n)
	}
	if _, err := newClient(srv, Config{CacheDir: dir, CacheTTL: time.Nanosecond}).Describe(context.Background(), "User", false); err != nil {
		t.Fatal(err)
	}
	if n := srv.Counters.Describes.Load(); n != 2 {
		t.Fatalf("an expired entry was not refetched (%d describes)", n)
	}
	if _, err := newClient(srv, Config{CacheDir: dir}).Describe(context.Background(), "NoSuchObject", false); !IsCode(err, "NOT_FOUND") {
		t.Fatalf("unknown object: %v", err)
	}
}

func TestRetrieveAndLimits(t *testing.T) {
	srv := startOrg(t, 20)
	c := newClient(srv, Config{})
	admin := srv.AdminID()
	recs, err := c.Retrieve(context.Background(), "User", []string{admin, "005000000000zzzAAA"}, []string{"Id", "Username"})
	if err != nil || len(recs) != 2 || !strings.Contains(string(recs[0]), admin) || string(recs[1]) != "null" {
		t.Fatalf("retrieve: %v %s", err, recs)
	}
	limits, err := c.Limits(context.Background())
	if err != nil || limits["DailyApiRequests"].Max != 100000 {
		t.Fatalf("limits: %v %v", err, limits)
	}
}

func TestDo_BudgetAndTypedErrors(t *testing.T) {
	srv := startOrg(t, 20)
	c := newClient(srv, Config{Budget: 1})
	if _, err := c.Query(context.Background(), "SELECT Id FROM User", QueryOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Query(context.Background(), "SELECT Id FROM User", QueryOptions{}); !errors.Is(err, ErrBudget) {
		t.Fatalf("over budget: %v", err)
	}
	_, err := newClient(srv, Config{}).Query(context.Background(), "SELECT Bacon__c FROM User", QueryOptions{})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 400 || apiErr.Code != "INVALID_FIELD" || strings.Contains(err.Error(), "\n") {
		t.Fatalf("typed error: %#v", err)
	}
	if !strings.HasSuffix(err.Error(), "INVALID_FIELD: No such column 'Bacon__c' on entity 'User'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.") {
		t.Fatalf("message %q", err)
	}
}
