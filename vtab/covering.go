package vtab

import "strings"

// A cached scan also serves a later one that asks for some of its
// columns over the same rows (the same object, filter, order and
// endpoint): its rows are projected to the fields asked for and kept under
// the new scan's own key.

// cached is q's scan from the cache: its own, or one that covers it.
func (o *org) cached(q *query) *scan {
	if s := o.scans.get(q.cacheKey()); s != nil {
		return s
	}
	s := o.scans.covering(q.cacheKey(), q.fields)
	if s != nil {
		o.scans.put(q.cacheKey(), s)
	}
	return s
}

// rowsKey is a cache key without its select list: what decides the rows.
func rowsKey(key string) string {
	flags, soql, _ := strings.Cut(key, "|")
	if i := strings.Index(soql, " FROM "); i >= 0 {
		return flags + "|" + soql[i:]
	}
	return key
}

// covering projects a cached scan of the same rows that has every field.
func (c *scanCache) covering(key string, fields []field) *scan {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, pos := c.coveringLocked(key, fields)
	if s == nil {
		return nil
	}
	c.tick++
	s.used = c.tick
	return project(s, pos)
}

// coveringLocked finds a fresh scan of the same rows with every field, and
// where they are in it.
func (c *scanCache) coveringLocked(key string, fields []field) (*scan, []int) {
	want := rowsKey(key)
	for k, s := range c.m {
		if rowsKey(k) != want || !c.fresh(s) {
			continue
		}
		if pos, ok := positions(s.fields, fields); ok {
			return s, pos
		}
	}
	return nil, nil
}

// positions finds each field of want in have, by path and category.
func positions(have, want []field) ([]int, bool) {
	pos := make([]int, len(want))
	for i, w := range want {
		pos[i] = -1
		for j, h := range have {
			if h.cat == w.cat && strings.EqualFold(strings.Join(h.path, "."), strings.Join(w.path, ".")) {
				pos[i] = j
				break
			}
		}
		if pos[i] < 0 {
			return nil, false
		}
	}
	return pos, true
}

func project(s *scan, pos []int) *scan {
	fields := make([]field, len(pos))
	for i, p := range pos {
		fields[i] = s.fields[p]
	}
	out := &scan{fields: fields, rows: make([][]Value, len(s.rows)), at: s.at, epoch: s.epoch}
	for r, row := range s.rows {
		out.rows[r] = make([]Value, len(pos))
		for i, p := range pos {
			out.rows[r][i] = row[p]
		}
	}
	return out
}
