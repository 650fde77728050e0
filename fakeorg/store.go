package fakeorg

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/sfsql/sfsql/sfid"
)

// Record is one row, keyed by canonical field name. Values are string,
// float64, bool, time.Time (date and datetime), map[string]any (compound
// fields) or nil. A boolean field missing from the map reads as false and
// any other missing field as null, as Salesforce reports them.
type Record map[string]any

// Table holds the rows of one object: stored rows, or a generator for very
// large synthetic tables (a million login history rows need no memory).
type Table struct {
	Object   *Object
	rows     []Record
	generate func(i int) Record
	count    int
}

// Len is the number of rows.
func (t *Table) Len() int {
	if t.generate != nil {
		return t.count
	}
	return len(t.rows)
}

// At returns row i.
func (t *Table) At(i int) Record {
	if t.generate != nil {
		return t.generate(i)
	}
	return t.rows[i]
}

// Store is the org's data: one table per object and an Id index for
// relationship paths.
type Store struct {
	Schema *Schema
	mu     sync.RWMutex
	tables map[string]*Table
	byID   map[string]Record
	serial map[string]int

	deleted map[string][]deletion // object → its deletion log
	purged  time.Time             // deletions before this are gone from the log
}

// NewStore makes an empty store over a schema.
func NewStore(schema *Schema) *Store {
	return &Store{Schema: schema, tables: map[string]*Table{}, byID: map[string]Record{}, serial: map[string]int{}}
}

// Table returns the table of an object, creating it empty.
func (s *Store) Table(object string) *Table {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tableLocked(object)
}

func (s *Store) tableLocked(object string) *Table {
	key := strings.ToLower(object)
	if t, ok := s.tables[key]; ok {
		return t
	}
	o := s.Schema.Object(object)
	if o == nil {
		panic(fmt.Sprintf("fakeorg: no object %s in schema", object))
	}
	t := &Table{Object: o}
	s.tables[key] = t
	return t
}

// NewID allocates the next Id of an object.
func (s *Store) NewID(object string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.Schema.Object(object)
	s.serial[o.Name]++
	return makeID(o.KeyPrefix, s.serial[o.Name])
}

// Insert adds a record, giving it an Id when it has none, and returns the Id.
// Field names are checked against the schema so seeds cannot drift from it.
func (s *Store) Insert(object string, r Record) string {
	s.mu.Lock()
	hasID := s.tableLocked(object).Object.Field("Id") != nil
	s.mu.Unlock()
	if _, ok := r["Id"]; !ok && hasID {
		r["Id"] = s.NewID(object)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tableLocked(object)
	for name := range r {
		if t.Object.byName[strings.ToLower(name)] == nil {
			panic(fmt.Sprintf("fakeorg: %s has no field %s", object, name))
		}
	}
	t.rows = append(t.rows, r)
	id, _ := r["Id"].(string)
	if id != "" {
		s.byID[id] = r
	}
	return id
}

// Generate makes an object's table a synthetic one of n rows.
func (s *Store) Generate(object string, n int, row func(i int) Record) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tableLocked(object)
	t.rows, t.generate, t.count = nil, row, n
}

// Update changes fields of a stored record (tests use it to change the org).
func (s *Store) Update(id string, fields Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.byID[id]
	if !ok {
		return fmt.Errorf("fakeorg: no record %s", id)
	}
	for k, v := range fields {
		r[k] = v
	}
	return nil
}

// Get returns the record with an Id, or nil.
func (s *Store) Get(id string) Record {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.lookup(id)
}

func (s *Store) lookup(id string) Record {
	if len(id) == 15 {
		id += sfid.Checksum(id)
	}
	return s.byID[id]
}

// Rows returns a snapshot of an object's stored rows.
func (s *Store) Rows(object string) []Record {
	t := s.Table(object)
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Record, 0, t.Len())
	for i := range t.Len() {
		if r := t.At(i); r[goneKey] != true {
			out = append(out, r)
		}
	}
	return out
}

func (s *Store) objectForID(id string) *Object {
	if len(id) < 3 {
		return nil
	}
	return s.Schema.ByPrefix(id[:3])
}
