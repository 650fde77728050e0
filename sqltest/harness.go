// Package sqltest drives SQL end to end — SQLite, the cgo bridge, the
// engine, the client — against the fake org, for tests and benchmarks.
package sqltest

import (
	"context"
	"database/sql"
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/salesforce"
	"github.com/sfsql/sfsql/session"
	"github.com/sfsql/sfsql/vtab"
)

// Harness is one SQLite connection with the sfsql tables over a fake org.
type Harness struct {
	Org     *fakeorg.Server
	Client  *salesforce.Client
	Session *session.Session
	Engine  *vtab.Engine
	DB      *sql.DB
	Conn    *sql.Conn
	SOQL    []string // scans sent, in order
	// Warnings are what the engine reported without failing (a skipped org).
	Warnings []string
}

// Options tune a harness.
type Options struct {
	CacheTTL time.Duration
	Tokens   oauth2.TokenSource // default: the org's static token
	Backoff  time.Duration
	// Configure, when set, lets sfsql_connect switch orgs.
	Configure func(name string) (*salesforce.Client, error)
	Parallel  int   // pages fetched at once (0: the engine's default)
	Budget    int64 // the client's request budget (--max-requests; 0: none)
	CacheMax  int64 // the scan cache's bytes (0: the default)
	Bulk      int   // the Bulk 2.0 threshold in rows (0: the default, -1: never)
	// NoPushdown: every scan reads every field of every row (the bench's baseline).
	NoPushdown bool
}

// NewOrg starts a seeded fake org for a test.
func NewOrg(tb testing.TB, seed fakeorg.SeedOptions) *fakeorg.Server {
	tb.Helper()
	org, err := fakeorg.New()
	if err != nil {
		tb.Fatal(err)
	}
	fakeorg.Seed(org, seed)
	srv := org.Start()
	tb.Cleanup(srv.Close)
	return srv
}

// Open connects SQLite to the org.
func Open(tb testing.TB, srv *fakeorg.Server, opt Options) *Harness {
	tb.Helper()
	h, err := OpenHarness(srv, opt)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(h.Close)
	return h
}

// ClientFor is a client of the fake org with the static token.
func ClientFor(srv *fakeorg.Server, tokens oauth2.TokenSource, backoff time.Duration) *salesforce.Client {
	return clientFor(srv, tokens, backoff, 0)
}

func clientFor(srv *fakeorg.Server, tokens oauth2.TokenSource, backoff time.Duration, budget int64) *salesforce.Client {
	if tokens == nil {
		tokens = auth.Static(srv.Token, srv.URL)
	}
	if backoff == 0 {
		backoff = time.Millisecond
	}
	return salesforce.New(salesforce.Config{Tokens: tokens, Backoff: backoff, Budget: budget})
}

// OpenHarness connects SQLite to the org outside a test (benchmarks).
func OpenHarness(srv *fakeorg.Server, opt Options) (*Harness, error) {
	h := &Harness{Org: srv, Client: clientFor(srv, opt.Tokens, opt.Backoff, opt.Budget)}
	s, err := session.Open(context.Background(), session.Options{Client: h.Client, OrgName: "fake", CacheTTL: opt.CacheTTL, Configure: opt.Configure, Parallel: opt.Parallel, CacheMaxBytes: opt.CacheMax, BulkThreshold: opt.Bulk, NoPushdown: opt.NoPushdown})
	if err != nil {
		return nil, err
	}
	h.Session, h.Engine, h.DB, h.Conn = s, s.Engine, s.DB, s.Conn
	h.Engine.Observe(vtab.Observer{Scan: func(q string) { h.SOQL = append(h.SOQL, q) }})
	return h, nil
}

// Close closes the connection.
func (h *Harness) Close() { h.Session.Close() }

// Query runs a statement and returns its rows as text ("NULL" for NULL).
func (h *Harness) Query(query string, args ...any) ([][]string, error) {
	rows, err := h.Conn.QueryContext(context.Background(), query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = render(v)
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// MustQuery is Query that fails the test on error.
func (h *Harness) MustQuery(tb testing.TB, query string, args ...any) [][]string {
	tb.Helper()
	rows, err := h.Query(query, args...)
	if err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return rows
}

func render(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return "b:" + string(x)
	case string:
		return "s:" + x
	case int64:
		return fmt.Sprintf("i:%d", x)
	case float64:
		return fmt.Sprintf("f:%v", x)
	}
	return fmt.Sprintf("%T:%v", v, v)
}

// Values runs a statement and returns its rows as database/sql values.
func (h *Harness) Values(query string, args ...any) ([][]any, error) {
	_, rows, err := h.Session.Query(context.Background(), query, args...)
	return rows, err
}

// BuildSFSQL builds the sfsql binary into a test's temporary directory,
// for tests that run it as a process (a real terminal, kill -9, signals).
func BuildSFSQL(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "sfsql")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/sfsql/sfsql/cmd/sfsql").CombinedOutput(); err != nil {
		tb.Fatalf("build sfsql: %v: %s", err, out)
	}
	return bin
}
