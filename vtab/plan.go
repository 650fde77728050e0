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
	Col    int    `json:"c"`
	Op     int    `json:"o"`
	In     bool   `json:"i,omitempty"`
	Join   bool   `json:"j,omitempty"` // value unknown at plan time: comes from another table
	Exact  bool   `json:"e,omitempty"`
	Lookup bool   `json:"k,omitempty"` // answered from a cached scan, not sent as SOQL
	Value  *Value `json:"v,omitempty"` // the value when known at plan time (for .explain)
}

// Plan is what xBestIndex decided; it travels to xFilter as JSON in idxStr.
type Plan struct {
	Terms []Term       `json:"t,omitempty"`
	Cols  uint64       `json:"u"`
	Order []IndexOrder `json:"o,omitempty"`
	Limit int          `json:"l,omitempty"` // argv position of LIMIT (1-based), 0 = none
	// LimitValue is the LIMIT when known at plan time (for .explain).
	LimitValue int64 `json:"lv,omitempty"`
	Offset     int   `json:"f,omitempty"` // argv position of OFFSET
}

func decodePlan(idxStr string) (*Plan, error) {
	var p Plan
	err := json.Unmarshal([]byte(idxStr), &p)
	return &p, err
}

// BestIndex plans a scan. The contract, in the manner of SQLite's series.c:
//
//   - Every usable constraint the object can filter on (see pushdownOps) is
//     taken into argv in constraint order and becomes a SOQL WHERE term.
//     omit is set only when SOQL and SQLite agree exactly for the value known
//     now (booleans and numbers against numeric constants, IS [NOT] NULL);
//     text (case-insensitive in SOQL), dates (rendered as bounds) and values
//     known only at run time are re-checked by SQLite, so a pushed term only
//     ever narrows to a superset of the rows SQLite wants.
//   - An equality whose value comes from another table (a join) on a small or
//     medium object is a lookup: xFilter answers it from one cached scan of
//     the object, so a join costs the pages of each table, never a request
//     per outer row. On large objects each value becomes its own query.
//   - ORDER BY is consumed when every term is a sortable non-text field
//     (SOQL sorts text case-insensitively, SQLite does not); NULLS FIRST/LAST
//     are spelled out to match SQLite.
//   - LIMIT is pushed only when every constraint is omitted and the order is
//     consumed or absent; OFFSET is never skipped by us: SOQL fetches
//     LIMIT+OFFSET rows and SQLite skips the OFFSET.
//   - Projection: SOQL selects Id plus the fields of the columns in ColUsed.
//   - Costs count round trips: 1000 per expected request plus one per row.
func (t *Table) BestIndex(info *IndexInfo) error {
	p := &Plan{Cols: info.ColUsed}
	info.Usage = make([]ConstraintUsage, len(info.Constraints))
	argc := 0
	allExact := true
	rows := t.estimatedRows()
	var limit *Value
	lookupCost := -1.0
	for i, c := range info.Constraints {
		if c.Op == OpLIMIT || c.Op == OpOFFSET {
			continue
		}
		if !c.Usable || !t.pushable(c.Column, c.Op) {
			allExact = false
			continue
		}
		noValue := c.Op == OpISNULL || c.Op == OpISNOTNULL
		term := Term{Col: c.Column, Op: c.Op, In: c.IsIn && c.Op == OpEQ, Join: c.RHS == nil && !noValue, Value: c.RHS}
		switch {
		case noValue:
			term.Exact = t.exact(c.Column, c.Op, Value{})
		case !term.In && !term.Join:
			term.Exact = t.exact(c.Column, c.Op, *c.RHS)
		}
		if term.Join && !term.In && (c.Op == OpEQ || c.Op == OpIS) && t.spec.Size != Large && lookupCost < 0 {
			term.Lookup = true
			lookupCost = 10
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
		for i, c := range info.Constraints {
			if c.Usable && c.Op == OpLIMIT {
				argc++
				info.Usage[i] = ConstraintUsage{ArgvIndex: argc, Omit: true}
				p.Limit, limit = argc, c.RHS
				if c.RHS != nil && c.RHS.Kind == Int {
					p.LimitValue = c.RHS.I
				}
			}
		}
		for i, c := range info.Constraints {
			if c.Usable && c.Op == OpOFFSET && p.Limit > 0 {
				argc++
				info.Usage[i] = ConstraintUsage{ArgvIndex: argc}
				p.Offset = argc
			}
		}
	}
	if limit != nil && limit.Kind == Int && limit.I < rows {
		rows = max(limit.I, 1)
	}
	info.Rows = rows
	info.Cost = 1000*math.Ceil(float64(rows)/2000) + float64(rows)
	if lookupCost >= 0 {
		info.Cost = lookupCost
	}
	data, err := json.Marshal(p)
	info.IdxStr = string(data)
	return err
}

func (t *Table) estimatedRows() int64 {
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

// pushable reports whether a column can carry an operator into SOQL.
func (t *Table) pushable(column, op int) bool {
	if column < 0 || column >= len(t.cols) {
		return false
	}
	c := &t.cols[column]
	if c.path == "" || !c.filterable || c.cat == catOther {
		return false
	}
	if c.sfType == "multipicklist" && op != OpISNULL && op != OpISNOTNULL {
		return false // SOQL compares value sets (includes/excludes), not text
	}
	switch op {
	case OpEQ, OpIS, OpISNULL, OpISNOTNULL:
		return true
	case OpLIKE:
		return c.cat == catText
	case OpNE:
		return c.cat == catBool || c.cat == catInt || c.cat == catFloat
	case OpLT, OpLE, OpGT, OpGE:
		return c.cat == catInt || c.cat == catFloat || c.cat == catDate || c.cat == catDateTime
	}
	return false
}

// exact reports whether SOQL's answer for "column op rhs" is exactly
// SQLite's, so SQLite may skip its own check.
func (t *Table) exact(column, op int, rhs Value) bool {
	c := &t.cols[column]
	switch op {
	case OpISNULL, OpISNOTNULL:
		return true
	case OpEQ, OpIS:
		if rhs.Kind == Null {
			return op == OpIS
		}
	case OpNE:
		if c.cat != catBool {
			return false // SOQL != matches NULL, SQLite <> does not
		}
	}
	switch c.cat {
	case catBool:
		f, ok := rhs.number()
		return ok && rhs.Kind != Text && (f == 0 || f == 1) && (op == OpEQ || op == OpIS || op == OpNE)
	case catInt:
		f, ok := rhs.number()
		return ok && rhs.Kind != Text && f == math.Trunc(f) && math.Abs(f) < 1e15
	case catFloat:
		_, ok := rhs.number()
		return ok && rhs.Kind != Text
	}
	return false
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
