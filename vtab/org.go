package vtab

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sfsql/sfsql/salesforce"
)

// org is everything the engine knows of one org: its client, its tables
// (built from its describes), its object list and its scan cache. Nothing
// crosses from one org to another, so a switch never serves another org's
// rows or columns.
type org struct {
	name   string
	engine *Engine
	client *salesforce.Client
	scans  *scanCache

	mu          sync.Mutex
	objects     map[string]salesforce.SObject // table name → object, from describeGlobal
	discoverErr error
	tables      map[string]VTable
	// planning and running are the columns each table's instances use,
	// in the statement being planned and the one running (columns.go).
	planning, running map[string]uint64
	// rows are the record counts of objects, once a scan showed them.
	rows map[string]int64
	// offsetsRefused: the org refused a locator offset once; its scans
	// page sequentially from then on.
	offsetsRefused atomic.Bool
	// knownID is the org's Id when the connection knows it; ident is who
	// the org said it is, once asked (members.go).
	knownID string
	ident   *salesforce.Organization
}

// pages starts a query's pager, in parallel as wide as the engine allows.
func (o *org) pages(ctx context.Context, soql string, opt salesforce.QueryOptions) (*pager, error) {
	return startPager(ctx, o.client, soql, opt, o.engine.Parallel(), &o.offsetsRefused)
}

func newOrg(e *Engine, name string, c *salesforce.Client) *org {
	return &org{name: name, engine: e, client: c, scans: newScanCache(e.opts.CacheTTL, e.opts.CacheMaxBytes), tables: map[string]VTable{}}
}

// discover lists a table for every queryable sObject outside the
// catalogue (one describeGlobal, cached on disk).
func (o *org) discover(ctx context.Context) ([]string, error) {
	objects, err := o.client.DescribeGlobal(ctx, false)
	o.mu.Lock()
	defer o.mu.Unlock()
	o.discoverErr = err
	if err != nil {
		return nil, err
	}
	o.objects = map[string]salesforce.SObject{}
	var names []string
	for _, obj := range objects {
		name := TableName(obj.Name)
		if _, inCatalogue := o.engine.specs[name]; inCatalogue || !obj.Queryable {
			continue
		}
		o.objects[name] = obj
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}

// connect returns the table behind a name, describing its object on first
// use.
func (o *org) connect(ctx context.Context, name string) (VTable, error) {
	o.mu.Lock()
	if t, ok := o.tables[name]; ok {
		o.mu.Unlock()
		return t, nil
	}
	spec, ok := o.engine.specs[name]
	if !ok {
		obj, found := o.objects[name]
		if !found {
			o.mu.Unlock()
			return nil, errNoTable(name)
		}
		spec = Spec{Table: name, Object: obj.Name, Size: Medium}
	}
	o.mu.Unlock()
	t, err := o.build(ctx, spec)
	if err != nil {
		return nil, err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if existing, ok := o.tables[name]; ok {
		return existing, nil
	}
	o.tables[name] = t
	return t, nil
}

func (o *org) build(ctx context.Context, spec Spec) (VTable, error) {
	if o.engine.opts.Offline && spec.Derived != TableList {
		return nil, offlineError(spec)
	}
	if spec.Derived != nil {
		return spec.Derived.build(o, spec), nil
	}
	d, err := o.client.Describe(ctx, spec.Object, spec.Tooling)
	if err != nil {
		return nil, err
	}
	return newTable(o, spec, d), nil
}

// fullScan returns the complete result of q without its lookup, from the
// cache or by reading every page.
func (o *org) fullScan(ctx context.Context, q *query) (*scan, error) {
	return o.scanUpTo(ctx, q, 0)
}

// scanUpTo is fullScan that gives up with errTooBig, after the first page,
// when the scan has more than maxCells rows × fields (0: no limit).
func (o *org) scanUpTo(ctx context.Context, q *query, maxCells int) (*scan, error) {
	if s := o.cached(q); s != nil {
		return s, nil
	}
	e := o.engine
	e.notifyScan(q.soql)
	pg, err := o.pages(ctx, q.soql, q.apiOptions)
	if err != nil {
		return nil, err
	}
	defer pg.close()
	s := &scan{fields: q.fields}
	prog := Progress{SOQL: q.soql}
	tree := newFieldTree(q.fields)
	for {
		page, err := pg.next()
		if err != nil {
			return nil, err
		}
		if page == nil {
			break
		}
		if maxCells > 0 && page.TotalSize*len(q.fields) > maxCells {
			return nil, errTooBig
		}
		e.received(&prog, page)
		for _, raw := range page.Records {
			row, err := tree.decode(raw)
			if err != nil {
				return nil, err
			}
			s.rows = append(s.rows, row)
		}
	}
	o.scans.put(q.cacheKey(), s)
	return s, nil
}

// offlineError is why an offline session cannot serve a table: the store
// serves what it has in temp views, so anything that reaches the engine
// would need the API.
func offlineError(spec Spec) error {
	switch {
	case spec.Table == "soql":
		return fmt.Errorf("offline: soql() sends SOQL to the org")
	case spec.Derived == UserPermissions:
		return fmt.Errorf("offline: %s is computed from the stored permission sets, groups and assignments: snapshot them (sfsql snapshot)", spec.Table)
	case spec.Derived != nil:
		return fmt.Errorf("offline: %s reads the org's metadata, which snapshots do not keep", spec.Table)
	}
	return fmt.Errorf("offline: the store has no snapshot of %s (take one: sfsql snapshot --tables %s)", spec.Table, strings.TrimPrefix(spec.Table, "salesforce_"))
}
