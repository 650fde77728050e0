package vtab

import (
	"context"
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
	Column(i int) Value
	// RowID identifies the current row across scans of the same table:
	// SQLite unions the scans of OR branches by rowid.
	RowID() int64
	Close()
}

// Options configure an engine.
type Options struct {
	Client         *salesforce.Client
	Catalogue      []Spec
	CacheTTL       time.Duration // scan cache lifetime; 0 disables it
	MaxCachedCells int           // scans of more rows × fields are streamed, not cached (default 250,000)
	// Configure makes the client for a connection name ("demo" for the
	// embedded org); it lets SQL switch orgs.
	Configure func(spec string) (*salesforce.Client, error)
}

// Engine serves the tables of one SQLite connection: it owns the scan
// cache, so a join or a repeated query within the TTL costs no requests.
type Engine struct {
	opts  Options
	specs map[string]Spec // table name → spec
	scans *scanCache

	mu          sync.Mutex
	ctx         context.Context
	objects     map[string]salesforce.SObject // table name → object, from describeGlobal
	discoverErr error
	tables      map[string]VTable
	// OnScan, when set, is told the SOQL of every scan that goes to the org.
	OnScan func(soql string)
	// OnProgress, when set, is told after every page a scan receives.
	OnProgress func(Progress)

	rowsFetched atomic.Int64
	openCursors atomic.Int64
}

// cursorOpened notes a new cursor; the first one of a statement (none
// were open) starts the statement's scan epoch.
func (e *Engine) cursorOpened() {
	if e.openCursors.Add(1) == 1 {
		e.scans.newStatement()
	}
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
	if e.OnProgress != nil {
		e.OnProgress(*p)
	}
}

// New makes an engine.
func New(opts Options) *Engine {
	if opts.MaxCachedCells == 0 {
		opts.MaxCachedCells = 250_000
	}
	e := &Engine{opts: opts, specs: map[string]Spec{}, scans: newScanCache(opts.CacheTTL), ctx: context.Background(), tables: map[string]VTable{}}
	for _, s := range opts.Catalogue {
		e.specs[s.Table] = s
	}
	return e
}

// Client is the Salesforce client the engine reads with.
func (e *Engine) Client() *salesforce.Client {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.opts.Client
}

// Configure switches the engine to another org: sfsql_connect('NAME') and
// sfsql_demo() in the extension. Cached scans and tables are dropped.
func (e *Engine) Configure(spec string) error {
	if e.opts.Configure == nil {
		return fmt.Errorf("this host cannot switch connections")
	}
	c, err := e.opts.Configure(spec)
	if err != nil {
		return err
	}
	e.mu.Lock()
	e.opts.Client = c
	e.tables = map[string]VTable{}
	e.mu.Unlock()
	e.scans.clear()
	return nil
}

// SetContext sets the context scans run under (the running statement's).
func (e *Engine) SetContext(ctx context.Context) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.ctx = ctx
}

func (e *Engine) context() context.Context {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.ctx
}

// CacheTTL is how long scans are reused.
func (e *Engine) CacheTTL() time.Duration { return e.scans.ttl }

// CachedScans counts the scans in the cache.
func (e *Engine) CachedScans() int { return e.scans.len() }

// TableNames lists every registered table: the catalogue, the derived
// tables and the org's other objects, without a request.
func (e *Engine) TableNames() []string {
	names := e.CatalogueNames()
	e.mu.Lock()
	for name := range e.objects {
		names = append(names, name)
	}
	e.mu.Unlock()
	sort.Strings(names)
	return names
}

// ClearCache drops every cached scan.
func (e *Engine) ClearCache() { e.scans.clear() }

// CatalogueNames lists the catalogue's tables and the derived ones; they
// need no request to register.
func (e *Engine) CatalogueNames() []string {
	names := []string{UserPermissionTable, SOQLFunction}
	for name := range e.specs {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// DiscoverNames lists a table for every queryable sObject outside the
// catalogue (one describeGlobal, cached on disk).
func (e *Engine) DiscoverNames() ([]string, error) {
	objects, err := e.Client().DescribeGlobal(e.context(), false)
	e.mu.Lock()
	defer e.mu.Unlock()
	e.discoverErr = err
	if err != nil {
		return nil, err
	}
	e.objects = map[string]salesforce.SObject{}
	var names []string
	for _, o := range objects {
		name := TableName(o.Name)
		if _, inCatalogue := e.specs[name]; inCatalogue || !o.Queryable {
			continue
		}
		e.objects[name] = o
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}

// DiscoverErr is why listing the org's objects failed, if it did: then only
// the catalogue tables exist.
func (e *Engine) DiscoverErr() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.discoverErr
}

// Connect returns the table behind a name, describing its object on first
// use.
func (e *Engine) Connect(name string) (VTable, error) {
	name = strings.ToLower(name)
	e.mu.Lock()
	if t, ok := e.tables[name]; ok {
		e.mu.Unlock()
		return t, nil
	}
	spec, ok := e.specs[name]
	if !ok {
		o, found := e.objects[name]
		if !found && name != UserPermissionTable && name != SOQLFunction {
			e.mu.Unlock()
			return nil, fmt.Errorf("no such table: %s", name)
		}
		spec = Spec{Table: name, Object: o.Name, Size: Medium}
	}
	e.mu.Unlock()
	t, err := e.build(name, spec)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	e.tables[name] = t
	e.mu.Unlock()
	return t, nil
}

func (e *Engine) build(name string, spec Spec) (VTable, error) {
	switch name {
	case UserPermissionTable:
		return newUserPermissionTable(e), nil
	case SOQLFunction:
		return &soqlTable{engine: e}, nil
	}
	d, err := e.Client().Describe(e.context(), spec.Object, spec.Tooling)
	if err != nil {
		return nil, err
	}
	return newTable(e, spec, d), nil
}

// Columns describes any table's columns: an object table's from its
// describe, a derived table's from its schema.
func (e *Engine) Columns(name string) ([]ColumnInfo, error) {
	vt, err := e.Connect(name)
	if err != nil {
		return nil, err
	}
	if t, ok := vt.(*Table); ok {
		return t.Columns(), nil
	}
	return schemaColumns(vt.Schema()), nil
}

// schemaColumns reads the columns of a CREATE TABLE statement of ours.
func schemaColumns(schema string) []ColumnInfo {
	body := schema[strings.Index(schema, "(")+1 : strings.LastIndex(schema, ")")]
	var out []ColumnInfo
	for _, def := range strings.Split(body, ",") {
		words := strings.Fields(def)
		if len(words) >= 2 && !strings.EqualFold(words[len(words)-1], "HIDDEN") {
			out = append(out, ColumnInfo{Name: words[0], Type: words[1]})
		}
	}
	return out
}

// Table returns a connected object table (for .schema and docs).
func (e *Engine) Table(name string) (*Table, error) {
	vt, err := e.Connect(name)
	if err != nil {
		return nil, err
	}
	t, ok := vt.(*Table)
	if !ok {
		return nil, fmt.Errorf("%s is not an object table", name)
	}
	return t, nil
}
