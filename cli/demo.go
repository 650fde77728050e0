package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	hist "github.com/sfsql/sfsql/history"
	"github.com/sfsql/sfsql/session"
)

// demoStore gives the demo org a history of its own: a temporary store
// (removed when the run ends) with two snapshots a day apart and the
// changes fakeorg.PlantHistory makes between them.
func (w *workspace) demoStore(ctx context.Context) (string, error) {
	dir, err := os.MkdirTemp("", "sfsql-demo-")
	if err != nil {
		return "", err
	}
	w.cleanup = append(w.cleanup, func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "history.db")
	srv := w.conn.DemoServer()
	if srv == nil {
		return "", fmt.Errorf("no demo org")
	}
	if w.io.StderrIsTTY && w.f.verb == "" {
		fmt.Fprintln(w.io.Stderr, "sfsql: recording the demo org's history (two snapshots a day apart)…")
	}
	if err := plantDemoHistory(ctx, srv, w.conn, path, w.io.Now().UTC()); err != nil {
		return "", fmt.Errorf("demo history: %w", err)
	}
	return path, nil
}

func plantDemoHistory(ctx context.Context, srv *fakeorg.Server, c *connection, path string, real time.Time) error {
	// The org and the store run on a clock of their own while the history
	// is made; afterwards the org runs on real time again.
	clock := fakeorg.NewManualClock(real.Add(-48 * time.Hour))
	srv.Clock = clock.Now
	defer func() { srv.Clock = nil }()
	store, err := hist.Open(ctx, path, true, hist.Options{Now: clock.Now})
	if err != nil {
		return err
	}
	defer store.Close()
	s, err := session.Open(ctx, session.Options{Client: c.Client, OrgName: c.Name})
	if err != nil {
		return err
	}
	defer s.Close()
	org, err := hist.Identify(ctx, c.Client, c.Name)
	if err != nil {
		return err
	}
	snap := &hist.Snapshotter{Store: store, Engine: s.Engine, Client: c.Client, Org: org}
	tables := hist.DefaultTables(s.Engine.Specs())
	if _, err := snap.Take(ctx, tables); err != nil {
		return err
	}
	clock.Set(real.Add(-26 * time.Hour))
	fakeorg.PlantHistory(srv.Org, func() { clock.Advance(fakeorg.HistoryStep) })
	clock.Set(real.Add(-24 * time.Hour))
	_, err = snap.Take(ctx, tables)
	return err
}

// mentionsHistory says whether statements may read the store: history
// views, snap.* tables, .offline or .asof; nil sources (the interactive
// shell) may do anything.
func mentionsHistory(sources []source) bool {
	if sources == nil {
		return true
	}
	for _, s := range sources {
		text := strings.ToLower(s.text)
		for _, word := range []string{"_changes", "salesforce_snapshots", "snap.", ".offline", ".asof"} {
			if strings.Contains(text, word) {
				return true
			}
		}
	}
	return false
}
