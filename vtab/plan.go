package vtab

import (
	"encoding/json"
	"math"
	"strings"
)

// Constraint operators, numbered as SQLite's SQLITE_INDEX_CONSTRAINT_*.
const (
	OpEQ        = 2
	OpGT        = 4
	OpLE        = 8
	OpLT        = 16
	OpGE        = 32
	OpLIKE      = 65
	OpISNOT     = 69
	OpNE        = 68
	OpISNOTNULL = 70
	OpISNULL    = 71
	OpIS        = 72
	OpLIMIT     = 73
	OpOFFSET    = 74
)

// IndexConstraint is one WHERE term SQLite offers to xBestIndex.
type IndexConstraint struct {
	Column int
	Op     int
	Usable bool
	IsIn   bool   // an IN list SQLite can hand over whole (sqlite3_vtab_in)
	RHS    *Value // the right-hand side when SQLite knows it at plan time
	// Collation is the comparison's collating sequence (sqlite3_vtab_collation):
	// BINARY, NOCASE, RTRIM or a user's own.
	Collation string
}

// IndexOrder is one ORDER BY term.
type IndexOrder struct {
	Column int  `json:"c"`
	Desc   bool `json:"d"`
}

// ConstraintUsage is xBestIndex's answer for one constraint.
type ConstraintUsage struct {
	ArgvIndex int  // 1-based position in xFilter's argv; 0 = not used
	Omit      bool // SQLite need not re-check
	InWhole   bool // ask for the whole IN list
}

// IndexInfo carries xBestIndex's inputs and outputs.
type IndexInfo struct {
	Constraints []IndexConstraint
	OrderBy     []IndexOrder
	ColUsed     uint64 // bit i: column i used; bit 63: any column ≥ 63

	Usage           []ConstraintUsage
	IdxStr          string
	OrderByConsumed bool
	Cost            float64
	Rows            int64
}

// Term is a pushed constraint, in xFilter argv order.
type Term struct {
	Col    int  `json:"c"`
	Op     int  `json:"o"`
	In     bool `json:"i,omitempty"`
	Join   bool `json:"j,omitempty"` // value unknown at plan time: comes from another table
	Exact  bool `json:"e,omitempty"`
	Lookup bool `json:"k,omitempty"` // answered from a cached scan, not sent as SOQL
	// Adaptive: a lookup into a large object, sent as its own query for
	// the first few values and answered from one scan after (lookup.go).
	Adaptive bool   `json:"a,omitempty"`
	Value    *Value `json:"v,omitempty"` // the value when known at plan time (for .explain)
	Coll     string `json:"q,omitempty"` // the comparison's collation
}

// Plan is what xBestIndex decided; it travels to xFilter as JSON in idxStr.
type Plan struct {
	Table  string       `json:"tb"` // so .explain needs no alias resolution
	Terms  []Term       `json:"t,omitempty"`
	Cols   uint64       `json:"u"`
	Order  []IndexOrder `json:"o,omitempty"`
	Limit  int          `json:"l,omitempty"` // argv position of LIMIT (1-based), 0 = none
	Offset int          `json:"f,omitempty"` // argv position of OFFSET
	// LimitValue and OffsetValue are known at plan time for literals.
	LimitValue  *int64 `json:"lv,omitempty"`
	OffsetValue *int64 `json:"fv,omitempty"`
	// Held: served from the held scan of every row, each term re-checked
	// by SQLite (held.go).
	Held bool `json:"h,omitempty"`
	// wide are the columns every instance of the table in the statement
	// uses (columns.go), set when the scan is built, not planned.
	wide uint64
}

// decodePlan reads a plan; text after it (EXPLAIN QUERY PLAN may append
// words such as LEFT-JOIN) is ignored.
func decodePlan(idxStr string) (*Plan, error) {
	var p Plan
	err := json.NewDecoder(strings.NewReader(idxStr)).Decode(&p)
	return &p, err
}

// BestIndex plans a scan. The contract, in the manner of SQLite's series.c:
//
//   - Every usable constraint some value of which can reach Salesforce
//     (col.accepts: the operator, the column's category, the comparison's
//     collation) is taken into argv in constraint order. col.translate, the
//     one place that turns a constraint into SOQL, decides for a value
//     known now whether it is pushed at all, and whether Salesforce's
//     answer is exactly SQLite's (then omit is set) or a superset that
//     SQLite re-checks. A value known only at run time (a join, a bound
//     parameter, an IN list) is always re-checked.
//   - An equality or IS whose value comes from elsewhere on a small or
//     medium object is a lookup: xFilter answers it from one cached scan
//     of the object, indexed by a key coarser than every collation, so a
//     join costs the pages of each table, never a request per outer row.
//     On large objects each value becomes its own query.
//   - ORDER BY is consumed when every term is a sortable non-text field
//     (SOQL sorts text case-insensitively, SQLite does not); NULLS FIRST/LAST
//     are spelled out to match SQLite.
//   - LIMIT is pushed only when every constraint is omitted and the order is
//     consumed or absent; OFFSET is never skipped by us: SOQL fetches
//     LIMIT+OFFSET rows and SQLite skips the OFFSET.
//   - Projection: SOQL selects Id plus the fields of the columns in ColUsed
//     (every field, for the few objects without an Id).
//   - queryAll (deleted records) is chosen from the plan: when the query
//     uses is_deleted and no pushed constraint on it keeps true out.
//   - Costs count round trips: 1000 per expected request plus one per row.
func (t *Table) BestIndex(info *IndexInfo) error {
	if t.org != nil && t.org.engine != nil && t.org.engine.opts.NoPushdown {
		return t.planEverything(info)
	}
	t.org.noteColumns(t.spec.Table, info.ColUsed)
	if t.holdsWhole(info.ColUsed) {
		if p, ok := t.planHeld(info); ok {
			data, err := json.Marshal(p)
			info.IdxStr = string(data)
			return err
		}
	}
	p := &Plan{Table: t.spec.Table, Cols: info.ColUsed}
	info.Usage = make([]ConstraintUsage, len(info.Constraints))
	argc := 0
	allExact := true
	rows := t.estimatedRows()
	lookup := false
	for i, c := range info.Constraints {
		if c.Op == OpLIMIT || c.Op == OpOFFSET {
			continue
		}
		term, ok := t.planTerm(c)
		if !ok {
			allExact = false
			continue
		}
		if term.Join && !term.In && (c.Op == OpEQ || c.Op == OpIS) && !lookup {
			term.Lookup, term.Adaptive, lookup = true, t.spec.Size == Large, true
		}
		allExact = allExact && term.Exact
		argc++
		info.Usage[i] = ConstraintUsage{ArgvIndex: argc, Omit: term.Exact, InWhole: term.In}
		p.Terms = append(p.Terms, term)
		rows = t.narrow(rows, term)
	}
	info.OrderByConsumed = t.orderPushable(info.OrderBy)
	if info.OrderByConsumed {
		p.Order = info.OrderBy
	}
	if allExact && (len(info.OrderBy) == 0 || info.OrderByConsumed) {
		t.planLimit(info, p, argc)
	}
	if p.Limit > 0 && p.LimitValue != nil && *p.LimitValue < rows {
		rows = max(*p.LimitValue, 1)
	}
	info.Rows = rows
	info.Cost = 1000*math.Ceil(float64(rows)/2000) + float64(rows)
	if lookup && t.spec.Size != Large {
		info.Cost = 10 // a large object costs as its per-value queries would
	}
	data, err := json.Marshal(p)
	info.IdxStr = string(data)
	return err
}

// planEverything is the plan of a scan with no pushdown: every field of
// every row, each constraint, order and limit left to SQLite.
func (t *Table) planEverything(info *IndexInfo) error {
	p := &Plan{Table: t.spec.Table, Cols: ^uint64(0)}
	t.org.noteColumns(t.spec.Table, p.Cols)
	info.Usage = make([]ConstraintUsage, len(info.Constraints))
	rows := t.estimatedRows()
	info.Rows = rows
	info.Cost = 1000*math.Ceil(float64(rows)/2000) + float64(rows)
	data, err := json.Marshal(p)
	info.IdxStr = string(data)
	return err
}

// planTerm decides whether a constraint goes into argv and, for a value
// known now, whether it is exact.
func (t *Table) planTerm(c IndexConstraint) (Term, bool) {
	if !c.Usable || c.Column < 0 || c.Column >= len(t.cols) {
		return Term{}, false
	}
	col := &t.cols[c.Column]
	in := c.IsIn && c.Op == OpEQ
	op := c.Op
	if in {
		op = OpIN
	}
	if !col.accepts(op, c.Collation) {
		return Term{}, false
	}
	noValue := c.Op == OpISNULL || c.Op == OpISNOTNULL
	term := Term{Col: c.Column, Op: c.Op, In: in, Join: c.RHS == nil && !noValue, Value: c.RHS, Coll: c.Collation}
	if term.In || term.Join {
		return term, true
	}
	v := Value{}
	if c.RHS != nil {
		v = *c.RHS
	}
	tr := col.translate(c.Op, v, true, c.Collation)
	term.Exact = tr.exact
	return term, tr.pushed
}

// planLimit takes LIMIT and OFFSET into argv.
func (t *Table) planLimit(info *IndexInfo, p *Plan, argc int) {
	for i, c := range info.Constraints {
		if c.Usable && c.Op == OpLIMIT {
			argc++
			info.Usage[i] = ConstraintUsage{ArgvIndex: argc, Omit: true}
			p.Limit = argc
			if c.RHS != nil && c.RHS.Kind == Int {
				p.LimitValue = &c.RHS.I
			}
		}
	}
	for i, c := range info.Constraints {
		if c.Usable && c.Op == OpOFFSET && p.Limit > 0 {
			argc++
			info.Usage[i] = ConstraintUsage{ArgvIndex: argc}
			p.Offset = argc
			if c.RHS != nil && c.RHS.Kind == Int {
				p.OffsetValue = &c.RHS.I
			}
		}
	}
}

func (t *Table) estimatedRows() int64 {
	if n, ok := t.org.knownRows(t.spec.Object); ok {
		return max(n, 1)
	}
	switch t.spec.Size {
	case Small:
		return 500
	case Large:
		return 1_000_000
	}
	return 20_000
}

func (t *Table) narrow(rows int64, term Term) int64 {
	switch {
	case term.Op == OpEQ && t.cols[term.Col].path == "Id":
		return 1
	case term.Op == OpEQ || term.Op == OpIS || term.In:
		return max(rows/50, 1)
	case term.Op == OpISNULL || term.Op == OpISNOTNULL || term.Op == OpNE:
		return max(rows/2, 1)
	}
	return max(rows/4, 1)
}

func (t *Table) orderPushable(order []IndexOrder) bool {
	if len(order) == 0 {
		return false
	}
	for _, o := range order {
		if o.Column < 0 || o.Column >= len(t.cols) {
			return false
		}
		c := &t.cols[o.Column]
		if c.path == "" || !c.sortable || strings.Contains(c.path, ".") {
			return false
		}
		switch c.cat {
		case catBool, catInt, catFloat, catDate, catDateTime:
		default:
			return false
		}
	}
	return true
}
