package vtab

import "errors"

// A scan SQLite reads no value of — count(*), EXISTS, a join that only
// asks whether rows are there — needs only how many rows match: SELECT
// COUNT() answers that in one request whatever the size, where the scan
// would page through every Id. SQLite says what it may read in the plan's
// column mask; a column named there only by a constraint Salesforce
// answers exactly (omitted) is never read. Should SQLite ask for a value
// or a rowid after all (the rowids of an OR's branches), the cursor runs
// the scan it deferred and walks to the same row: exact either way.

// countOnly says a scan may be answered by a count.
func countOnly(t *Table, p *Plan, q *query) bool {
	if !t.hasID || q.lookupPos >= 0 || p.Cols&(1<<63) != 0 {
		return false
	}
	var exact uint64
	for _, term := range p.Terms {
		if term.Exact && !term.Join && !term.In && term.Col < 63 {
			exact |= 1 << term.Col
		}
	}
	return p.Cols&^exact == 0
}

// startCount sends the COUNT(); false (and no error) sends the scan
// instead: an object that cannot be counted is still read exactly.
func (c *scanCursor) startCount(q *query) (bool, error) {
	o := c.t.org
	o.engine.notifyScan(q.count)
	page, err := o.client.Query(c.ctx, q.count, q.apiOptions)
	if err != nil {
		return false, c.ctx.Err()
	}
	c.prog = Progress{SOQL: q.count}
	o.noteRows(c.t.spec.Object, q, page.TotalSize)
	o.engine.received(&c.prog, page)
	c.counted, c.n, c.deferred = true, page.TotalSize, q
	if q.limit >= 0 {
		c.n = min(c.n, q.limit)
	}
	c.eof = c.n == 0
	return true, nil
}

// materialize turns a counted scan into the real one, positioned on the
// row the cursor is at.
func (c *scanCursor) materialize() error {
	if !c.counted {
		return nil
	}
	at := c.i
	c.counted = false
	if err := c.start(c.deferred); err != nil {
		return err
	}
	for ; at > 0 && !c.eof; at-- {
		if err := c.Next(); err != nil {
			return err
		}
	}
	if c.eof {
		return errCountChanged
	}
	return nil
}

var errCountChanged = errors.New("the org changed while a counted scan was being read: run the statement again")
