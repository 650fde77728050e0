package history

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sfsql/sfsql/salesforce"
	"github.com/sfsql/sfsql/vtab"
)

// Org identifies the org a snapshot is of.
type Org struct {
	ID       string // 18-character Organization Id
	Name     string // the connection name
	OrgName  string // Organization.Name
	Instance string
}

// Snapshotter takes snapshots of one org into a store.
type Snapshotter struct {
	Store  *Store
	Engine *vtab.Engine
	Client *salesforce.Client
	Org    Org
	// EventsSince is how far back the first snapshot of an event table
	// reads (default 30 days).
	EventsSince time.Duration
	// Log, when set, is told the phases of a snapshot (--verbose).
	Log func(line string)
}

func (s *Snapshotter) log(format string, args ...any) {
	if s.Log != nil {
		s.Log(fmt.Sprintf(format, args...))
	}
}

// Result is what one snapshot did.
type Result struct {
	ID                       int64
	Tables                   []string
	Rows                     int // records stored for those tables, as of this snapshot
	Added, Removed, Modified int
	Requests, Bytes          int64
	Skipped                  map[string]string // table → why it was not read
	Modes                    map[string]string // table → how it was read
}

// DefaultTables is the default snapshot: every catalogue object table
// but the opt-in ones.
func DefaultTables(specs []vtab.Spec) []string {
	var out []string
	for _, s := range specs {
		if s.Derived == nil && s.History.Kind != vtab.OptIn {
			out = append(out, s.Table)
		}
	}
	sort.Strings(out)
	return out
}

// ResolveTables turns user input (user, salesforce_user, …) into catalogue
// table names, with a clear error for an unknown one.
func ResolveTables(names []string, specs []vtab.Spec) ([]string, error) {
	known := map[string]vtab.Spec{}
	for _, s := range specs {
		if s.Derived == nil {
			known[s.Table] = s
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" {
			continue
		}
		if !strings.HasPrefix(n, "salesforce_") {
			n = "salesforce_" + n
		}
		if _, ok := known[n]; !ok {
			return nil, fmt.Errorf("unknown table %q: snapshots take catalogue tables (see .tables)", strings.TrimPrefix(n, "salesforce_"))
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no tables named")
	}
	sort.Strings(out)
	return out, nil
}

// Take snapshots tables: read what changed, then write it in one short
// transaction. A failed snapshot is recorded as failed and changes nothing
// else.
func (s *Snapshotter) Take(ctx context.Context, tables []string) (*Result, error) {
	l, err := s.Store.lock(ctx)
	if err != nil {
		return nil, err
	}
	defer l.release()
	startReq, startBytes := s.Client.Stats.Requests.Load(), s.Client.Stats.Bytes.Load()
	now := s.Store.now().UTC()
	reads, err := s.read(ctx, tables, now)
	stats := func() (int64, int64) {
		return s.Client.Stats.Requests.Load() - startReq, s.Client.Stats.Bytes.Load() - startBytes
	}
	if err != nil {
		if ctx.Err() == nil { // an interrupted round rolls back without a trace
			req, b := stats()
			s.Store.recordFailure(ctx, s.Org, now, tables, req, b, err)
		}
		return nil, err
	}
	req, b := stats()
	s.log("history: writing snapshot of %s: %d tables read with %d requests", s.Org.ID, len(reads), req)
	res, err := s.Store.commit(ctx, s.Org, now, reads, req, b)
	if err == nil {
		s.log("history: snapshot %d committed", res.ID)
	}
	if err != nil {
		if ctx.Err() == nil {
			s.Store.recordFailure(ctx, s.Org, now, tables, req, b, err)
		}
		return nil, err
	}
	return res, nil
}

// read plans and runs every table's reads for one round.
func (s *Snapshotter) read(ctx context.Context, tables []string, now time.Time) ([]*tableRead, error) {
	states, err := s.Store.states(ctx, s.Org.ID)
	if err != nil {
		return nil, err
	}
	since := s.EventsSince
	if since == 0 {
		since = 30 * 24 * time.Hour
	}
	rd := &reader{client: s.Client, store: s.Store, org: s.Org.ID, now: now, eventsSince: since}
	if err := s.primeDescribes(ctx); err != nil {
		return nil, err
	}
	var reads []*tableRead
	var steps []*step
	for _, t := range tables {
		sh, err := s.Engine.Shape(ctx, t)
		if err != nil {
			if missingObject(err) {
				reads = append(reads, &tableRead{table: t, skipped: "the org has no such object: " + err.Error()})
				continue
			}
			return nil, err
		}
		r := &tableRead{table: t, shape: sh, prev: states[t]}
		r.mode = chooseMode(sh, r.prev, now)
		reads = append(reads, r)
		steps = append(steps, rd.firstSteps(r)...)
	}
	if err := rd.run(ctx, steps); err != nil {
		return nil, err
	}
	return reads, nil
}

func missingObject(err error) bool {
	return salesforce.IsCode(err, "NOT_FOUND") || salesforce.IsCode(err, "INVALID_TYPE")
}

// primeDescribes fetches the describes of the catalogue objects (those
// the relationship columns cross too), 25 to a composite call.
func (s *Snapshotter) primeDescribes(ctx context.Context) error {
	var refs []salesforce.DescribeRef
	for _, spec := range s.Engine.Specs() {
		if spec.Derived == nil && spec.Object != "" {
			refs = append(refs, salesforce.DescribeRef{Object: spec.Object, Tooling: spec.Tooling})
		}
	}
	return s.Client.PrimeDescribes(ctx, refs)
}
