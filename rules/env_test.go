package rules_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/history"
	"github.com/sfsql/sfsql/rules"
	"github.com/sfsql/sfsql/sqltest"
	"github.com/sfsql/sfsql/vtab/tables"
)

// env is a clean fake org with a session and a history store; its admin
// is allow-listed (muted) for every rule, as a real org's would be.
type env struct {
	t     *testing.T
	clock *fakeorg.ManualClock
	c     *fakeorg.Clean
	h     *sqltest.Harness
	store *history.Store
	snap  *history.Snapshotter
	rules []*rules.Rule
}

func builtin(t *testing.T) []*rules.Rule {
	all, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// newEnv seeds the clean org; schema may change the org's fields first
// (a feature such as API Access Control brings new ones).
func newEnv(t *testing.T, schema func(o *fakeorg.Org)) *env {
	org, err := fakeorg.New()
	if err != nil {
		t.Fatal(err)
	}
	clock := fakeorg.NewManualClock(time.Now().UTC())
	org.Clock = clock.Now
	if schema != nil {
		schema(org)
	}
	e := &env{t: t, clock: clock, c: fakeorg.SeedClean(org, clock.Now()), rules: builtin(t)}
	srv := org.Start()
	t.Cleanup(srv.Close)
	e.h = sqltest.Open(t, srv, sqltest.Options{CacheTTL: time.Minute})
	e.store, err = history.Open(context.Background(), filepath.Join(t.TempDir(), "h.db"), true, history.Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.store.Close() })
	e.snap = &history.Snapshotter{Store: e.store, Engine: e.h.Engine, Client: e.h.Client, Org: history.Org{ID: org.OrgID(), Name: "clean"}}
	e.snapshot()
	if err := history.Attach(context.Background(), e.h.Conn, e.store); err != nil {
		t.Fatal(err)
	}
	for _, r := range e.rules {
		if err := rules.Mute(context.Background(), e.store.DB(), r.ID, "admin@clean.example.com", "", "the break-glass admin", nil, clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

func (e *env) snapshot() int64 {
	e.clock.Advance(2 * time.Minute)
	tabs := append(history.DefaultTables(tables.All), "salesforce_two_factor_methods_info")
	res, err := e.snap.Take(context.Background(), tabs)
	if err != nil {
		e.t.Fatal(err)
	}
	return res.ID
}

// run takes a snapshot (for the rules that compare with the last one),
// then evaluates the rules live with the store's mutes applied.
func (e *env) run(ids ...string) []rules.Result {
	e.t.Helper()
	id := e.snapshot()
	e.h.Engine.ClearCache()
	rs := e.rules
	if len(ids) > 0 {
		var err error
		if rs, err = rules.Select(e.rules, ids[0]); err != nil {
			e.t.Fatal(err)
		}
	}
	results := rules.Evaluate(context.Background(), e.h.Session, rs, rules.Params{OrgID: e.c.Org.OrgID(), SnapshotID: id})
	if err := rules.ApplyMutes(context.Background(), e.store.DB(), e.c.Org.OrgID(), results, e.clock.Now()); err != nil {
		e.t.Fatal(err)
	}
	return results
}

// unmuted lists a result's findings that count.
func unmuted(r rules.Result) []rules.Finding {
	var out []rules.Finding
	for _, f := range r.Findings {
		if !f.Muted {
			out = append(out, f)
		}
	}
	return out
}
