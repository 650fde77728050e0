package history_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/history"
	"github.com/sfsql/sfsql/sqltest"
	"github.com/sfsql/sfsql/vtab"
	"github.com/sfsql/sfsql/vtab/tables"
)

// rig is a fake org, a session over it, a store and a snapshotter, on one
// clock.
type rig struct {
	t     testing.TB
	clock *fakeorg.ManualClock
	srv   *fakeorg.Server
	h     *sqltest.Harness
	store *history.Store
	snap  *history.Snapshotter
}

func newRig(t testing.TB, users int) *rig {
	c := fakeorg.NewManualClock(fakeorg.ReferenceNow.Add(time.Hour))
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: users})
	srv.Clock = c.Now
	h := sqltest.Open(t, srv, sqltest.Options{})
	path := filepath.Join(t.TempDir(), "history.db")
	store, err := history.Open(context.Background(), path, true, history.Options{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	org, err := history.Identify(context.Background(), h.Client, "fake")
	if err != nil {
		t.Fatal(err)
	}
	return &rig{t: t, clock: c, srv: srv, h: h, store: store,
		snap: &history.Snapshotter{Store: store, Engine: h.Engine, Client: h.Client, Org: org}}
}

func (r *rig) take(tables ...string) *history.Result {
	r.t.Helper()
	if len(tables) == 0 {
		tables = history.DefaultTables(allSpecs())
	}
	res, err := r.snap.Take(context.Background(), tables)
	if err != nil {
		r.t.Fatal(err)
	}
	return res
}

func allSpecs() []vtab.Spec { return tables.All }
