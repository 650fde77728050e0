package vtab

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/sfsql/sfsql/salesforce"
)

// ScanPlan explains what one scan of a query sends to Salesforce.
type ScanPlan struct {
	Table     string
	SOQL      string   // the scan's SOQL, rendered as the scan renders it; ? stands for a value known only while the query runs
	Exact     []string // terms Salesforce answers exactly (SQLite skips its check)
	Rechecked []string // terms pushed as a superset that SQLite re-checks
	Lookup    string   // a join lookup answered from one cached scan
	Limit     bool
	LimitRows int64 // the pushed LIMIT, when known (0: unknown or none)
	Ordered   bool
	QueryAll  bool   // deleted records are asked for (queryAll)
	CountSOQL string // SELECT COUNT() for the scan, when every value is known
	// Counted says SQLite reads no value of the scan: SOQL is then its
	// COUNT(), one request (the scan itself runs only if SQLite asks for
	// a rowid or a value after all).
	Counted bool
	// Held says the scan is answered from a held (cached) scan of every
	// row of the object, with no request; SOQL is what it sends if that
	// scan is gone by the time it runs.
	Held    bool
	Sources []string // the scans a derived table is computed from
	// PerValueSOQL is the query each of the first values of a lookup into
	// a large object goes as, before the statement reads SOQL whole.
	PerValueSOQL string
	// Connection is the org the scan goes to.
	Connection string
	// Pruned: a constraint on the org columns rules out every org.
	Pruned  bool
	derived bool
	options salesforce.QueryOptions
	client  *salesforce.Client
}

// derivedPlan is the idxStr of a table computed from other scans.
type derivedPlan struct {
	Table string `json:"tb"`
	Mode  string `json:"m"`
}

// Explain describes the first planned org's scan (ExplainAll: every org's).
func (e *Engine) Explain(idxStr string) (*ScanPlan, error) {
	all, err := e.ExplainAll(idxStr)
	if err != nil {
		return nil, err
	}
	return all[0], nil
}

// ExplainAll turns the idxStr SQLite's EXPLAIN QUERY PLAN shows for a
// scan into a description of what each planned org is sent. The plan
// names its table; text after the plan is ignored.
func (e *Engine) ExplainAll(idxStr string) ([]*ScanPlan, error) {
	var plan unionPlan
	if err := decodeUnionPlan(idxStr, &plan); err != nil {
		return nil, err
	}
	vt, err := e.Connect(plan.Table)
	if err != nil {
		return nil, err
	}
	u, ok := vt.(*unionTable)
	if !ok {
		return []*ScanPlan{{Table: plan.Table, SOQL: "(the session's orgs: one Organization query each, kept with the describes)", derived: true}}, nil
	}
	if plan.None {
		return []*ScanPlan{{Table: plan.Table, SOQL: "(no org of the session can match: nothing is sent)", derived: true, Pruned: true}}, nil
	}
	var out []*ScanPlan
	for _, pp := range plan.Parts {
		for _, p := range u.parts {
			if p.o.name == pp.Org {
				sp, err := e.explainMember(p.vt, string(pp.Idx), plan.Table)
				if err != nil {
					return nil, err
				}
				sp.Connection, sp.client = p.o.name, p.o.client
				out = append(out, sp)
			}
		}
	}
	return out, nil
}

// explainMember describes one org's scan.
func (e *Engine) explainMember(vt VTable, idxStr, table string) (*ScanPlan, error) {
	p, err := decodePlan(idxStr)
	if err != nil || p.Table == "" {
		p = &Plan{Table: table}
	}
	t, ok := vt.(*Table)
	if !ok {
		sp := &ScanPlan{Table: p.Table, SOQL: "(computed from other scans)", derived: true}
		if x, ok := vt.(interface {
			sources(ctx context.Context) ([]string, error)
		}); ok {
			if sp.Sources, err = x.sources(e.statementContext()); err != nil {
				return nil, err
			}
		}
		return sp, nil
	}
	return t.explain(p), nil
}

func (t *Table) explain(p *Plan) *ScanPlan {
	p.wide = t.org.plannedColumns(t.spec.Table)
	args, known := planArgs(p)
	q := t.buildQuery(p, args)
	sp := &ScanPlan{Table: t.spec.Table, SOQL: q.soql, Ordered: len(p.Order) > 0, Limit: p.Limit > 0,
		QueryAll: q.apiOptions.All, options: q.apiOptions, Held: p.Held}
	if p.LimitValue != nil {
		sp.LimitRows = *p.LimitValue
	}
	for i, term := range p.Terms {
		c := &t.cols[term.Col]
		text := c.name + " " + sqlOp(term.Op) + " ?"
		switch {
		case term.Op == OpISNULL || term.Op == OpISNOTNULL:
			text = c.name + " " + sqlOp(term.Op)
		case term.In:
			text = c.name + " IN (…)"
		case term.Value != nil:
			text = c.name + " " + sqlOp(term.Op) + " " + term.Value.sql()
		}
		if term.Coll != "" && !strings.EqualFold(term.Coll, "BINARY") {
			text += " COLLATE " + term.Coll
		}
		switch {
		case term.Lookup && term.Adaptive:
			sp.Lookup = fmt.Sprintf("%s: the first %d values as their own queries (the second SOQL), then answered from one scan of %s (the first)", text, perValueLookups, t.spec.Object)
			sp.PerValueSOQL = t.perValue(p, args, i).soql
		case term.Lookup:
			sp.Lookup = text + ": answered from one cached scan of " + t.spec.Object
		case term.Exact:
			sp.Exact = append(sp.Exact, text)
		default:
			sp.Rechecked = append(sp.Rechecked, text)
		}
	}
	if known && !q.none {
		sp.CountSOQL = q.count
	}
	if countOnly(t, p, q) && !p.Held {
		sp.SOQL, sp.Counted = q.count, true
	}
	return sp
}

// planArgs are the argv values known when SQLite planned: literals, and
// the LIMIT and OFFSET. known says every filter value is among them.
func planArgs(p *Plan) ([]*Value, bool) {
	n := len(p.Terms)
	n = max(n, p.Limit, p.Offset)
	args := make([]*Value, n)
	known := true
	for i, term := range p.Terms {
		switch {
		case term.Op == OpISNULL || term.Op == OpISNOTNULL:
			args[i] = &Value{}
		case term.Lookup || term.In || term.Join || term.Value == nil:
			known = false
		default:
			args[i] = term.Value
		}
	}
	if p.Limit > 0 && p.LimitValue != nil {
		args[p.Limit-1] = &Value{Kind: Int, I: *p.LimitValue}
	}
	if p.Offset > 0 && p.OffsetValue != nil {
		args[p.Offset-1] = &Value{Kind: Int, I: *p.OffsetValue}
	}
	return args, known
}

// Count asks Salesforce, in one COUNT() request, how many rows a scan
// reads and how many query pages that takes.
func (e *Engine) Count(ctx context.Context, sp *ScanPlan, batch int) (rows, pages int, err error) {
	if sp.CountSOQL == "" {
		return 0, 0, fmt.Errorf("values known only at run time")
	}
	client := sp.client
	if client == nil {
		client = e.Client()
	}
	page, err := client.Query(ctx, sp.CountSOQL, sp.options)
	if err != nil {
		return 0, 0, err
	}
	rows = page.TotalSize
	if sp.LimitRows > 0 && sp.LimitRows < int64(rows) {
		rows = int(sp.LimitRows)
	}
	return rows, ExpectedRequests(rows, batch), nil
}

// ExpectedRequests is how many query pages a scan of n rows takes.
func ExpectedRequests(n, batch int) int {
	if n == 0 {
		return 1
	}
	return int(math.Ceil(float64(n) / float64(batch)))
}

func sqlOp(op int) string {
	switch op {
	case OpISNULL:
		return "IS NULL"
	case OpISNOTNULL:
		return "IS NOT NULL"
	case OpIS:
		return "IS"
	case OpNE:
		return "<>"
	case OpISNOT:
		return "IS NOT"
	}
	return soqlOp(op)
}

// sql renders a value as an SQL literal, for display.
func (v Value) sql() string {
	switch v.Kind {
	case Null:
		return "NULL"
	case Int:
		return strconv.FormatInt(v.I, 10)
	case Float:
		return strconv.FormatFloat(v.F, 'g', -1, 64)
	}
	return "'" + strings.ReplaceAll(v.S, "'", "''") + "'"
}

// Limits reads the current org's limits.
func (e *Engine) Limits(ctx context.Context) (map[string]salesforce.Limit, error) {
	return e.Client().Limits(ctx)
}
