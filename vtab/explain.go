package vtab

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ScanPlan explains what one scan of a query sends to Salesforce.
type ScanPlan struct {
	Table     string
	SOQL      string   // ? stands for a value known only while the query runs; long field lists are abridged
	Exact     []string // terms Salesforce answers exactly (SQLite skips its check)
	Rechecked []string // terms pushed as a superset that SQLite re-checks
	Lookup    string   // a join lookup answered from one cached scan
	Limit     bool
	LimitRows int64 // the pushed LIMIT, when known (0: unknown or none)
	Ordered   bool
	CountSOQL string // SELECT COUNT() for the scan, when every value is known
}

// Explain turns the idxStr SQLite's EXPLAIN QUERY PLAN shows for a table
// into a description of the scan.
func (e *Engine) Explain(table, idxStr string) (*ScanPlan, error) {
	vt, err := e.Connect(table)
	if err != nil {
		return nil, err
	}
	t, ok := vt.(*Table)
	if !ok {
		return &ScanPlan{Table: table, SOQL: "(computed from other scans)"}, nil
	}
	p, err := decodePlan(idxStr)
	if err != nil {
		return nil, fmt.Errorf("plan of %s: %w", table, err)
	}
	return t.explain(p), nil
}

func (t *Table) explain(p *Plan) *ScanPlan {
	sp := &ScanPlan{Table: t.spec.Table, Ordered: len(p.Order) > 0, Limit: p.Limit > 0, LimitRows: p.LimitValue}
	used := map[int]bool{}
	for i := range t.cols {
		if p.Cols&(1<<min(i, 63)) != 0 {
			used[i] = true
		}
	}
	fields, _ := t.projection(used)
	var where []string
	known := true
	for _, term := range p.Terms {
		c := &t.cols[term.Col]
		text, clause := c.name+" "+sqlOp(term.Op)+" ?", c.path+" "+soqlOp(term.Op)+" ?"
		switch {
		case term.Op == OpISNULL || term.Op == OpISNOTNULL:
			text = c.name + " " + sqlOp(term.Op)
			clause, _, _ = c.clause(term.Op, Value{})
		case term.In:
			text, clause = c.name+" IN (…)", c.path+" IN (?)"
			known = false
		case term.Value != nil:
			text = c.name + " " + sqlOp(term.Op) + " " + term.Value.sql()
			if s, ok, none := c.clause(term.Op, *term.Value); ok && !none {
				clause = s
			}
		default:
			known = false
		}
		switch {
		case term.Lookup:
			sp.Lookup = text + ": answered from one cached scan of " + t.spec.Object
			continue
		case term.Exact:
			sp.Exact = append(sp.Exact, text)
		default:
			sp.Rechecked = append(sp.Rechecked, text)
		}
		where = append(where, clause)
	}
	w := ""
	if len(where) > 0 {
		w = " WHERE " + strings.Join(where, " AND ")
	}
	list := fieldList(fields)
	if len(fields) > 10 { // select * on a wide object: keep the plan readable
		list = fieldList(fields[:8]) + fmt.Sprintf(", … (%d fields in all)", len(fields))
	}
	sp.SOQL = "SELECT " + list + " FROM " + t.spec.Object + w + t.orderClause(p.Order)
	if p.Limit > 0 {
		sp.SOQL += " LIMIT ?"
	}
	if known {
		sp.CountSOQL = "SELECT COUNT() FROM " + t.spec.Object + w
	}
	return sp
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
