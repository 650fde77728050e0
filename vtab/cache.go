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
	epoch  int64 // statement it was read in

	mu      sync.Mutex
	indexes map[int]map[string][]int // field position → lookup key → rows
}

// index returns rows by the lookup key of one field, building it on first
// use.
func (s *scan) index(pos int) map[string][]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if idx, ok := s.indexes[pos]; ok {
		return idx
	}
	idx := map[string][]int{}
	for i, r := range s.rows {
		k := r[pos].lookupKey()
		idx[k] = append(idx[k], i)
	}
	if s.indexes == nil {
		s.indexes = map[int]map[string][]int{}
	}
	s.indexes[pos] = idx
	return idx
}

var timeNow = time.Now

// scanCache keeps complete scans per connection, keyed by SOQL, for a
// TTL. With no TTL a scan still serves the rest of its statement, so a
// join never reads a table twice.
type scanCache struct {
	ttl   time.Duration
	mu    sync.Mutex
	m     map[string]*scan
	epoch int64
	// lookups counts a statement's values of each large lookup; -1 marks
	// one too big to scan whole (lookup.go).
	lookups map[string]int
}

func newScanCache(ttl time.Duration) *scanCache { return &scanCache{ttl: ttl, m: map[string]*scan{}} }

func (c *scanCache) get(key string) *scan {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.m[key]
	if s == nil {
		return nil
	}
	if (c.ttl <= 0 && s.epoch != c.epoch) || (c.ttl > 0 && time.Since(s.at) > c.ttl) {
		delete(c.m, key)
		return nil
	}
	return s
}

func (c *scanCache) put(key string, s *scan) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s.at, s.epoch = timeNow(), c.epoch
	c.m[key] = s
}

// wantsWholeScan counts one more value of a large lookup in this
// statement: true once more than perValue have gone, unless too big.
func (c *scanCache) wantsWholeScan(key string, perValue int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lookups == nil {
		c.lookups = map[string]int{}
	}
	if c.lookups[key] < 0 {
		return false
	}
	c.lookups[key]++
	return c.lookups[key] > perValue
}

func (c *scanCache) tooBig(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lookups[key] = -1
}

// newStatement starts a statement: without a TTL, earlier scans expire.
func (c *scanCache) newStatement() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	c.lookups = nil
	if c.ttl <= 0 {
		c.m = map[string]*scan{}
	}
}

func (c *scanCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = map[string]*scan{}
}

func (c *scanCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
