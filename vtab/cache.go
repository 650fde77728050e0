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
	bytes  int64 // its estimated size in memory
	used   int64 // when it last served, in the cache's ticks (LRU)

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
	ttl      time.Duration
	maxBytes int64 // held at most; the least recently used scans go first
	mu       sync.Mutex
	m        map[string]*scan
	epoch    int64
	held     int64 // bytes of the scans in m
	tick     int64
	// lookups counts a statement's values of each large lookup; -1 marks
	// one too big to scan whole (lookup.go).
	lookups map[string]int
}

func newScanCache(ttl time.Duration, maxBytes int64) *scanCache {
	return &scanCache{ttl: ttl, maxBytes: maxBytes, m: map[string]*scan{}}
}

// cellBytes is what one decoded value costs in memory, its text aside.
const cellBytes = 64

// sizeOf estimates a scan's memory: its values and their text.
func sizeOf(s *scan) int64 {
	n := int64(len(s.rows)) * 24
	for _, r := range s.rows {
		n += int64(len(r)) * cellBytes
		for _, v := range r {
			n += int64(len(v.S))
		}
	}
	return n
}

func (c *scanCache) get(key string) *scan {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.m[key]
	if s == nil {
		return nil
	}
	if !c.fresh(s) {
		c.drop(key)
		return nil
	}
	c.tick++
	s.used = c.tick
	return s
}

// fresh says a scan may still serve: within its statement without a TTL,
// within the TTL with one.
func (c *scanCache) fresh(s *scan) bool {
	return !(c.ttl <= 0 && s.epoch != c.epoch) && !(c.ttl > 0 && time.Since(s.at) > c.ttl)
}

// put keeps a scan, making room by dropping the least recently used; one
// larger than the whole cache is not kept.
func (c *scanCache) put(key string, s *scan) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s.at.IsZero() { // a projection keeps the time its rows were read
		s.at, s.epoch = timeNow(), c.epoch
	}
	s.bytes = sizeOf(s)
	c.drop(key)
	if c.maxBytes > 0 && s.bytes > c.maxBytes {
		return
	}
	for c.maxBytes > 0 && c.held+s.bytes > c.maxBytes {
		c.drop(c.leastRecent())
	}
	c.tick++
	s.used = c.tick
	c.m[key] = s
	c.held += s.bytes
}

func (c *scanCache) leastRecent() string {
	oldest, key := int64(-1), ""
	for k, s := range c.m {
		if oldest < 0 || s.used < oldest {
			oldest, key = s.used, k
		}
	}
	return key
}

func (c *scanCache) drop(key string) {
	if s := c.m[key]; s != nil {
		c.held -= s.bytes
		delete(c.m, key)
	}
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
		c.m, c.held = map[string]*scan{}, 0
	}
}

func (c *scanCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m, c.held = map[string]*scan{}, 0
}

func (c *scanCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
