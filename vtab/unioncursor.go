package vtab

import (
	"context"
	"fmt"
)

// unionCursor reads the planned orgs one after the other. With several,
// every org's scan starts at once, and each keeps fetching its pages while
// SQLite reads the others' rows (eager.go).
type unionCursor struct {
	u      *unionTable
	ctx    context.Context
	active []*activePart
	at     int
	multi  bool
	// A join filters the inner cursor once per outer row, usually with the
	// same plan: it is decoded once, and each org's cursor is kept open
	// and filtered again.
	lastIdx  string
	lastPlan unionPlan
	open     map[int]Cursor // by the part's place in the union
}

type activePart struct {
	p   *unionPart
	pos int // the part's place in the union, for rowids
	cur Cursor
}

// Open starts a cursor.
func (u *unionTable) Open() (Cursor, error) {
	// Open for the statement's sake: the orgs' cursors come and go with
	// each Filter, and the statement's scans must not end between them.
	return &unionCursor{u: u, ctx: u.e.cursorOpened()}, nil
}

// Filter starts the scans of the orgs the plan and the run-time values
// admit.
func (c *unionCursor) Filter(idxStr string, args []Value) error {
	c.active, c.at = nil, 0
	if idxStr != c.lastIdx {
		var plan unionPlan
		if err := decodeUnionPlan(idxStr, &plan); err != nil {
			return err
		}
		c.lastIdx, c.lastPlan = idxStr, plan
	}
	plan := c.lastPlan
	if plan.None {
		return nil
	}
	parts, err := c.u.partsOf(plan, args)
	if err != nil {
		return err
	}
	c.multi = len(plan.Parts) > 1
	if err := c.start(parts, args); err != nil {
		return err
	}
	return c.skipEmpty()
}

func decodeUnionPlan(idxStr string, plan *unionPlan) error {
	if err := jsonDecodeFirst(idxStr, plan); err != nil || plan.Table == "" {
		return fmt.Errorf("not a plan of sfsql: %q", idxStr)
	}
	return nil
}

type plannedPart struct {
	part *unionPart
	pos  int
	plan partPlan
}

// partsOf finds the planned parts and applies the run-time org terms.
func (u *unionTable) partsOf(plan unionPlan, args []Value) ([]plannedPart, error) {
	var out []plannedPart
	for _, pp := range plan.Parts {
		for pos, p := range u.parts {
			if p.o.name != pp.Org {
				continue
			}
			ok, err := u.admitsAtRunTime(p, plan.Orgs, args)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, plannedPart{part: p, pos: pos, plan: pp})
			}
		}
	}
	return out, nil
}

func (u *unionTable) admitsAtRunTime(p *unionPart, terms []orgTerm, args []Value) (bool, error) {
	for _, t := range terms {
		if t.Arg < 1 || t.Arg > len(args) {
			return false, fmt.Errorf("org term argv %d of %d", t.Arg, len(args))
		}
		v, known := u.orgValue(p.o, t.Col)
		if !known {
			continue // SQLite checks it on the rows
		}
		if !matchesOrgValue(args[t.Arg-1], v, t.In) {
			return false, nil
		}
	}
	return true, nil
}

// matchesOrgValue: a value (or an IN list) that could equal v. Only text
// is compared here; anything else is left to SQLite.
func matchesOrgValue(arg Value, v string, in bool) bool {
	values := []Value{arg}
	if in {
		values = arg.L
	}
	for _, a := range values {
		if a.Kind != Text || a.S == v {
			return true
		}
	}
	return false
}

// start opens and filters each part's cursor: one in place, several at once.
func (c *unionCursor) start(parts []plannedPart, args []Value) error {
	c.active = make([]*activePart, len(parts))
	members := make([]*org, len(parts))
	for i, pp := range parts {
		members[i] = pp.part.o
	}
	if c.open == nil {
		c.open = map[int]Cursor{}
	}
	for _, pp := range parts {
		if _, ok := c.open[pp.pos]; ok {
			continue
		}
		cur, err := pp.part.vt.Open()
		if err != nil {
			return err
		}
		if sc, ok := cur.(*scanCursor); ok && c.multi {
			sc.eager = true
		}
		c.open[pp.pos] = cur
	}
	run := func(i int) error {
		pp := parts[i]
		cur := c.open[pp.pos]
		c.active[i] = &activePart{p: pp.part, pos: pp.pos, cur: cur}
		return cur.Filter(string(pp.plan.Idx), memberArgs(pp.plan.Args, args))
	}
	var errs []error
	if len(parts) == 1 {
		errs = []error{run(0)}
	} else {
		index := map[*org]int{}
		for i, o := range members {
			index[o] = i
		}
		errs = eachOrg(members, func(o *org) error { return run(index[o]) })
	}
	kept := c.active[:0]
	for i, err := range errs {
		if err = c.u.e.failed(members[i], err); err != nil {
			return err
		}
		if errs[i] == nil {
			kept = append(kept, c.active[i])
		}
	}
	c.active = kept
	return nil
}

func memberArgs(positions []int, args []Value) []Value {
	out := make([]Value, len(positions))
	for k, a := range positions {
		if a >= 1 && a <= len(args) {
			out[k] = args[a-1]
		}
	}
	return out
}

// skipEmpty moves past parts at their end.
func (c *unionCursor) skipEmpty() error {
	for c.at < len(c.active) && c.active[c.at].cur.EOF() {
		c.at++
	}
	return nil
}

// Next advances, to the next org's rows at the end of one.
func (c *unionCursor) Next() error {
	if c.EOF() {
		return nil
	}
	a := c.active[c.at]
	if err := a.cur.Next(); err != nil {
		if err = c.u.e.failed(a.p.o, err); err != nil {
			return err
		}
		c.at++ // skipped: the rest of that org's rows
	}
	return c.skipEmpty()
}

// EOF reports the end of every org's rows.
func (c *unionCursor) EOF() bool { return c.at >= len(c.active) }

// Column reads a union column of the current row.
func (c *unionCursor) Column(i int) (Value, error) {
	a := c.active[c.at]
	if oc := c.u.orgColumn(i); oc >= 0 {
		v, ok := c.u.orgValue(a.p.o, oc)
		if !ok {
			_, err := a.p.o.identity(c.ctx)
			return Value{}, err
		}
		return TextValue(v), nil
	}
	if i < 0 || i >= len(a.p.toMember) || a.p.toMember[i] < 0 {
		return Value{}, nil // the org lacks the field
	}
	return a.cur.Column(a.p.toMember[i])
}

// RowID is the member's; when the table has several orgs it is mixed with
// the org's place, whatever the plan pruned, so rows of two orgs never
// share one and a row keeps its own across the scans of a statement (the
// branches of an OR, each planned on its own).
func (c *unionCursor) RowID() (int64, error) {
	a := c.active[c.at]
	id, err := a.cur.RowID()
	if err != nil || len(c.u.parts) == 1 {
		return id, err
	}
	h := uint64(id) ^ (uint64(a.pos+1) * 0x9E3779B97F4A7C15)
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 29
	return int64(h), nil
}

// Close closes every org's cursor.
func (c *unionCursor) Close() {
	c.closeAll()
	c.u.e.cursorClosed()
}

func (c *unionCursor) closeAll() {
	for _, cur := range c.open {
		cur.Close()
	}
	c.open, c.active = nil, nil
}
