package sqltest

import (
	"slices"
	"strings"
	"testing"

	"github.com/sfsql/sfsql/fakeorg"
)

// TestBulk_SameRowsAsREST: scans over the threshold read a Bulk API 2.0
// job (polled, paged by locator) and return exactly the rows REST pages
// return — every category: text with quotes, commas and newlines, ids,
// booleans, integers, reals, dates, datetimes, relationship fields and
// NULLs — while what Bulk refuses (compound fields) stays REST.
func TestBulk_SameRowsAsREST(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 25000, LoginsPerDay: 1})
	plantTricky(srv)
	rest := Open(t, srv, Options{Bulk: -1})
	bulk := Open(t, srv, Options{Bulk: 1000})
	for _, q := range []string{
		"select id, username, name, about_me, is_active, number_of_failed_logins, latitude, last_login_date, su_access_expiration_date, profile_name, user_role_name, manager_id, interests__c from salesforce_user",
		"select id, user_id, login_time, status, source_ip from salesforce_login_history where status <> 'Success'",
		"select username from salesforce_user where is_active = 1 order by last_login_date desc, username",
	} {
		want := rest.MustQuery(t, q)
		srv.ResetCounters()
		got := bulk.MustQuery(t, q)
		if srv.Counters.BulkJobs.Load() != 1 {
			t.Errorf("%s: %d bulk jobs, want 1", q, srv.Counters.BulkJobs.Load())
		}
		if !strings.Contains(q, "order by") {
			sortRows(got)
			sortRows(want)
		}
		if !slices.EqualFunc(got, want, slices.Equal[[]string]) {
			onlyBulk, onlyREST := difference(got, want)
			t.Errorf("%s: %d rows by Bulk, %d by REST\n only Bulk: %.400v\n only REST: %.400v", q, len(got), len(want), onlyBulk, onlyREST)
		}
	}
	srv.ResetCounters()
	bulk.MustQuery(t, "select id, address from salesforce_user")
	if srv.Counters.BulkJobs.Load() != 0 || srv.Counters.QueryMores.Load() == 0 {
		t.Errorf("a compound field goes REST: %d bulk jobs, %d more pages", srv.Counters.BulkJobs.Load(), srv.Counters.QueryMores.Load())
	}
	// An org that refuses the job: REST it is, the same rows.
	srv.SetFaults(fakeorg.Faults{RefuseBulk: true})
	defer srv.SetFaults(fakeorg.Faults{})
	q := "select username, is_active from salesforce_user"
	want, got := rest.MustQuery(t, q), bulk.MustQuery(t, q)
	if !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("refused bulk: %d rows, REST %d", len(got), len(want))
	}
}
