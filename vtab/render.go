package vtab

import (
	"math"
	"strings"
	"time"

	"github.com/sfsql/sfsql/sfid"
	"github.com/sfsql/sfsql/soql"
)

// clause renders "field op value" as SOQL. none means no row can match
// (SQLite's answer is empty, so no request is needed); ok=false means the
// term cannot be expressed and is left to SQLite's re-check.
func (c *col) clause(op int, v Value) (s string, ok, none bool) {
	f := c.path
	switch op {
	case OpISNULL:
		return f + " = null", true, false
	case OpISNOTNULL:
		return f + " != null", true, false
	}
	if v.Kind == Null {
		if op == OpIS {
			return f + " = null", true, false
		}
		return "", false, true // comparisons with NULL are never true
	}
	if v.Kind == List {
		return c.inClause(v.L)
	}
	if op == OpIS {
		op = OpEQ
	}
	if c.cat == catDate || c.cat == catDateTime {
		return c.dateClause(op, v)
	}
	lit, ok, none := c.literal(op, v)
	if !ok || none {
		return "", ok, none
	}
	return f + " " + soqlOp(op) + " " + lit, true, false
}

func soqlOp(op int) string {
	switch op {
	case OpEQ:
		return "="
	case OpNE:
		return "!="
	case OpLT:
		return "<"
	case OpLE:
		return "<="
	case OpGT:
		return ">"
	case OpGE:
		return ">="
	case OpLIKE:
		return "LIKE"
	}
	return "?"
}

// SOQL limits: a string literal holds at most 4,000 characters, and long
// IN lists make statements Salesforce refuses; such terms stay with SQLite.
const (
	maxLiteralChars = 4000
	maxInValues     = 500
)

func (c *col) inClause(list []Value) (string, bool, bool) {
	if len(list) > maxInValues {
		return "", false, false
	}
	var lits []string
	seen := map[string]bool{}
	for _, v := range list {
		if v.Kind == Null {
			continue
		}
		lit, ok, none := c.literal(OpEQ, v)
		if !ok {
			return "", false, false
		}
		if !none && !seen[lit] {
			seen[lit] = true
			lits = append(lits, lit)
		}
	}
	if len(lits) == 0 {
		return "", true, true
	}
	return c.path + " IN (" + strings.Join(lits, ", ") + ")", true, false
}

// literal renders the right-hand side for op, following SQLite's affinity
// rules so the SOQL answer is a superset of SQLite's. A date range operator
// may be rewritten into a wider bound (see dateBound).
func (c *col) literal(op int, v Value) (string, bool, bool) {
	switch c.cat {
	case catText:
		s, ok := v.text()
		if !ok || len([]rune(s)) > maxLiteralChars {
			return "", false, false
		}
		if op == OpLIKE {
			return soql.LikePattern(s), true, false
		}
		return soql.String(s), true, false
	case catID:
		s, ok := v.text()
		if !ok || !isID18(s) {
			return "", true, true // every Id is 18 alphanumerics: nothing can equal this
		}
		return soql.String(s), true, false
	case catBool:
		return boolLiteral(op, v)
	case catInt, catFloat:
		return c.numberLiteral(op, v)
	case catDate, catDateTime:
		return "", false, false // rendered by dateClause
	}
	return "", false, false
}

func boolLiteral(op int, v Value) (string, bool, bool) {
	f, ok := v.number()
	if !ok || (f != 0 && f != 1) {
		// Only 0 and 1 are stored: = matches nothing, <> everything.
		return "", op == OpEQ, op == OpEQ
	}
	return soql.Bool(f == 1), true, false
}

func (c *col) numberLiteral(op int, v Value) (string, bool, bool) {
	f, ok := v.number()
	if !ok || v.Kind == Blob || math.IsInf(f, 0) || math.IsNaN(f) {
		return "", false, false
	}
	if v.Kind == Text && op != OpEQ {
		return "", false, false // text vs number ordering is SQLite's business
	}
	if c.cat == catInt && f != math.Trunc(f) {
		return "", op == OpEQ, op == OpEQ // no integer equals it; bounds are left to SQLite
	}
	if c.cat == catInt {
		return soql.Int(int64(f)), true, false
	}
	return soql.Float(f), true, false
}

// isID18 reports whether s can equal a stored Id: Salesforce returns Ids in
// their canonical 18-character form, so anything else matches nothing.
func isID18(s string) bool { return sfid.Canonical(s) }

// dateClause renders a comparison on a date or datetime column. Column
// values are canonical ISO text ('2024-01-05' or '2024-01-05T10:11:12.000Z')
// whose text order is time order, so a text bound v becomes the day bound
// v[:10]: every canonical value above v is on or after that day, every one
// below v is on or before it. Equality needs the canonical form exactly.
func (c *col) dateClause(op int, v Value) (string, bool, bool) {
	s, ok := v.text()
	if !ok || v.Kind != Text {
		return "", false, false
	}
	if op == OpEQ {
		t, ok := c.canonicalTime(s)
		if !ok {
			return "", true, true
		}
		return c.path + " = " + c.timeLiteral(t), true, false
	}
	if len(s) < 10 {
		return "", false, false
	}
	day, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return "", false, false
	}
	switch op {
	case OpGT, OpGE:
		return c.path + " >= " + c.timeLiteral(day), true, false
	case OpLT, OpLE:
		if c.cat == catDate {
			return c.path + " <= " + c.timeLiteral(day), true, false
		}
		return c.path + " < " + c.timeLiteral(day.AddDate(0, 0, 1)), true, false
	}
	return "", false, false
}

func (c *col) canonicalTime(s string) (time.Time, bool) {
	layout := "2006-01-02T15:04:05.000Z"
	if c.cat == catDate {
		layout = "2006-01-02"
	}
	t, err := time.Parse(layout, s)
	return t, err == nil && t.Format(layout) == s
}

func (c *col) timeLiteral(t time.Time) string {
	if c.cat == catDate {
		return soql.Date(t)
	}
	return soql.DateTime(t)
}
