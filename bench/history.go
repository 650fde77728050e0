package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/history"
	"github.com/sfsql/sfsql/rules"
	"github.com/sfsql/sfsql/sqltest"
)

// snapshots measures the history store on an org of n users: the first
// snapshot against Σ pages of what it reads, quiet rounds, a re-snapshot
// after 10 changes, and the growth of the file over 100 quiet rounds.
func snapshots(users int, latency time.Duration) {
	clock := fakeorg.NewManualClock(fakeorg.ReferenceNow.Add(time.Hour))
	org, err := fakeorg.New()
	must(err)
	fakeorg.Seed(org, fakeorg.SeedOptions{Users: users, LoginsPerDay: 1})
	org.Clock = clock.Now
	org.SetFaults(fakeorg.Faults{Latency: latency})
	srv := org.Start()
	defer srv.Close()
	h, err := sqltest.OpenHarness(srv, sqltest.Options{})
	must(err)
	defer h.Close()
	dir, err := os.MkdirTemp("", "sfsql-bench-store-")
	must(err)
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "history.db")
	store, err := history.Open(context.Background(), path, true, history.Options{Now: clock.Now})
	must(err)
	defer store.Close()
	id, err := history.Identify(context.Background(), h.Client, "bench")
	must(err)
	s := &history.Snapshotter{Store: store, Engine: h.Engine, Client: h.Client, Org: id}
	tables := history.DefaultTables(h.Engine.Specs())
	fmt.Printf("  (history org: %d users; the default snapshot reads %d tables, Σ pages = %d)\n", users, len(tables), sigmaPages(srv, tables, h))

	first := take(s, tables, fmt.Sprintf("first snapshot, %d users", users), srv)
	clock.Advance(5 * time.Minute)
	quiet := take(s, tables, "quiet round (nothing changed)", srv)
	rulesOnSnapshot(h, store, srv, id.ID)
	mutateTen(srv.Org, clock)
	clock.Advance(2 * time.Minute)
	changed := take(s, tables, "re-snapshot after 10 changes", srv)
	fmt.Printf("  (re-snapshot bytes = %.2f%% of the first's; quiet round = %d requests, goal ≤ 3; changes found: %d)\n",
		100*float64(changed.bytes)/float64(first.bytes), quiet.requests, changed.changes)

	_, err = store.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	must(err)
	before := fileSize(path)
	for range 100 {
		clock.Advance(5 * time.Minute)
		_, err := s.Take(context.Background(), tables)
		must(err)
	}
	_, err = store.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	must(err)
	fmt.Printf("  (store: %.1f MB after the first snapshots; 100 quiet snapshots grew it by %.1f KB)\n",
		float64(before)/1e6, float64(fileSize(path)-before)/1e3)
}

type measured struct {
	requests, bytes int64
	changes         int
}

func take(s *history.Snapshotter, tables []string, name string, srv *fakeorg.Server) measured {
	srv.ResetCounters()
	start := time.Now()
	res, err := s.Take(context.Background(), tables)
	must(err)
	elapsed := time.Since(start)
	c := &srv.Counters
	fmt.Printf("%-44s %9d %9d %11d %9d %12.0f %10s   (%d stored)\n", name, c.Requests.Load(), c.Describes.Load(), c.BytesOut.Load(),
		c.Rows.Load(), float64(c.Rows.Load())/elapsed.Seconds(), elapsed.Round(time.Millisecond), res.Rows)
	return measured{c.Requests.Load(), c.BytesOut.Load(), res.Added + res.Removed + res.Modified}
}

// sigmaPages is what reading every table of the snapshot costs at 2,000
// records a page.
func sigmaPages(srv *fakeorg.Server, tables []string, h *sqltest.Harness) int {
	n := 0
	for _, t := range tables {
		spec, _ := h.Engine.Spec(t)
		n += pages(len(srv.Store.Rows(spec.Object)))
	}
	return n
}

// mutateTen deactivates users, moves assignments and flips a permission:
// ten changes across four tables.
func mutateTen(o *fakeorg.Org, clock *fakeorg.ManualClock) {
	users := o.Store.Rows("User")
	for i := 0; i < 4; i++ {
		must(o.Update(users[100+i]["Id"].(string), fakeorg.Record{"IsActive": false}))
	}
	assignments := o.Store.Rows("PermissionSetAssignment")
	for i := 0; i < 3; i++ {
		must(o.Delete(assignments[50+i]["Id"].(string)))
	}
	sets := o.Store.Rows("PermissionSet")
	o.Insert("PermissionSetAssignment", fakeorg.Record{"AssigneeId": users[200]["Id"], "PermissionSetId": sets[len(sets)-1]["Id"], "IsActive": true})
	must(o.Update(sets[len(sets)-1]["Id"].(string), fakeorg.Record{"PermissionsModifyAllData": true}))
	profiles := o.Store.Rows("Profile")
	must(o.Update(profiles[2]["Id"].(string), fakeorg.Record{"Description": "changed by the benchmark"}))
	clock.Advance(time.Second)
}

func fileSize(path string) int64 {
	var n int64
	for _, p := range []string{path, path + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			n += st.Size()
		}
	}
	return n
}

// rulesOnSnapshot is what a watch round adds after its snapshot: the 40
// rules on the served snapshot, which costs no request.
func rulesOnSnapshot(h *sqltest.Harness, store *history.Store, srv *fakeorg.Server, org string) {
	ctx := context.Background()
	must(history.Attach(ctx, h.Conn, store))
	latest, _, err := store.Latest(ctx, org)
	must(err)
	srv.ResetCounters()
	start := time.Now()
	served, err := history.Serve(ctx, h.Conn, org, latest)
	must(err)
	stored := map[string]bool{"salesforce_changes": true, "salesforce_field_changes": true}
	for _, t := range served {
		stored[t] = true
	}
	all, err := rules.Builtin()
	must(err)
	results := rules.Evaluate(ctx, h.Session, all, rules.Params{OrgID: org, SnapshotID: latest, Stored: stored})
	counts := map[string]int{}
	for _, r := range results {
		counts[r.Status]++
	}
	fmt.Printf("%-44s %9d %9d %11d %9d %12s %10s   (%d pass, %d fail, %d skip, %d error)\n", "serve that snapshot, run the 40 rules on it", srv.Counters.Requests.Load(),
		srv.Counters.Describes.Load(), srv.Counters.BytesOut.Load(), 0, "", time.Since(start).Round(time.Millisecond),
		counts["pass"], counts["fail"], counts["skip"], counts["error"])
	must(history.Unserve(ctx, h.Conn))
	_, err = h.Conn.ExecContext(ctx, "DETACH DATABASE snap")
	must(err)
}
