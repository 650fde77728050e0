package vtab

import (
	"context"
	"errors"
)

// A join's equality into a table is a lookup: every value is answered
// from one scan of the table, indexed (Σ pages, never a request per outer
// row). Into a large object — login history, the audit trail — one scan
// may be far more than a handful of rows need (one user's logins), so the
// first few values go as their own queries; a statement that keeps asking
// switches to the one scan, unless the object is too big to hold (more
// rows × fields than the scan cache keeps), where it stays per value.

// perValueLookups is how many values of a large lookup go as their own
// queries before the one scan.
const perValueLookups = 3

// lookupScan is the scan a lookup is answered from, or nil when this
// value goes as its own query.
func (o *org) lookupScan(ctx context.Context, q *query) (*scan, error) {
	if s := o.cached(q); s != nil {
		return s, nil // held already: no request at all
	}
	if !q.adaptive {
		return o.fullScan(ctx, q)
	}
	if !o.scans.wantsWholeScan(q.cacheKey(), perValueLookups) {
		return nil, nil
	}
	s, err := o.scanUpTo(ctx, q, o.engine.opts.MaxCachedCells)
	if errors.Is(err, errTooBig) {
		o.scans.tooBig(q.cacheKey())
		return nil, nil
	}
	return s, err
}

// perValue is the query of one lookup value, sent as a pushed condition
// that SQLite re-checks.
func (t *Table) perValue(p *Plan, args []*Value, term int) *query {
	one := *p
	one.Terms = append([]Term(nil), p.Terms...)
	one.Terms[term].Lookup = false
	return t.buildQuery(&one, args)
}

// errTooBig is a scan larger than it may be held for lookups.
var errTooBig = errors.New("too big to hold for lookups")
