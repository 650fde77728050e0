package sqltest

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/fakeorg"
)

const faultQuery = "select username, profile_name, is_active from salesforce_user where is_active = 1"

func refresher(srv *fakeorg.Server) *auth.Regrant {
	srv.RegisterClient("test-client", "test-secret")
	cfg := &oauth2.Config{ClientID: "test-client", ClientSecret: "test-secret",
		Endpoint: oauth2.Endpoint{TokenURL: srv.URL + "/services/oauth2/token", AuthStyle: oauth2.AuthStyleInParams}}
	return auth.RefreshTokenSource(cfg, srv.IssueRefreshToken(), srv.URL)
}

func TestFaults_SameRowsAsFaultFreeRun(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 9000, LoginsPerDay: 1})
	want := Open(t, srv, Options{}).MustQuery(t, faultQuery)
	if len(want) < 6000 {
		t.Fatalf("only %d rows: the scan should span several pages", len(want))
	}
	cases := []struct {
		name   string
		faults fakeorg.Faults
	}{
		{"token expiry mid-scan", fakeorg.Faults{ExpireAfter: 3}},
		{"5xx on every 5th request", fakeorg.Faults{FailEvery: 5}},
		{"dropped connections", fakeorg.Faults{CloseConnection: 4}},
		{"all at once", fakeorg.Faults{ExpireAfter: 4, FailEvery: 5, CloseConnection: 7}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := Open(t, srv, Options{Tokens: refresher(srv)})
			srv.SetFaults(c.faults)
			defer srv.SetFaults(fakeorg.Faults{})
			srv.ResetCounters()
			got := h.MustQuery(t, faultQuery)
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("%d rows, want %d", len(got), len(want))
			}
			if srv.Counters.Faults.Load() == 0 {
				t.Fatal("no fault was injected")
			}
			if c.faults.ExpireAfter > 0 && srv.Counters.TokenGrants.Load() == 0 {
				t.Fatal("the token expired but was never refreshed")
			}
			t.Logf("%d faults, %d token refreshes, %d requests", srv.Counters.Faults.Load(), srv.Counters.TokenGrants.Load(), srv.Counters.Requests.Load())
		})
	}
}

func TestFaults_ClearErrors(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 100})
	cases := []struct {
		name, query string
		faults      fakeorg.Faults
		tokens      oauth2.TokenSource
		want        string
		maxRequests int64
	}{
		{"limit exceeded is not retried", "select count(*) from salesforce_user", fakeorg.Faults{LimitExceeded: true}, nil, "REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.", 1},
		{"wrong token", "select count(*) from salesforce_user", fakeorg.Faults{}, auth.Static("wrong", srv.URL), "INVALID_SESSION_ID: Session expired or invalid", 0},
		{"unknown table", "select * from salesforce_nope", fakeorg.Faults{}, nil, "no such table: salesforce_nope", 0},
		{"unknown column", "select nope from salesforce_user", fakeorg.Faults{}, nil, "no such column: nope", 0},
		{"malformed SQL", "selec 1", fakeorg.Faults{}, nil, `near "selec": syntax error`, 0},
		{"soql() without a statement", "select * from soql", fakeorg.Faults{}, nil, "soql() needs a SOQL statement", 0},
		{"bad SOQL in soql()", "select * from soql('SELEKT Id FROM User')", fakeorg.Faults{}, nil, "MALFORMED_QUERY: unexpected token: SELEKT", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// A refused token already fails the session's first request.
			h, err := OpenHarness(srv, Options{Tokens: c.tokens})
			if err == nil {
				defer h.Close()
				srv.SetFaults(c.faults)
				defer srv.SetFaults(fakeorg.Faults{})
				srv.ResetCounters()
				_, err = h.Query(c.query)
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			if c.maxRequests > 0 && srv.Counters.Requests.Load() > c.maxRequests {
				t.Fatalf("%d requests, want at most %d", srv.Counters.Requests.Load(), c.maxRequests)
			}
		})
	}
}
