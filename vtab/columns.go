package vtab

import (
	"errors"
	"strings"
)

// A statement that names a table twice — a self-join, a subquery on the
// table it filters — would read it twice when each instance asks for only
// its own columns: two SOQL texts, two cache keys. SQLite plans every
// instance (xBestIndex) before it opens any, so the columns each uses are
// collected while it plans, and every full scan of the table in the
// statement selects all of them: one SOQL, read once and shared through
// the scan cache. A LIMITed scan keeps to its own columns.

// readShared reads a scan another instance of its table will want whole,
// into the cache, and serves the rows from there; false (no error) when it
// is too big to hold, and the scan streams as usual.
func (c *scanCursor) readShared(q *query) (bool, error) {
	s, err := c.t.org.scanUpTo(c.ctx, q, c.t.org.engine.opts.MaxCachedCells)
	if errors.Is(err, errTooBig) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	c.rows = s.rows
	c.eof = len(c.rows) == 0
	return true, nil
}

// noteRows keeps how many records an object has, learnt for free from
// the totalSize of a scan (or count) with no filter: later plans — in this
// session and, through the describe cache, the next — cost it by that
// rather than by its size class.
func (o *org) noteRows(object string, q *query, total int) {
	if o == nil || strings.Contains(q.count, " WHERE ") || q.apiOptions.All {
		return
	}
	o.mu.Lock()
	if o.rows == nil {
		o.rows = map[string]int64{}
	}
	known, seen := o.rows[object]
	o.rows[object] = int64(total)
	o.mu.Unlock()
	if (!seen || known != int64(total)) && o.client != nil {
		o.client.NoteRows(object, int64(total))
	}
}

func (o *org) knownRows(object string) (int64, bool) {
	if o == nil {
		return 0, false
	}
	o.mu.Lock()
	n, ok := o.rows[object]
	o.mu.Unlock()
	if ok || o.client == nil {
		return n, ok
	}
	return o.client.KnownRows(object)
}

// noteColumns adds an instance's columns to the statement being planned.
func (o *org) noteColumns(table string, cols uint64) {
	if o == nil {
		return // a table planned outside an engine (tests)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.planning == nil {
		o.planning = map[string]uint64{}
	}
	o.planning[table] |= cols
}

// startStatement begins a statement's run: the columns planned are the
// ones its scans select, and the next statement plans afresh.
func (o *org) startStatement() {
	o.scans.newStatement()
	o.mu.Lock()
	defer o.mu.Unlock()
	o.running, o.planning = o.planning, nil
}

// statementColumns are the running statement's columns of a table.
func (o *org) statementColumns(table string) uint64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.running[table]
}

// plannedColumns are those of the statement planned last (.explain plans
// without running).
func (o *org) plannedColumns(table string) uint64 {
	if o == nil {
		return 0
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.planning[table]
}
