package vtab

import (
	"sync"
	"time"
)

// scan is the complete result of one SOQL statement, decoded.
type scan struct {
	fields []field
	rows   [][]Value
	at     time.Time

	mu      sync.Mutex
	indexes map[int]map[string][]int // field position → value key → rows
}

// index returns rows by value of one field, building it on first use.
func (s *scan) index(pos int) map[string][]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if idx, ok := s.indexes[pos]; ok {
		return idx
	}
	idx := map[string][]int{}
	for i, r := range s.rows {
		if k, ok := r[pos].key(); ok {
			idx[k] = append(idx[k], i)
		}
	}
	if s.indexes == nil {
		s.indexes = map[int]map[string][]int{}
	}
	s.indexes[pos] = idx
	return idx
}

var timeNow = time.Now

// scanCache keeps complete scans per connection, keyed by SOQL, for a TTL.
type scanCache struct {
	ttl time.Duration
	mu  sync.Mutex
	m   map[string]*scan
}

func newScanCache(ttl time.Duration) *scanCache { return &scanCache{ttl: ttl, m: map[string]*scan{}} }

func (c *scanCache) get(key string) *scan {
	if c.ttl <= 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.m[key]
	if s != nil && time.Since(s.at) > c.ttl {
		delete(c.m, key)
		return nil
	}
	return s
}

func (c *scanCache) put(key string, s *scan) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = s
}

func (c *scanCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = map[string]*scan{}
}
