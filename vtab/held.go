package vtab

// A cached scan of every row of an object (no term pushed) also serves a
// later scan of a narrower filter: the later scan is planned with every
// term left for SQLite to check (none omitted, no LIMIT or ORDER BY
// consumed), so the held rows — a local copy — give exactly what SQLite
// computes on one. The terms still go into argv: if the held scan is gone
// by the time the scan runs, they are pushed as usual, each a superset
// SQLite re-checks.

// wholeQuery is the query of every row of the table with the given
// columns: the key a held whole scan is cached under.
func (t *Table) wholeQuery(cols uint64) *query {
	return t.buildQuery(&Plan{Table: t.spec.Table, Cols: cols}, nil)
}

// holdsWhole says whether a fresh cached scan of every row has the fields
// of cols, at planning time.
func (t *Table) holdsWhole(cols uint64) bool {
	if t.org == nil || t.org.scans == nil || t.spec.OneRow {
		return false
	}
	q := t.wholeQuery(cols)
	return q.err == nil && t.org.scans.holds(q.cacheKey(), q.fields)
}

// heldWhole is the held scan of every row projected to the plan's fields
// (the query's fields are the whole query's, over the same columns), or
// nil when it is gone.
func (c *scanCursor) heldWhole(p *Plan, q *query) *scan {
	whole := c.t.wholeQuery(p.Cols | p.wide) // the flags q's columns give
	if whole.err != nil {
		return nil
	}
	if len(whole.fields) != len(q.fields) {
		return nil
	}
	return c.t.org.cached(whole) // projected once, then kept under its own key
}

// serveHeld answers the scan from the held rows, if they are still there:
// all of them, or a lookup's by index, for SQLite to check every term.
func (c *scanCursor) serveHeld(p *Plan, q *query) bool {
	s := c.heldWhole(p, q)
	if s == nil {
		return false
	}
	c.fields, c.colPos, c.rows = q.fields, q.colPos, s.rows
	c.eof = len(c.rows) == 0
	if q.lookupPos >= 0 {
		c.pick = s.index(q.lookupPos)[q.lookupVal.lookupKey()]
		c.eof = len(c.pick) == 0
	}
	return true
}

// holds is covering without the projection.
func (c *scanCache) holds(key string, fields []field) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, _ := c.coveringLocked(key, fields)
	return s != nil
}

// planHeld plans a scan served by the held whole scan: every constraint
// SQLite could push goes into argv, none omitted.
func (t *Table) planHeld(info *IndexInfo) (*Plan, bool) {
	p := &Plan{Table: t.spec.Table, Cols: info.ColUsed, Held: true}
	usage := make([]ConstraintUsage, len(info.Constraints))
	argc := 0
	lookup := false
	for i, c := range info.Constraints {
		if c.Op == OpLIMIT || c.Op == OpOFFSET {
			continue
		}
		term, ok := t.planTerm(c)
		if !ok {
			continue
		}
		if term.Join && !term.In && (c.Op == OpEQ || c.Op == OpIS) && !lookup {
			// A value from elsewhere: answered from the held rows by
			// index, as any lookup into a held scan is (lookup.go).
			term.Lookup, term.Adaptive, lookup = true, t.spec.Size == Large, true
		}
		term.Exact = false
		argc++
		usage[i] = ConstraintUsage{ArgvIndex: argc, InWhole: term.In}
		p.Terms = append(p.Terms, term)
	}
	info.Usage = usage
	rows := t.estimatedRows()
	info.Rows = rows
	info.Cost = float64(rows) // no request
	if lookup {
		info.Rows, info.Cost = max(rows/50, 1), 10
	}
	return p, true
}
