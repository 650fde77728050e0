package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/sfsql/sfsql/connect"
	hist "github.com/sfsql/sfsql/history"
	"github.com/sfsql/sfsql/session"
)

// workspace is what a run works with: the connection (none offline), the
// session, and the history store when one is in use.
type workspace struct {
	f       *flags
	io      IO
	conn    *connection
	more    []*connection // the other orgs, when the run reads several
	sess    *session.Session
	store   *hist.Store
	viewer  *hist.Viewer
	offline bool
	// history: the statements name history tables (the demo makes its
	// history only when something will read it).
	history bool
	cleanup []func()

	mu  sync.Mutex
	org *hist.Org // the session's org, once identified
}

func (w *workspace) close() {
	for i := len(w.cleanup) - 1; i >= 0; i-- {
		w.cleanup[i]()
	}
}

// openWorkspace connects (unless offline), opens the store when one is in
// use, and serves stored state when --offline or --as-of asks for it.
func openWorkspace(ctx context.Context, f *flags, io IO, history bool) (*workspace, error) {
	// A mute needs the store only; offline and as-of need no connection.
	w := &workspace{f: f, io: io, offline: f.offline || f.asOf != "" || f.verb == "mute", history: history}
	if err := w.open(ctx); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

func (w *workspace) open(ctx context.Context) error {
	f := w.f
	if w.conn == nil && (!w.offline || f.demo) {
		if err := w.connect(); err != nil {
			return err
		}
	}
	if err := w.openStore(ctx); err != nil {
		return err
	}
	s, err := w.openSession(ctx)
	if err != nil {
		return err
	}
	w.sess = s
	w.cleanup = append(w.cleanup, s.Close)
	if w.store == nil {
		return nil
	}
	if err := hist.Attach(ctx, s.Conn, w.store); err != nil {
		return err
	}
	w.viewer = &hist.Viewer{Store: w.store, Org: w.identify}
	switch {
	case f.offline:
		_, err = w.viewer.Offline(ctx, s.Conn, true)
	case f.asOf != "":
		_, err = w.viewer.AsOf(ctx, s.Conn, f.asOf)
	}
	return err
}

// connect resolves the org, and the others when the run reads several.
func (w *workspace) connect() error {
	f := w.f
	names, err := orgNames(f, w.io)
	if err != nil {
		return err
	}
	if len(names) > 0 {
		g := *f
		g.connection = names[0]
		f = &g
		names = names[1:]
	}
	conn, err := resolve(f, w.io)
	if err != nil {
		return err
	}
	w.conn = conn
	w.cleanup = append(w.cleanup, conn.close)
	more, err := resolveMore(f, w.io, names)
	for _, m := range more {
		w.cleanup = append(w.cleanup, m.close)
	}
	w.more = more
	return err
}

func (w *workspace) openSession(ctx context.Context) (*session.Session, error) {
	if w.offline {
		return session.Open(ctx, session.Options{Offline: true, OrgName: w.connectionName()})
	}
	return openWith(ctx, w.conn, w.more, w.f.skipFailed, func(msg string) { fmt.Fprintln(w.io.Stderr, "sfsql: "+msg) })
}

// connectionName is how the store knows the org of this run.
func (w *workspace) connectionName() string {
	if w.conn != nil {
		return w.conn.Name
	}
	if w.f.connection != "" {
		return w.f.connection
	}
	return w.io.Getenv("SFSQL_CONNECTION")
}

// storePath is --store, SFSQL_STORE, or the default under XDG_DATA_HOME.
func (w *workspace) storePath() (path string, explicit bool, err error) {
	if w.f.store != "" {
		return w.f.store, true, nil
	}
	if p := w.io.Getenv("SFSQL_STORE"); p != "" {
		return p, true, nil
	}
	p, err := hist.DefaultPath(w.io.Getenv)
	return p, false, err
}

// storeVerb: the run's verb works on the store (explain-access reads the
// org, like SQL).
func (w *workspace) storeVerb() bool { return w.f.verb != "" && w.f.verb != "explain-access" }

// openStore opens the store when the run uses one: a history verb,
// --offline or --as-of, an explicit --store, the demo, or a default store
// that exists. snapshot, watch, mute and a live check create one.
func (w *workspace) openStore(ctx context.Context) error {
	path, explicit, err := w.storePath()
	if err != nil {
		if !w.storeVerb() && !w.offline {
			return nil // no place for a store, and nothing that needs one
		}
		return err
	}
	if w.f.demo && !explicit {
		if !(w.storeVerb() || w.offline || w.history) {
			return nil
		}
		path, err = w.demoStore(ctx)
		if err != nil {
			return err
		}
	}
	_, statErr := os.Stat(path)
	if !(w.storeVerb() || w.offline || explicit || w.f.demo || statErr == nil) {
		return nil
	}
	// check creates it too: the findings' lifecycle lives there.
	create := w.f.verb == "snapshot" || w.f.verb == "watch" || w.f.verb == "mute" || w.f.verb == "check" && !w.f.offline && w.f.asOf == ""
	s, err := hist.Open(ctx, path, create, hist.Options{Now: w.io.Now})
	if err != nil {
		if w.offline && errors.Is(statErr, os.ErrNotExist) {
			return fmt.Errorf("--offline needs a store, and there is none at %s: take a snapshot first (sfsql snapshot)", path)
		}
		return err
	}
	w.store = s
	w.cleanup = append(w.cleanup, func() { s.Close() })
	return nil
}

// identify is the session's org: from the store offline, else asked of
// the org once (one query).
func (w *workspace) identify(ctx context.Context) (hist.Org, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.org != nil {
		return *w.org, nil
	}
	var org hist.Org
	var err error
	if w.offline {
		org, err = w.store.OrgFor(ctx, w.connectionName())
	} else {
		org, err = hist.Identify(ctx, w.sess.Engine.Client(), w.connectionName())
	}
	if err != nil {
		return hist.Org{}, err
	}
	w.org = &org
	return org, nil
}

// switched is told of a .connection switch: the new session gets the
// store, and the org is identified afresh.
func (w *workspace) switched(ctx context.Context, s *session.Session, c *connect.Org) error {
	w.mu.Lock()
	w.sess, w.org = s, nil
	if c != nil {
		w.conn = &connection{Org: c, cacheTTL: w.f.cacheTTL, parallel: w.f.parallel, cacheMax: int64(w.f.cacheMaxMB) << 20, bulkRows: bulkThreshold(w.f.bulkRows)}
	}
	w.mu.Unlock()
	if w.store == nil {
		return nil
	}
	return hist.Attach(ctx, s.Conn, w.store)
}
