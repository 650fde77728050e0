package vtab

import (
	"strconv"
	"strings"

	"github.com/sfsql/sfsql/salesforce"
)

// scanCursor reads an object table: from the scan cache, or page by page
// from the org.
type scanCursor struct {
	t      *Table
	fields []field
	colPos []int // table column → position in fields; -1 = always NULL

	rows  [][]Value // current page, or all rows of a cached scan
	pick  []int     // when set, the rows to visit (a lookup)
	i     int
	pager *pager
	keep  *scan // collects a complete scan for the cache
	key   string
	eof   bool
	prog  Progress
}

// Open starts a cursor.
func (t *Table) Open() (Cursor, error) {
	t.engine.cursorOpened()
	return &scanCursor{t: t}, nil
}

// query is a planned SOQL statement with the lookup it serves, if any.
type query struct {
	soql       string
	fields     []field
	colPos     []int
	none       bool  // no row can match: answer without a request
	lookupPos  int   // position in fields of the lookup column, -1 if none
	lookupVal  Value // value looked up
	cacheable  bool
	apiOptions salesforce.QueryOptions
	key        string // cacheKey, once computed
}

// Filter builds the SOQL for the plan and its values, and starts the scan.
func (c *scanCursor) Filter(idxStr string, args []Value) error {
	c.reset()
	p, err := decodePlan(idxStr)
	if err != nil {
		return err
	}
	q := c.t.buildQuery(p, args)
	c.fields, c.colPos = q.fields, q.colPos
	if q.none {
		c.eof = true
		return nil
	}
	e := c.t.engine
	if q.lookupPos >= 0 {
		s, err := e.fullScan(q)
		if err != nil {
			return err
		}
		c.rows = s.rows
		k, ok := q.lookupVal.key()
		c.pick = s.index(q.lookupPos)[k]
		c.eof = !ok || len(c.pick) == 0
		return nil
	}
	if s := e.scans.get(q.cacheKey()); s != nil {
		c.rows = s.rows
		c.eof = len(c.rows) == 0
		return nil
	}
	return c.start(q)
}

func (q *query) cacheKey() string {
	if q.key == "" {
		q.key = strconv.FormatBool(q.apiOptions.Tooling) + strconv.FormatBool(q.apiOptions.All) + "|" + q.soql
	}
	return q.key
}

func (c *scanCursor) reset() {
	if c.pager != nil {
		c.pager.close()
	}
	*c = scanCursor{t: c.t}
}

func (c *scanCursor) start(q *query) error {
	e := c.t.engine
	if e.OnScan != nil {
		e.OnScan(q.soql)
	}
	pg, err := startPager(e.context(), e.Client(), q.soql, q.apiOptions)
	if err != nil {
		return err
	}
	c.pager, c.prog = pg, Progress{SOQL: q.soql}
	// Keep the scan for the cache only when its size, known from the first
	// page, fits: a streaming count over a million rows must stay small.
	if q.cacheable && pg.first.TotalSize*len(q.fields) <= e.opts.MaxCachedCells {
		c.keep, c.key = &scan{fields: q.fields, rows: make([][]Value, 0, pg.first.TotalSize)}, q.cacheKey()
	}
	return c.loadPage()
}

// loadPage decodes the next page; at the end it files the complete scan.
func (c *scanCursor) loadPage() error {
	for {
		page, err := c.pager.next()
		if err != nil {
			return err
		}
		if page == nil {
			c.eof = true
			c.finish()
			return nil
		}
		c.t.engine.received(&c.prog, page)
		rows := make([][]Value, 0, len(page.Records))
		for _, raw := range page.Records {
			row, err := decodeRecord(raw, c.fields)
			if err != nil {
				return err
			}
			rows = append(rows, row)
		}
		c.rows, c.i = rows, 0
		if c.keep != nil {
			c.keep.rows = append(c.keep.rows, rows...)
		}
		if len(c.rows) > 0 {
			return nil
		}
	}
}

func (c *scanCursor) finish() {
	if c.keep != nil {
		c.t.engine.scans.put(c.key, c.keep)
		c.keep = nil
	}
}

// Next advances to the next row.
func (c *scanCursor) Next() error {
	if c.eof {
		return nil
	}
	c.i++
	if c.pick != nil {
		c.eof = c.i >= len(c.pick)
		return nil
	}
	if c.i < len(c.rows) {
		return nil
	}
	if c.pager == nil {
		c.eof = true
		return nil
	}
	return c.loadPage()
}

// EOF reports the end of the scan.
func (c *scanCursor) EOF() bool { return c.eof }

// Column returns column i of the current row.
func (c *scanCursor) Column(i int) Value {
	if i < 0 || i >= len(c.colPos) || c.colPos[i] < 0 {
		return Value{}
	}
	row := c.i
	if c.pick != nil {
		row = c.pick[c.i]
	}
	return c.rows[row][c.colPos[i]]
}

// RowID hashes the record Id (always the first field), so the same record
// has the same rowid in every scan.
func (c *scanCursor) RowID() int64 {
	row := c.i
	if c.pick != nil {
		row = c.pick[c.i]
	}
	return rowHash(c.rows[row][:1])
}

// Close releases the cursor; an unfinished scan is not cached.
func (c *scanCursor) Close() {
	if c.pager != nil {
		c.pager.close()
	}
	c.t.engine.cursorClosed()
}

// fullScan returns the complete result of q without its lookup, from the
// cache or by reading every page.
func (e *Engine) fullScan(q *query) (*scan, error) {
	if s := e.scans.get(q.cacheKey()); s != nil {
		return s, nil
	}
	if e.OnScan != nil {
		e.OnScan(q.soql)
	}
	pg, err := startPager(e.context(), e.Client(), q.soql, q.apiOptions)
	if err != nil {
		return nil, err
	}
	defer pg.close()
	s := &scan{fields: q.fields}
	prog := Progress{SOQL: q.soql}
	for {
		page, err := pg.next()
		if err != nil {
			return nil, err
		}
		if page == nil {
			break
		}
		e.received(&prog, page)
		for _, raw := range page.Records {
			row, err := decodeRecord(raw, q.fields)
			if err != nil {
				return nil, err
			}
			s.rows = append(s.rows, row)
		}
	}
	e.scans.put(q.cacheKey(), s)
	return s, nil
}

// buildQuery renders a plan with its argument values as SOQL.
func (t *Table) buildQuery(p *Plan, args []Value) *query {
	q := &query{lookupPos: -1, cacheable: true, apiOptions: salesforce.QueryOptions{Tooling: t.spec.Tooling}}
	used := map[int]bool{}
	for i := range t.cols {
		if p.Cols&(1<<min(i, 63)) != 0 {
			used[i] = true
		}
	}
	for _, term := range p.Terms {
		if term.Lookup {
			used[term.Col] = true
		}
	}
	q.fields, q.colPos = t.projection(used)
	var where []string
	for i, term := range p.Terms {
		c := &t.cols[term.Col]
		if term.Lookup {
			q.lookupPos, q.lookupVal = q.colPos[term.Col], args[i]
			if args[i].Kind == Null {
				q.none = true
			}
			continue
		}
		s, ok, none := c.clause(term.Op, args[i])
		if none {
			q.none = true
		}
		if ok && !none {
			where = append(where, s)
			// Deleted records only come from queryAll.
			if strings.EqualFold(c.path, "IsDeleted") && strings.Contains(s, "true") {
				q.apiOptions.All = true
			}
		}
	}
	q.soql = "SELECT " + fieldList(q.fields) + " FROM " + t.spec.Object
	if len(where) > 0 {
		q.soql += " WHERE " + strings.Join(where, " AND ")
	}
	q.soql += t.orderClause(p.Order)
	if p.Limit > 0 && q.lookupPos < 0 {
		if n, ok := limitValue(args, p); ok {
			q.soql += " LIMIT " + strconv.FormatInt(n, 10)
			q.cacheable = false // a LIMITed scan is not the whole result
		}
	}
	return q
}

func limitValue(args []Value, p *Plan) (int64, bool) {
	l := args[p.Limit-1]
	if l.Kind != Int || l.I < 0 {
		return 0, false
	}
	n := l.I
	if p.Offset > 0 {
		o := args[p.Offset-1]
		if o.Kind != Int || o.I < 0 {
			return 0, false
		}
		n += o.I
	}
	return n, true
}

// projection lists the SOQL fields for the used columns (Id always first).
func (t *Table) projection(used map[int]bool) ([]field, []int) {
	fields := []field{{path: []string{"Id"}, cat: catID}}
	byPath := map[string]int{"id": 0}
	colPos := make([]int, len(t.cols))
	for i := range t.cols {
		colPos[i] = -1
		c := &t.cols[i]
		if !used[i] || c.path == "" {
			continue
		}
		key := strings.ToLower(c.path)
		pos, ok := byPath[key]
		if !ok {
			pos = len(fields)
			byPath[key] = pos
			fields = append(fields, field{path: strings.Split(c.path, "."), cat: c.cat})
		}
		colPos[i] = pos
	}
	return fields, colPos
}

func fieldList(fields []field) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = strings.Join(f.path, ".")
	}
	return strings.Join(names, ", ")
}

func (t *Table) orderClause(order []IndexOrder) string {
	if len(order) == 0 {
		return ""
	}
	var terms []string
	for _, o := range order {
		if o.Desc {
			terms = append(terms, t.cols[o.Column].path+" DESC NULLS LAST")
		} else {
			terms = append(terms, t.cols[o.Column].path+" ASC NULLS FIRST")
		}
	}
	return " ORDER BY " + strings.Join(terms, ", ")
}
