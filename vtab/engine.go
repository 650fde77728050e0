package vtab

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sfsql/sfsql/salesforce"
)

// VTable is what the bridge needs of a table.
type VTable interface {
	Schema() string
	BestIndex(info *IndexInfo) error
	Open() (Cursor, error)
}

// Cursor is a scan in progress.
type Cursor interface {
	Filter(idxStr string, args []Value) error
	Next() error
	EOF() bool
	// Column and RowID may fail where they fetch what a scan deferred
	// (a counted scan SQLite asks for values after all).
	Column(i int) (Value, error)
	// RowID identifies the current row across scans of the same table:
	// SQLite unions the scans of OR branches by rowid.
	RowID() (int64, error)
	Close()
}

// Options configure an engine.
type Options struct {
	Client         *salesforce.Client
	OrgName        string // the name the first org is known by ("" = "default")
	Catalogue      []Spec
	CacheTTL       time.Duration // scan cache lifetime; 0 disables it
	MaxCachedCells int           // scans of more rows × fields are streamed, not cached (default: what CacheMaxBytes holds)
	// CacheMaxBytes is the scan cache's size; the least recently used
	// scans make room (default DefaultCacheMaxBytes).
	CacheMaxBytes int64
	// BulkThreshold: a scan of more rows reads a Bulk API 2.0 job (0: the
	// default, DefaultBulkThreshold; -1: never).
	BulkThreshold int
	// NoPushdown plans every scan as SELECT every field with no filter,
	// order or limit, leaving all of it to SQLite: the benchmark's
	// baseline, never a user's setting.
	NoPushdown bool
	// Parallel is how many pages of a large scan are fetched at once
	// (default DefaultParallel; 1 pages sequentially).
	Parallel int
	// Configure makes the client for a connection name ("demo" for the
	// embedded org); it lets SQL switch orgs.
	Configure func(spec string) (*salesforce.Client, error)
	// Offline: no object list is asked for (only the catalogue exists), and
	// the client is expected to refuse every request.
	Offline bool
	// OrgID is the first org's Id, when known.
	OrgID string
	// Implicit: the first org is the environment's; the first
	// sfsql_connect replaces it rather than joining it (the extension).
	Implicit bool
	// SkipFailed: with several orgs, one that fails is left out of the
	// statement with a warning instead of failing it.
	SkipFailed bool
	// Warn hears what does not stop a statement (a skipped org).
	Warn func(msg string)
}

// Engine serves the tables of one SQLite connection. Its state — tables,
// describes, object lists, scan caches — is kept per org; one org is
// current and serves the tables.
type Engine struct {
	opts  Options
	specs map[string]Spec // table name → spec, object and derived tables alike

	mu      sync.Mutex
	orgs    map[string]*org
	current *org
	// members are the orgs the tables read (members.go); implicit: the
	// one member is the environment's, replaced by the first org chosen.
	members  []*org
	implicit bool
	unions   map[string]VTable // connected union tables, until the members change
	warned   map[string]bool   // orgs skipped in the running statement
	stmt     context.Context   // the running statement's, while one is bound

	obs         observers
	parallel    atomic.Int64
	rowsFetched atomic.Int64
	openCursors atomic.Int64
}

// New makes an engine.
func New(opts Options) *Engine {
	if opts.BulkThreshold == 0 {
		opts.BulkThreshold = DefaultBulkThreshold
	}
	if opts.CacheMaxBytes <= 0 {
		opts.CacheMaxBytes = DefaultCacheMaxBytes
	}
	if opts.MaxCachedCells == 0 {
		opts.MaxCachedCells = int(opts.CacheMaxBytes / (cellBytes + 16)) // a value and some text
	}
	e := &Engine{opts: opts, specs: map[string]Spec{}, orgs: map[string]*org{}}
	e.SetParallel(opts.Parallel)
	for _, s := range opts.Catalogue {
		e.specs[s.Table] = s
		for _, alias := range s.Aliases {
			e.specs[alias] = s
		}
	}
	name := opts.OrgName
	if name == "" {
		name = "default"
	}
	e.current = newOrg(e, name, opts.Client)
	e.current.knownID = opts.OrgID
	e.orgs[name] = e.current
	e.members, e.implicit = []*org{e.current}, opts.Implicit
	return e
}

// DefaultCacheMaxBytes is the scan cache's size unless set.
const DefaultCacheMaxBytes = 64 << 20

// DefaultParallel is how many pages of a large scan are fetched at once.
const DefaultParallel = 4

// SetParallel sets how many pages are fetched at once (0: the default).
func (e *Engine) SetParallel(n int) {
	if n <= 0 {
		n = DefaultParallel
	}
	e.parallel.Store(int64(n))
}

// Parallel is how many pages of a large scan are fetched at once.
func (e *Engine) Parallel() int { return int(e.parallel.Load()) }

func (e *Engine) org() *org {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.current
}

// Client is the current org's Salesforce client.
func (e *Engine) Client() *salesforce.Client { return e.org().client }

// OrgName is the name of the current org.
func (e *Engine) OrgName() string { return e.org().name }

// Configure adds an org to the session: sfsql_connect('NAME') and
// sfsql_demo() in the extension (the first replaces the environment's
// org). The org gets fresh state of its own, and nothing of another org's
// serves it. The caller must have SQLite connect the tables again (the
// bridge re-registers its modules), so their columns are the members'.
func (e *Engine) Configure(spec string) error {
	if e.opts.Configure == nil {
		return fmt.Errorf("this host cannot switch connections")
	}
	c, err := e.opts.Configure(spec)
	if err != nil {
		return err
	}
	e.AddOrg(spec, c, "")
	return nil
}

// Bind makes ctx the context of the statement about to run: cursors opened
// until release is called make their requests under it (an interrupt
// cancels them). SQLite gives a virtual table no context of its own.
func (e *Engine) Bind(ctx context.Context) (release func()) {
	e.mu.Lock()
	prev := e.stmt
	e.stmt = ctx
	e.mu.Unlock()
	return func() {
		e.mu.Lock()
		e.stmt = prev
		e.mu.Unlock()
	}
}

// statementContext is the bound statement's context, for a cursor opening.
func (e *Engine) statementContext() context.Context {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.stmt == nil {
		return context.Background()
	}
	return e.stmt
}

// cursorOpened notes a new cursor; the first one of a statement (none
// were open) starts the statement's scan epoch.
func (e *Engine) cursorOpened() context.Context {
	if e.openCursors.Add(1) == 1 {
		e.mu.Lock()
		for _, o := range e.orgs {
			o.startStatement()
		}
		e.warned = nil
		e.mu.Unlock()
	}
	return e.statementContext()
}

func (e *Engine) cursorClosed() { e.openCursors.Add(-1) }

// Progress is how far a scan has got.
type Progress struct {
	SOQL  string
	Rows  int // rows received so far
	Total int // totalSize Salesforce reported
	Pages int
}

// RowsFetched counts the records received from the org on this connection.
func (e *Engine) RowsFetched() int64 { return e.rowsFetched.Load() }

// received accounts for a page and reports progress.
func (e *Engine) received(p *Progress, page *salesforce.Page) {
	e.rowsFetched.Add(int64(len(page.Records)))
	p.Rows += len(page.Records)
	p.Pages++
	p.Total = page.TotalSize
	e.notifyProgress(*p)
}

// CacheTTL is how long scans are reused.
func (e *Engine) CacheTTL() time.Duration { return e.opts.CacheTTL }

// CachedScans counts the scans in the members' caches.
func (e *Engine) CachedScans() int {
	n := 0
	for _, o := range e.memberList() {
		n += o.scans.len()
	}
	return n
}

// ClearCache drops every cached scan of every org.
func (e *Engine) ClearCache() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, o := range e.orgs {
		o.scans.clear()
	}
}

// TableNames lists every registered table: the catalogue, the derived
// tables and the current org's other objects, without a request.
func (e *Engine) TableNames() []string {
	names := e.CatalogueNames()
	seen := map[string]bool{}
	for _, o := range e.memberList() {
		o.mu.Lock()
		for name := range o.objects {
			if !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
		}
		o.mu.Unlock()
	}
	sort.Strings(names)
	return names
}

// CatalogueNames lists the catalogue's tables, derived ones included; they
// need no request to register.
func (e *Engine) CatalogueNames() []string {
	names := []string{OrgsTable}
	for name := range e.specs {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Spec returns the spec of a catalogue table.
func (e *Engine) Spec(name string) (Spec, bool) {
	s, ok := e.specs[name]
	return s, ok
}

// DiscoverNames lists a table for every queryable sObject of the current
// org outside the catalogue (one describeGlobal, cached on disk).
func (e *Engine) DiscoverNames(ctx context.Context) ([]string, error) {
	if e.opts.Offline {
		return nil, nil
	}
	return e.discoverAll(ctx)
}

// DiscoverErr is why listing a member's objects failed, if it did (and
// the session does not skip failed orgs): then only the catalogue tables
// exist.
func (e *Engine) DiscoverErr() error {
	for _, o := range e.memberList() {
		o.mu.Lock()
		err := o.discoverErr
		o.mu.Unlock()
		if err := e.failed(o, err); err != nil {
			return err
		}
	}
	return nil
}

// errNoSuchTable is what connecting a name no table has fails with.
var errNoSuchTable = errors.New("no such table")

func errNoTable(name string) error { return fmt.Errorf("%w: %s", errNoSuchTable, name) }

// Connect returns the table behind a name: the union of the members'
// tables (union.go), each describing its object on first use.
func (e *Engine) Connect(name string) (VTable, error) {
	return e.connectUnion(e.statementContext(), strings.ToLower(name))
}

// Columns describes any table's columns: an object table's from its
// describe, a derived table's from its spec.
func (e *Engine) Columns(name string) ([]ColumnInfo, error) {
	vt, err := e.Connect(name)
	if err != nil {
		return nil, err
	}
	if _, ok := vt.(*orgsTable); ok {
		return orgsColumnInfo(), nil
	}
	if t, ok := unwrap(vt).(*Table); ok {
		return t.Columns(), nil
	}
	return derivedColumns(e.specs[strings.ToLower(name)]), nil
}

// Table returns a connected object table (for .schema and docs).
func (e *Engine) Table(name string) (*Table, error) {
	vt, err := e.Connect(name)
	if err != nil {
		return nil, err
	}
	t, ok := unwrap(vt).(*Table)
	if !ok {
		return nil, fmt.Errorf("%s is not an object table", name)
	}
	return t, nil
}

// Specs lists the catalogue's specs.
func (e *Engine) Specs() []Spec { return e.opts.Catalogue }
