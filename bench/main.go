// Command bench measures sfsql against the fake org: API requests, bytes
// and rows per second for the scenarios of the spine issue, and the peak
// memory of a streaming count over a million login history rows.
//
//	go run ./bench                 # all scenarios
//	go run ./bench -latency 50ms   # with a per-request delay like a real org
package main

import (
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"hash"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/sfsql/sfsql/cli"
	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/sqltest"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		// A plain sfsql run that reports its own peak resident set: the
		// kernel's rusage of a child also counts the parent's pages it was
		// forked with, /proc/self/status of the new image does not.
		cli.TuneRuntime()
		code := cli.Main(context.Background(), os.Args[2:], cli.IO{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, StdinIsTTY: true})
		status, _ := os.ReadFile("/proc/self/status")
		for _, line := range strings.Split(string(status), "\n") {
			if strings.HasPrefix(line, "VmHWM:") {
				fmt.Fprintln(os.Stderr, line)
			}
		}
		os.Exit(code)
	}
	users := flag.Int("users", 100000, "users in the org for the scan scenarios")
	joinUsers := flag.Int("join-users", 2000, "users in the org for the join scenario")
	logins := flag.Int("logins", 1_000_000, "login history rows for the memory scenario")
	latency := flag.Duration("latency", 0, "delay added to every API request")
	historyUsers := flag.Int("history-users", 20000, "users in the org for the history scenarios")
	only := flag.String("only", "", "run one group: scans, joins, orgs, access, memory or history")
	accessUsers := flag.Int("access-users", 20000, "users in the org for the effective-access scenarios")
	orgUsers := flag.Int("org-users", 20000, "users in each org of the several-orgs scenario")
	parallel := flag.Int("parallel", 4, "pages fetched at once (the baseline rows use 1)")
	naive := flag.Bool("naive", true, "also measure the scans with no pushdown at all (every field of every row)")
	flag.Parse()
	fmt.Printf("%-44s %9s %9s %11s %9s %12s %10s\n", "scenario", "requests", "describes", "bytes", "rows", "rows/s", "time")
	group := func(name string) bool { return *only == "" || *only == name }
	if group("scans") {
		scans(*users, *latency, *parallel, *naive)
	}
	if group("joins") {
		joins(*joinUsers, *latency)
	}
	if group("access") {
		accessMatrix(*accessUsers, *latency)
	}
	if group("orgs") {
		severalOrgs(*orgUsers, *latency)
	}
	if group("history") {
		snapshots(*historyUsers, *latency)
	}
	if group("memory") {
		if err := memory(*logins); err != nil {
			fmt.Fprintln(os.Stderr, "memory scenario:", err)
			os.Exit(1)
		}
	}
}

func newOrg(users int, latency time.Duration) *fakeorg.Server {
	org, err := fakeorg.New()
	must(err)
	fakeorg.Seed(org, fakeorg.SeedOptions{Users: users, LoginsPerDay: 1})
	org.SetFaults(fakeorg.Faults{Latency: latency})
	return org.Start()
}

// scans runs each scan with the parallel pages and then as two baselines
// in the same run: one page at a time, and one page at a time with no
// pushdown (every field of every row, SQLite doing the rest). The ratios
// are the baselines' wall times over this one's.
func scans(users int, latency time.Duration, parallel int, naive bool) {
	srv := newOrg(users, latency)
	defer srv.Close()
	h, base := open(srv, 0, parallel), open(srv, 0, 1)
	defer h.Close()
	defer base.Close()
	all := []*sqltest.Harness{h, base}
	var bare *sqltest.Harness
	if naive {
		var err error
		bare, err = sqltest.OpenHarness(srv, sqltest.Options{Parallel: 1, NoPushdown: true})
		must(err)
		defer bare.Close()
		all = append(all, bare)
	}
	for _, x := range all {
		x.Query("select 1 from salesforce_user limit 0") // describe outside the measurements
	}
	for _, s := range []struct{ name, sql string }{
		{fmt.Sprintf("count(*) over %d users", users), "select count(*) from salesforce_user"},
		{fmt.Sprintf("count(*) where is_active = 1, %d users", users), "select count(*) from salesforce_user where is_active = 1"},
		{fmt.Sprintf("select username over %d users", users), "select username from salesforce_user"},
		{"select username ... limit 10", "select username from salesforce_user limit 10"},
		{"where is_active = 0", "select username from salesforce_user where is_active = 0"},
	} {
		fast := run(h, s.name, s.sql)
		slow := run(base, "  baseline: --parallel 1", s.sql)
		fmt.Printf("  %.1fx faster than --parallel 1\n", slow.Seconds()/fast.Seconds())
		if bare != nil {
			slowest := run(bare, "  baseline: --parallel 1, no pushdown", s.sql)
			fmt.Printf("  %.1fx faster than --parallel 1 with no pushdown\n", slowest.Seconds()/fast.Seconds())
		}
	}
}

func joins(users int, latency time.Duration) {
	srv := newOrg(users, latency)
	defer srv.Close()
	h := open(srv, time.Minute, 0)
	defer h.Close()
	join := `select u.username, ps.name from salesforce_user u
		join salesforce_permission_set_assignment psa on psa.assignee_id = u.id
		join salesforce_permission_set ps on ps.id = psa.permission_set_id`
	psa := len(srv.Store.Rows("PermissionSetAssignment"))
	fmt.Printf("  (join org: %d users, %d assignments, %d permission sets; Σ pages = %d)\n", users, psa,
		len(srv.Store.Rows("PermissionSet")), pages(users)+pages(psa)+pages(len(srv.Store.Rows("PermissionSet"))))
	run(h, fmt.Sprintf("3-way join over %d users (cold)", users), join)
	run(h, "same join again within the cache TTL", join)
	fmt.Printf("  (login history: %d rows, %d pages)\n", len(srv.Store.Rows("LoginHistory")), pages(len(srv.Store.Rows("LoginHistory"))))
	run(h, "left join user → login_history", "select u.username, l.login_time from salesforce_user u left join salesforce_login_history l on l.user_id = u.id")
	run(h, "exists (login_history of the user)", "select u.username from salesforce_user u where exists (select 1 from salesforce_login_history l where l.user_id = u.id)")
	run(h, "one user's logins (left join)", "select l.login_time from salesforce_user u left join salesforce_login_history l on l.user_id = u.id where u.username = 'ada.admin0@acme.example.com'")
}

func pages(n int) int { return (n + 1999) / 2000 }

func open(srv *fakeorg.Server, ttl time.Duration, parallel int) *sqltest.Harness {
	h, err := sqltest.OpenHarness(srv, sqltest.Options{CacheTTL: ttl, Parallel: parallel})
	must(err)
	return h
}

func run(h *sqltest.Harness, name, query string) time.Duration {
	h.Org.ResetCounters()
	start := time.Now()
	rows, err := h.Query(query)
	must(err)
	elapsed := time.Since(start)
	fetched := h.Org.Counters.Rows.Load()
	c := &h.Org.Counters
	fmt.Printf("%-44s %9d %9d %11d %9d %12.0f %10s   (%d result rows, %d in flight at most)\n", name, c.Requests.Load()-c.Describes.Load()-c.DescribeGlobs.Load(),
		c.Describes.Load()+c.DescribeGlobs.Load(), c.BytesOut.Load(),
		fetched, float64(fetched)/elapsed.Seconds(), elapsed.Round(time.Millisecond), len(rows), c.MaxInFlight.Load())
	return elapsed
}

// memory measures two sfsql processes' peak resident set: a million
// login history rows streamed, and select * over 20,000 users with every
// field.
func memory(n int) error {
	org, err := fakeorg.New()
	if err != nil {
		return err
	}
	fakeorg.Seed(org, fakeorg.SeedOptions{Users: 100})
	fakeorg.GenerateLoginHistory(org, n)
	srv := org.Start()
	defer srv.Close()
	if _, err := child(srv, fmt.Sprintf("count(user_id) over %d login_history (process)", n), "select count(user_id) from salesforce_login_history"); err != nil {
		return err
	}
	rows := "select id, user_id, login_time, status, source_ip from salesforce_login_history"
	viaBulk, err := child(srv, fmt.Sprintf("%d login_history rows, Bulk 2.0 (process, csv)", n), rows)
	if err != nil {
		return err
	}
	viaREST, err := child(srv, fmt.Sprintf("%d login_history rows, REST (process, csv)", n), rows, "--bulk-threshold", "0")
	if err != nil {
		return err
	}
	fmt.Printf("  Bulk and REST output identical: %v (sha256 %x)\n", viaBulk == viaREST, viaBulk[:8])
	if viaBulk != viaREST {
		return fmt.Errorf("the rows through Bulk and through REST differ")
	}
	wide := newOrg(20000, 0)
	defer wide.Close()
	_, err = child(wide, "select * over 20000 users (process, csv)", "select * from salesforce_user")
	return err
}

// child runs one statement in a child sfsql process and reports its
// requests and peak resident set, which must stay under 64 MB; it returns
// the digest of the output.
func child(srv *fakeorg.Server, name, query string, flags ...string) ([32]byte, error) {
	var none [32]byte
	self, err := os.Executable()
	if err != nil {
		return none, err
	}
	srv.ResetCounters()
	extra := append(strings.Fields(os.Getenv("SFSQL_BENCH_CHILD_FLAGS")), flags...)
	cmd := exec.Command(self, append([]string{"child"}, append(extra, "--instance-url", srv.URL, "--access-token", srv.Token, "--format", "csv", "--headers=false",
		"-c", query)...)...)
	cmd.Env = append(os.Environ(), "SFSQL_CACHE_DIR="+os.TempDir()+"/sfsql-bench-cache")
	out := counting{h: sha256.New()}
	var errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return none, fmt.Errorf("%v: %s", err, errOut.String())
	}
	elapsed := time.Since(start)
	var rss int64 // KiB
	if _, err := fmt.Sscanf(strings.TrimSpace(errOut.String()), "VmHWM: %d kB", &rss); err != nil {
		return none, fmt.Errorf("no VmHWM from the child: %q", errOut.String())
	}
	fetched := srv.Counters.Rows.Load()
	c := &srv.Counters
	fmt.Printf("%-44s %9d %9d %11d %9d %12.0f %10s   (%d bytes of output)\n", name,
		c.Requests.Load()-c.Describes.Load()-c.DescribeGlobs.Load(), c.Describes.Load()+c.DescribeGlobs.Load(), c.BytesOut.Load(), fetched, float64(fetched)/elapsed.Seconds(), elapsed.Round(time.Millisecond), out.n)
	fmt.Printf("  peak RSS of that sfsql process: %.1f MB (limit 64 MB)\n", float64(rss)/1024)
	if rss > 64*1024 {
		return none, fmt.Errorf("peak RSS %.1f MB is over 64 MB", float64(rss)/1024)
	}
	var sum [32]byte
	copy(sum[:], out.h.Sum(nil))
	return sum, nil
}

// counting is a writer that keeps only how much was written, and its
// digest.
type counting struct {
	n int64
	h hash.Hash
}

func (c *counting) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return c.h.Write(p)
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
