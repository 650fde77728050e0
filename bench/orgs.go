package main

import (
	"fmt"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/sqltest"
)

// severalOrgs reads three orgs in one statement against one of them alone,
// in the same run: the orgs' scans run at once, so the three cost about
// the wall time of one.
func severalOrgs(users int, latency time.Duration) {
	var orgs []sqltest.NamedOrg
	for i, name := range []string{"prod", "uat", "client"} {
		org, err := fakeorg.New()
		must(err)
		fakeorg.Seed(org, fakeorg.SeedOptions{Users: users, LoginsPerDay: 1, Seed: uint64(i + 1), OrgNumber: i + 1})
		org.SetFaults(fakeorg.Faults{Latency: latency})
		srv := org.Start()
		defer srv.Close()
		orgs = append(orgs, sqltest.NamedOrg{Name: name, Srv: srv, KnownID: true})
	}
	all, err := sqltest.OpenOrgsHarness(orgs, sqltest.OrgsOptions{})
	must(err)
	defer all.Close()
	one, err := sqltest.OpenOrgsHarness(orgs[:1], sqltest.OrgsOptions{})
	must(err)
	defer one.Close()
	for _, h := range []*sqltest.Harness{all, one} {
		h.Query("select 1 from salesforce_user limit 0") // describes outside the measurements
	}
	for _, s := range []struct{ name, sql string }{
		{"select username", "select username from salesforce_user"},
		{"count(*) where is_active = 0", "select count(*) from salesforce_user where is_active = 0"},
		{"inner join user ⨝ profile within each org", "select u.username, p.name from salesforce_user u join salesforce_profile p on p.id = u.profile_id and p.connection = u.connection"},
	} {
		three := runOrgs(all, orgs, fmt.Sprintf("%s, 3 orgs × %d users", s.name, users), s.sql)
		single := runOrgs(one, orgs[:1], "  one org alone", s.sql)
		fmt.Printf("  3 orgs took %.2fx the wall time of one\n", three.Seconds()/single.Seconds())
	}
	runOrgs(all, orgs, "  where connection = 'uat' (others get 0)", "select username from salesforce_user where connection = 'uat'")
}

// runOrgs runs a statement and prints the requests each org received.
func runOrgs(h *sqltest.Harness, orgs []sqltest.NamedOrg, name, query string) time.Duration {
	for _, o := range orgs {
		o.Srv.ResetCounters()
	}
	start := time.Now()
	rows, err := h.Query(query)
	must(err)
	elapsed := time.Since(start)
	var requests, bytes int64
	per := ""
	for _, o := range orgs {
		c := &o.Srv.Counters
		n := c.Requests.Load() - c.Describes.Load() - c.DescribeGlobs.Load()
		requests += n
		bytes += c.BytesOut.Load()
		per += fmt.Sprintf(" %s %d", o.Name, n)
	}
	fmt.Printf("%-44s %9d %9d %11d %9d %12.0f %10s   (%d result rows; requests:%s)\n", name, requests, 0, bytes, len(rows),
		float64(len(rows))/elapsed.Seconds(), elapsed.Round(time.Millisecond), len(rows), per)
	return elapsed
}
