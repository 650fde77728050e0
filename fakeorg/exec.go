package fakeorg

import (
	"sort"
	"sync/atomic"
	"time"
)

// resultSet is a query's matching rows, kept for paging by locator.
type resultSet struct {
	c       *compiled
	table   *Table
	rows    []int32 // indexes into table of the rows to deliver, in order
	version string
	tooling bool
	locator string
	issued  map[int]bool // offsets named in a nextRecordsUrl (guarded by Org.mu)
	// pageBytes is the largest page written so far, the size a later page's buffer starts at.
	pageBytes atomic.Int64
}

// run evaluates a compiled query over its table.
func (s *Store) run(c *compiled, includeDeleted bool) *resultSet {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t := s.tables[lower(c.object.Name)]
	rs := &resultSet{c: c, table: t}
	if t == nil {
		return rs
	}
	deleted := c.object.Field("IsDeleted")
	for i, n := 0, t.Len(); i < n; i++ {
		r := t.At(i)
		if r[goneKey] == true && (deleted == nil || !includeDeleted) || deleted != nil && !includeDeleted && r["IsDeleted"] == true {
			continue
		}
		if c.where(r) {
			rs.rows = append(rs.rows, int32(i))
		}
	}
	if len(c.order) > 0 {
		s.sortRows(rs)
	}
	rs.rows = window(rs.rows, c.query.Offset, c.query.Limit)
	return rs
}

func window(rows []int32, offset, limit int) []int32 {
	if offset > 0 {
		if offset >= len(rows) {
			return nil
		}
		rows = rows[offset:]
	}
	if limit >= 0 && limit < len(rows) {
		rows = rows[:limit]
	}
	return rows
}

func (s *Store) sortRows(rs *resultSet) {
	sort.SliceStable(rs.rows, func(i, j int) bool {
		a, b := rs.table.At(int(rs.rows[i])), rs.table.At(int(rs.rows[j]))
		for _, k := range rs.c.order {
			if d := s.orderCompare(a, b, k); d != 0 {
				return d < 0
			}
		}
		return false
	})
}

func (s *Store) orderCompare(a, b Record, k orderKey) int {
	va, vb := s.value(a, k.path), s.value(b, k.path)
	switch {
	case va == nil && vb == nil:
		return 0
	case va == nil:
		if k.nullsFirst {
			return -1
		}
		return 1
	case vb == nil:
		if k.nullsFirst {
			return 1
		}
		return -1
	}
	d := compareValues(va, vb, categoryOf(k.path.field))
	if k.desc {
		return -d
	}
	return d
}

// now is the clock relative date literals use; tests may pin it.
func (o *Org) now() time.Time {
	if o.Clock != nil {
		return o.Clock()
	}
	return time.Now()
}
