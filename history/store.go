// Package history is the store of an org's past: snapshots, each record
// version kept once with the snapshot range it was valid in, the changes
// between snapshots, and the SQL views over them (salesforce_changes,
// salesforce_field_changes, per-table state and _changes views).
package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "github.com/mattn/go-sqlite3" // the store is a plain SQLite file
)

// Store is one store file.
type Store struct {
	Path string
	db   *sql.DB
	now  func() time.Time
}

// Options configure a store.
type Options struct {
	Now func() time.Time // the clock (tests and the demo pin it)
}

// DefaultPath is $SFSQL_STORE, else $XDG_DATA_HOME/sfsql/history.db (or
// ~/.local/share/sfsql/history.db).
func DefaultPath(getenv func(string) string) (string, error) {
	if p := getenv("SFSQL_STORE"); p != "" {
		return p, nil
	}
	dir := getenv("XDG_DATA_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			return "", errors.New("no store: set --store, SFSQL_STORE, XDG_DATA_HOME or HOME")
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "sfsql", "history.db"), nil
}

// Open opens (creating when asked) a store and brings its schema up to
// date. A store written by a newer sfsql is refused untouched.
func Open(ctx context.Context, path string, create bool, o Options) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		if !create || !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("store %s: %w", path, noStore(err))
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("store %s: %w", path, err)
		}
	}
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	s := &Store{Path: path, db: db, now: o.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		os.Chmod(f, 0o600) // the org's users and grants: the owner's only
	}
	return s, nil
}

func noStore(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return errors.New("no such store (take a snapshot first: sfsql snapshot)")
	}
	return err
}

// dsn is the SQLite URI of the store: WAL, a busy timeout long enough for
// another process's snapshot write, foreign keys off (none), and
// optionally read-only.
func dsn(path string, readOnly bool) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	u := url.URL{Scheme: "file", Path: abs}
	q := url.Values{}
	q.Set("_busy_timeout", "30000")
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	if readOnly {
		q = url.Values{"mode": {"ro"}}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// AttachURI is the URI a session ATTACHes the store by (read-only).
func (s *Store) AttachURI() string { return dsn(s.Path, true) }

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// DB is the store's connection, for tests and maintenance.
func (s *Store) DB() *sql.DB { return s.db }

// stamp is how the store writes a moment: ISO-8601 UTC with milliseconds,
// which sorts as text.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
