package vtab

import (
	"context"
	"encoding/json"
)

// scanCursor reads an object table: from the scan cache, or page by page
// from the org.
type scanCursor struct {
	t      *Table
	ctx    context.Context // the statement's, from when the cursor opened
	fields []field
	tree   *fieldTree // decodes fields
	colPos []int      // table column → position in fields; -1 = always NULL

	rows [][]Value // current page, or all rows of a cached scan
	// raw is the current page's records when the scan streams: each is
	// decoded when SQLite reads it, into cur, so memory holds one page of
	// JSON and one row, whatever the width.
	raw   []json.RawMessage
	cur   []Value
	curAt int   // the row cur holds, -1 for none
	pick  []int // when set, the rows to visit (a lookup)
	i     int
	pager *pager
	keep  *scan // collects a complete scan for the cache
	key   string
	eof   bool
	prog  Progress
	// counted is a scan answered by SELECT COUNT(): rows with no values
	// yet, fetched by deferred if SQLite asks for one (see count.go).
	counted  bool
	n        int
	deferred *query
	bulk     *bulkReader // the scan reads a Bulk 2.0 job (bulk.go)
	// eager: the statement reads several orgs; this scan fetches its
	// pages ahead of SQLite (eager.go).
	eager bool
}

// Open starts a cursor.
func (t *Table) Open() (Cursor, error) {
	return &scanCursor{t: t, ctx: t.org.engine.cursorOpened()}, nil
}

// Filter builds the SOQL for the plan and its values, and starts the scan.
func (c *scanCursor) Filter(idxStr string, args []Value) error {
	c.reset()
	p, err := decodePlan(idxStr)
	if err != nil {
		return err
	}
	p.wide = c.t.org.statementColumns(c.t.spec.Table)
	q, answered, err := c.prepare(p, valuePointers(args))
	if answered || err != nil {
		return err
	}
	return c.serve(p, q)
}

// prepare builds the query; answered says no scan is needed: nothing can
// match, or a lookup was answered from a held scan.
func (c *scanCursor) prepare(p *Plan, args []*Value) (*query, bool, error) {
	q := c.t.buildQuery(p, args)
	if p.Held && q.err == nil && !q.none && c.serveHeld(p, q) {
		return q, true, nil
	}
	if q.err == nil && q.lookupPos >= 0 && !q.none {
		s, err := c.t.org.lookupScan(c.ctx, q)
		if err != nil || s != nil {
			c.fields, c.colPos = q.fields, q.colPos
			if s != nil {
				c.rows = s.rows
				c.pick = s.index(q.lookupPos)[q.lookupVal.lookupKey()]
				c.eof = len(c.pick) == 0
			}
			return q, true, err
		}
		q = c.t.perValue(p, args, q.lookupTerm) // this value goes as its own query
	}
	if q.err != nil {
		return nil, true, q.err
	}
	c.fields, c.colPos = q.fields, q.colPos
	c.eof = q.none
	return q, q.none, nil
}

// serve starts the scan: from the cache, read whole for the statement's
// other instances, counted, or paged.
func (c *scanCursor) serve(p *Plan, q *query) error {
	if s := c.t.org.cached(q); s != nil {
		c.rows = s.rows
		c.eof = len(c.rows) == 0
		return nil
	}

	if shared := p.wide&^p.Cols != 0; shared && q.cacheable {
		if ok, err := c.readShared(q); ok || err != nil {
			return err
		}
	}
	if countOnly(c.t, p, q) {
		if ok, err := c.startCount(q); ok || err != nil {
			return err
		}
	}
	return c.start(q)
}

func (c *scanCursor) reset() {
	if c.pager != nil {
		c.pager.close()
	}
	*c = scanCursor{t: c.t, ctx: c.ctx, eager: c.eager}
}

func (c *scanCursor) start(q *query) error {
	o := c.t.org
	o.engine.notifyScan(q.soql)
	pg, err := o.pages(c.ctx, q.soql, q.apiOptions)
	if err != nil {
		return err
	}
	c.pager, c.prog, c.tree = pg, Progress{SOQL: q.soql}, newFieldTree(q.fields)
	o.noteRows(c.t.spec.Object, q, pg.first.TotalSize)
	// Keep the scan for the cache only when its size, known from the first
	// page, fits: a streaming count over a million rows must stay small.
	if q.cacheable && pg.first.TotalSize*len(q.fields) <= o.engine.opts.MaxCachedCells {
		c.keep, c.key = &scan{fields: q.fields, rows: make([][]Value, 0, pg.first.TotalSize)}, q.cacheKey()
	}
	if t := o.engine.opts.BulkThreshold; t > 0 && pg.first.TotalSize > t && bulkable(c.t, q) {
		if ok, err := c.startBulk(q); ok || err != nil {
			return err
		}
	}
	if c.eager {
		pg.runAhead()
	}
	return c.loadPage()
}

// loadPage decodes the next page; at the end it files the complete scan.
func (c *scanCursor) loadPage() error {
	c.raw, c.rows = nil, nil // the page read so far can go while the next one comes
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
		c.t.org.engine.received(&c.prog, page)
		c.i, c.curAt = 0, -1
		if c.keep == nil {
			c.raw, c.rows = page.Records, nil
		} else if err := c.decodePage(page.Records); err != nil {
			return err
		}
		if c.pageLen() > 0 {
			return nil
		}
	}
}

// decodePage decodes a page whole, for a scan the cache keeps.
func (c *scanCursor) decodePage(records []json.RawMessage) error {
	rows := make([][]Value, 0, len(records))
	for _, raw := range records {
		row, err := c.tree.decode(raw)
		if err != nil {
			return err
		}
		rows = append(rows, row)
	}
	c.raw, c.rows = nil, rows
	c.keep.rows = append(c.keep.rows, rows...)
	return nil
}

func (c *scanCursor) pageLen() int {
	if c.raw != nil {
		return len(c.raw)
	}
	return len(c.rows)
}

// current is the row the cursor is on, decoded.
func (c *scanCursor) current() ([]Value, error) {
	if err := c.materialize(); err != nil {
		return nil, err
	}
	if c.raw == nil {
		return c.rows[c.row()], nil
	}
	if c.curAt != c.i {
		if c.cur == nil {
			c.cur = make([]Value, len(c.fields))
		}
		if err := c.tree.decodeInto(c.raw[c.i], c.cur); err != nil {
			return nil, err
		}
		c.curAt = c.i
	}
	return c.cur, nil
}

func (c *scanCursor) finish() {
	if c.keep != nil {
		c.t.org.scans.put(c.key, c.keep)
		c.keep = nil
	}
}

// Next advances to the next row.
func (c *scanCursor) Next() error {
	if c.eof {
		return nil
	}
	c.i++
	if c.counted {
		c.eof = c.i >= c.n
		return nil
	}
	if c.pick != nil {
		c.eof = c.i >= len(c.pick)
		return nil
	}
	if c.i < c.pageLen() {
		return nil
	}
	if c.bulk != nil {
		return c.loadBulkPage()
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
func (c *scanCursor) Column(i int) (Value, error) {
	row, err := c.current()
	if err != nil || i < 0 || i >= len(c.colPos) || c.colPos[i] < 0 {
		return Value{}, err
	}
	return row[c.colPos[i]], nil
}

func (c *scanCursor) row() int {
	if c.pick != nil {
		return c.pick[c.i]
	}
	return c.i
}

// RowID hashes the record Id (always the first field), so the same record
// has the same rowid in every scan; an object without Ids hashes the whole
// record (every field is selected for those).
func (c *scanCursor) RowID() (int64, error) {
	row, err := c.current()
	if err != nil {
		return 0, err
	}
	if !c.t.hasID {
		return rowHash(row), nil
	}
	return rowHash(row[:1]), nil
}

// Close releases the cursor; an unfinished scan is not cached.
func (c *scanCursor) Close() {
	if c.pager != nil {
		c.pager.close()
	}
	c.t.org.engine.cursorClosed()
}

func valuePointers(args []Value) []*Value {
	out := make([]*Value, len(args))
	for i := range args {
		out[i] = &args[i]
	}
	return out
}
