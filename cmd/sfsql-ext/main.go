// Command sfsql-ext is the loadable SQLite extension sfsql.so: the same
// tables, soql(), pushdown and caching as the CLI, inside sqlite3, Node's
// better-sqlite3 or Python. Build it with `make sfsql.so`.
//
// Configuration, in this order: select sfsql_connect('NAME') or
// sfsql_demo() at any time; SFSQL_DEMO=1; SFSQL_CONNECTION;
// SFSQL_INSTANCE_URL with SFSQL_ACCESS_TOKEN; the default connection the
// CLI saved with sfsql login.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/sfsql/sfsql/connect"
	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/salesforce"
	"github.com/sfsql/sfsql/vtab"
	"github.com/sfsql/sfsql/vtab/bridge"
	"github.com/sfsql/sfsql/vtab/tables"
)

func main() {} // a c-shared library's main never runs

func init() { bridge.SetFactory(newEngine) }

// cacheTTL is how long each connection reuses scans.
const cacheTTL = 5 * time.Minute

// newEngine makes a connection's engine from the environment. A bad or
// missing configuration does not stop the extension from loading: queries
// fail with the reason until sfsql_connect fixes it.
func newEngine() (*vtab.Engine, error) {
	client, err := configure("")
	if err != nil {
		client = failing(err)
	}
	// The engine a session makes, without the session's own SQLite: this
	// connection belongs to the host.
	parallel, _ := strconv.Atoi(os.Getenv("SFSQL_PARALLEL")) // else the default; sfsql_parallel(N) changes it
	cacheMB, _ := strconv.Atoi(os.Getenv("SFSQL_CACHE_MAX_MB"))
	bulk, _ := strconv.Atoi(os.Getenv("SFSQL_BULK_THRESHOLD")) // rows; -1 never
	// The environment's org is implicit: the first sfsql_connect or
	// sfsql_demo replaces it, and later ones join the session.
	return vtab.New(vtab.Options{Client: client, Catalogue: tables.All, CacheTTL: cacheTTL, Configure: configure, Parallel: parallel,
		CacheMaxBytes: int64(cacheMB) << 20, BulkThreshold: bulk, Implicit: true, Warn: warn}), nil
}

// warn writes what does not fail a statement to the host's stderr.
func warn(msg string) { fmt.Fprintln(os.Stderr, "sfsql: "+msg) }

// configure makes the client for a connection name, "demo", or ("") the
// environment and default connection.
func configure(spec string) (*salesforce.Client, error) {
	o := connect.Options{Name: spec, DemoOrg: sharedDemo}
	if spec == "demo" {
		o.Name, o.Demo = "", true
	}
	org, err := connect.Open(o)
	if err != nil {
		return nil, fmt.Errorf("sfsql: %w", err)
	}
	return org.Client, nil
}

var (
	demoOnce sync.Once
	demoOrg  *fakeorg.Server
	demoErr  error
)

// sharedDemo starts the embedded org once per host process.
func sharedDemo() (*fakeorg.Server, error) {
	demoOnce.Do(func() { demoOrg, demoErr = connect.StartDemo() })
	return demoOrg, demoErr
}

// failing is a client whose every request reports why none can be made.
func failing(err error) *salesforce.Client {
	return salesforce.New(salesforce.Config{Tokens: errorSource{fmt.Errorf("%w (select sfsql_connect('NAME') or sfsql_demo() to choose an org)", err)}})
}

type errorSource struct{ err error }

func (e errorSource) Token() (*oauth2.Token, error) { return nil, e.err }
