// Package session binds an org, an engine and one SQLite connection
// explicitly. The CLI, the shell, the tests and (next) the history store and
// the rules get a queryable connection from it; the loadable extension makes
// its engines with NewEngine.
package session

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/sfsql/sfsql/salesforce"
	"github.com/sfsql/sfsql/vtab"
	"github.com/sfsql/sfsql/vtab/bridge/attach"
	"github.com/sfsql/sfsql/vtab/tables"
)

// Options say which org a session reads and how.
type Options struct {
	Client   *salesforce.Client
	OrgName  string        // how the org is known ("demo", a connection name)
	CacheTTL time.Duration // scan cache lifetime; 0: within one statement only
	// Catalogue is the set of tables (default: the whole catalogue).
	Catalogue []vtab.Spec
	// Configure makes the client for another connection name, for
	// sfsql_connect; nil means the session cannot switch orgs.
	Configure func(name string) (*salesforce.Client, error)
	// DSN is the SQLite database the connection opens (default :memory:).
	DSN string
	// Parallel is how many pages of a large scan are fetched at once (0:
	// the default, 1: sequential).
	Parallel int
	// CacheMaxBytes is the scan cache's size (0: the default).
	CacheMaxBytes int64
	// BulkThreshold: scans of more rows use Bulk API 2.0 (0: the default,
	// -1: never).
	BulkThreshold int
	NoPushdown    bool // the benchmark's baseline (vtab.Options.NoPushdown)
	// Offline: no request ever leaves (the history store serves the
	// catalogue tables); Client may be nil.
	Offline bool
	// OrgID is the first org's Id, when the connection knows it.
	OrgID string
	// More are further orgs: every table is then the union of the orgs'
	// rows, with connection, org_id and org_name columns.
	More []Member
	// SkipFailed: an org that fails is left out of a statement with a
	// warning (to Warn) rather than failing it.
	SkipFailed bool
	Warn       func(msg string)
}

// Member is one more org of a session.
type Member struct {
	Name   string
	Client *salesforce.Client
	OrgID  string
}

// NewEngine makes the engine of one connection.
func NewEngine(o Options) *vtab.Engine {
	cat := o.Catalogue
	if cat == nil {
		cat = tables.All
	}
	c := o.Client
	if o.Offline {
		c = salesforce.NewOffline()
	}
	e := vtab.New(vtab.Options{Client: c, OrgName: o.OrgName, Catalogue: cat, CacheTTL: o.CacheTTL, Configure: o.Configure, Offline: o.Offline,
		Parallel: o.Parallel, CacheMaxBytes: o.CacheMaxBytes, BulkThreshold: o.BulkThreshold, NoPushdown: o.NoPushdown,
		OrgID: o.OrgID, SkipFailed: o.SkipFailed, Warn: o.Warn})
	for _, m := range o.More {
		e.AddOrg(m.Name, m.Client, m.OrgID)
	}
	return e
}

// Session is one SQLite connection with the sfsql tables of its engine.
type Session struct {
	DB     *sql.DB
	Conn   *sql.Conn
	Engine *vtab.Engine
}

// Open makes the engine and the one connection that has its tables. It
// fails when the org cannot list its objects: if it cannot be reached or
// refuses the token, nothing else would work either.
func Open(ctx context.Context, o Options) (*Session, error) {
	e := NewEngine(o)
	dsn := o.DSN
	if dsn == "" {
		dsn = ":memory:"
	}
	db := sql.OpenDB(attach.Connector(dsn, func() (*vtab.Engine, error) { return e, nil }))
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open SQLite: %w", err)
	}
	s := &Session{DB: db, Conn: conn, Engine: e}
	if err := e.DiscoverErr(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Query runs a statement under ctx and returns every row, values as
// database/sql scans them ([]byte as string).
func (s *Session) Query(ctx context.Context, query string, args ...any) ([]string, [][]any, error) {
	defer s.Engine.Bind(ctx)()
	rows, err := s.Conn.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, nil, err
	}
	out := [][]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, nil, err
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = string(b)
			}
		}
		out = append(out, vals)
	}
	return cols, out, rows.Err()
}

// Close closes the connection.
func (s *Session) Close() {
	s.Conn.Close()
	s.DB.Close()
}
