package cli

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/signal"
	"syscall"
	"time"

	"golang.org/x/oauth2"

	"github.com/sfsql/sfsql/auth"
	hist "github.com/sfsql/sfsql/history"
	"github.com/sfsql/sfsql/salesforce"
)

// runWatch snapshots every --every (with ±10% jitter) until interrupted:
// SIGINT or SIGTERM lets the round in flight finish or roll back, then
// exits 0. Transient failures are logged and retried with backoff; a
// refused login or a disabled connection stops the watch.
func (w *workspace) runWatch(ctx context.Context) error {
	return watchLoop(ctx, w, []*workspace{w})
}

// watchLoop is one loop over every org's workspace: each round snapshots
// and checks each org in turn, all in the one store.
func watchLoop(ctx context.Context, lead *workspace, orgs []*workspace) error {
	ctx, stop := lead.stopOnSignals(ctx)
	defer stop()
	watches := make([]*orgWatch, len(orgs))
	for i, w := range orgs {
		ow, err := w.startWatch(ctx, len(orgs) > 1)
		if err != nil {
			return err
		}
		watches[i] = ow
	}
	for round := 1; ; round++ {
		failures := 0
		for _, ow := range watches {
			interrupted, err := ow.round(ctx, round)
			if err != nil {
				return err
			}
			if interrupted {
				fmt.Fprintf(lead.io.Stderr, "sfsql: watch stopped after %d rounds\n", round-1)
				return nil
			}
			failures = max(failures, ow.failures)
		}
		if lead.f.rounds > 0 && round >= lead.f.rounds {
			return nil
		}
		if !sleepCtx(ctx, nextWait(lead.f.every.d, failures)) {
			fmt.Fprintf(lead.io.Stderr, "sfsql: watch stopped after %d rounds\n", round)
			return nil
		}
	}
}

// orgWatch is one org's part of a watch.
type orgWatch struct {
	w        *workspace
	s        *hist.Snapshotter
	tables   []string
	wt       *watcher
	failures int    // consecutive failed rounds
	prefix   string // "NAME: " when the watch has several orgs
}

func (w *workspace) startWatch(ctx context.Context, named bool) (*orgWatch, error) {
	s, tables, err := w.snapshotter(ctx)
	if err != nil {
		return nil, err
	}
	wt, err := w.newWatcher()
	if err != nil {
		return nil, err
	}
	wt.deliver(ctx) // what a previous run queued and could not send
	ow := &orgWatch{w: w, s: s, tables: tables, wt: wt}
	if named {
		ow.prefix = w.conn.Name + ": "
	}
	return ow, nil
}

// round snapshots and checks the org once; interrupted: the watch was
// stopped while the snapshot was taken (it rolled back). Only a fatal
// error is returned.
func (ow *orgWatch) round(ctx context.Context, round int) (interrupted bool, err error) {
	w := ow.w
	if err := w.stillEnabled(); err != nil {
		return false, err
	}
	res, err := ow.s.Take(ctx, ow.tables)
	switch {
	case ctx.Err() != nil:
		return true, nil
	case err != nil && fatal(err):
		return false, fmt.Errorf("%swatch round %d: %w", ow.prefix, round, err)
	case err != nil:
		ow.failures++
		fmt.Fprintf(w.io.Stderr, "sfsql: %sround %d failed (will retry): %s\n", ow.prefix, round, oneLine(err.Error()))
	default:
		ow.failures = 0
		line, err := ow.wt.afterSnapshot(ctx, res.ID)
		if err != nil && ctx.Err() == nil {
			line = "; rules: " + oneLine(err.Error())
		}
		fmt.Fprintf(w.io.Stderr, "sfsql: %sround %d at %s: %s%s\n", ow.prefix, round, w.io.Now().UTC().Format(time.RFC3339), summary(res), line)
	}
	return false, nil
}

// nextWait is the interval with ±10% jitter, doubled per consecutive
// failure up to 16 times.
func nextWait(every time.Duration, failures int) time.Duration {
	d := every << min(failures, 4)
	jitter := time.Duration(rand.Int64N(int64(d)/5+1)) - d/10
	return d + jitter
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// stopOnSignals cancels ctx on SIGINT (from the shell's channel) or
// SIGTERM.
func (w *workspace) stopOnSignals(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)
	go func() {
		select {
		case <-term:
		case <-w.io.Interrupts:
		case <-ctx.Done():
		}
		cancel()
	}()
	return ctx, func() { signal.Stop(term); cancel() }
}

// fatal errors stop a watch: the login is refused, the connection
// disabled, or the budget spent.
func fatal(err error) bool {
	var re *oauth2.RetrieveError
	return errors.As(err, &re) || errors.Is(err, auth.ErrReauthenticate) || errors.Is(err, auth.ErrDisabled) || errors.Is(err, salesforce.ErrBudget) ||
		salesforce.IsCode(err, "INVALID_SESSION_ID") || salesforce.IsCode(err, "INVALID_AUTH_HEADER")
}

// stillEnabled stops a watch whose saved connection was disabled.
func (w *workspace) stillEnabled() error {
	if w.conn == nil || w.conn.Name == "demo" || w.conn.Name == "access token" {
		return nil
	}
	store, err := openStore(w.io.Getenv)
	if err != nil {
		return nil
	}
	c, err := store.Get(w.conn.Name)
	if err == nil && c != nil && c.Disabled {
		return fmt.Errorf("connection %s was disabled: watch stopped", w.conn.Name)
	}
	return nil
}
