package vtab

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sfsql/sfsql/soql"
)

// translation is what one SQLite constraint becomes in SOQL. The rule of
// the engine: Salesforce's answer to conds is a superset of the rows SQLite
// accepts for the constraint, and exact only where it is the same set.
type translation struct {
	pushed bool        // false: nothing goes to Salesforce, SQLite filters alone
	conds  []soql.Expr // AND-ed; none with pushed = every row passes
	none   bool        // no row can satisfy the constraint: no request needed
	exact  bool        // Salesforce's answer is exactly SQLite's
	// admits says which booleans (false, true) a boolean constraint lets
	// through: queryAll is needed when IsDeleted = true may pass.
	admits [2]bool
}

var skip = translation{}

func pushedExact(conds ...soql.Expr) translation {
	return translation{pushed: true, exact: true, conds: conds, admits: [2]bool{true, true}}
}

func superset(conds ...soql.Expr) translation {
	return translation{pushed: true, conds: conds, admits: [2]bool{true, true}}
}

var noRows = translation{pushed: true, none: true, exact: true}

// OpIN stands for "= with an IN list" in accepts and .schema.
const OpIN = 1000

// safeCollation reports whether a comparison under coll can be pushed for
// a column of this category. Numeric comparisons ignore collations; text
// equality in SOQL is case-insensitive, a superset of BINARY and NOCASE
// but not of RTRIM or a collation we do not know. Ids, dates and
// datetimes compare canonical text: only BINARY keeps them exact.
func (c *col) safeCollation(coll string) bool {
	switch c.cat {
	case catBool, catInt, catFloat:
		return true
	case catText:
		return coll == "" || strings.EqualFold(coll, "BINARY") || strings.EqualFold(coll, "NOCASE")
	}
	return coll == "" || strings.EqualFold(coll, "BINARY")
}

// accepts reports whether some value of a constraint "column op ?" under
// coll can reach Salesforce. It is the planner's first test and the source
// of the operators .schema and the README list.
func (c *col) accepts(op int, coll string) bool {
	if c.path == "" || !c.filterable || c.cat == catOther {
		return false
	}
	switch op {
	case OpISNULL, OpISNOTNULL, OpIS, OpISNOT:
		return true // IS and IS NOT at least in their NULL forms
	}
	if c.sfType == "multipicklist" || !c.safeCollation(coll) {
		return false // SOQL compares multi-select value sets, not text
	}
	switch c.cat {
	case catText:
		return op == OpEQ || op == OpLIKE || op == OpIN
	case catID:
		return op == OpEQ || op == OpNE || op == OpIN
	case catBool, catInt:
		return op != OpLIKE
	case catFloat:
		return op != OpLIKE && op != OpIN
	case catDate, catDateTime:
		return op == OpEQ || op == OpIN || op == OpLT || op == OpLE || op == OpGT || op == OpGE
	}
	return false
}

func (c *col) field() []string { return soql.Field(c.path) }

func (c *col) compare(op string, v soql.Value) soql.Expr {
	return soql.Compare{Path: c.field(), Op: op, Value: v}
}

func null() soql.Value { return soql.Value{Kind: soql.KindNull} }

// translate turns "column op v" into SOQL. known says the value was known
// when SQLite planned the query (a literal): values from another table
// carry that column's affinity, so numbers against text are left to SQLite.
func (c *col) translate(op int, v Value, known bool, coll string) translation {
	if !c.accepts(op, coll) {
		return skip
	}
	switch {
	case op == OpISNULL || (op == OpIS && v.Kind == Null):
		return c.nullTest("=")
	case op == OpISNOTNULL || (op == OpISNOT && v.Kind == Null):
		return c.nullTest("!=")
	case v.Kind == Null:
		return noRows // a comparison with NULL is never true
	case c.sfType == "multipicklist" || !c.safeCollation(coll):
		return skip
	case v.Kind == List:
		return c.translateIn(v.L, coll)
	}
	switch c.cat {
	case catText:
		return c.textTerm(op, v, known)
	case catID:
		return c.idTerm(op, v)
	case catBool:
		return c.boolTerm(op, numericOf(v))
	case catInt:
		return c.intTerm(op, numericOf(v))
	case catFloat:
		return c.floatTerm(op, numericOf(v))
	case catDate, catDateTime:
		return c.timeTerm(op, v)
	}
	return skip
}

func (c *col) nullTest(op string) translation {
	t := pushedExact(c.compare(op, null()))
	if op == "=" {
		t.admits = [2]bool{}
	}
	return t
}

// SOQL limits: a string literal holds at most 4,000 characters, and long
// IN lists make statements Salesforce refuses; such terms stay with SQLite.
const (
	maxLiteralChars = 4000
	maxInValues     = 500
)

func (c *col) textTerm(op int, v Value, known bool) translation {
	var s string
	switch {
	case v.Kind == Text:
		s = v.S
	case v.Kind == Int && known:
		s = strconv.FormatInt(v.I, 10)
	default:
		return skip
	}
	if len([]rune(s)) > maxLiteralChars {
		return skip
	}
	lit := soql.Value{Kind: soql.KindString, Str: s}
	switch op {
	case OpLIKE:
		return superset(c.compare("LIKE", lit))
	case OpEQ, OpIS:
		return superset(c.compare("=", lit))
	}
	return skip
}

// idTerm: Ids are stored in their canonical 18-character form, so a value
// in any other form equals no Id.
func (c *col) idTerm(op int, v Value) translation {
	if v.Kind != Text {
		return skip
	}
	canonical := isID18(v.S)
	lit := soql.Value{Kind: soql.KindString, Str: v.S}
	switch op {
	case OpEQ, OpIS:
		if !canonical {
			return noRows
		}
		return pushedExact(c.compare("=", lit))
	case OpISNOT:
		if !canonical {
			return pushedExact()
		}
		return pushedExact(c.compare("!=", lit))
	case OpNE:
		if !canonical {
			return pushedExact(c.compare("!=", null()))
		}
		return superset(c.compare("!=", lit)) // SOQL != also matches NULL
	}
	return skip
}

// boolTerm evaluates the constraint for false and true as SQLite would and
// asks Salesforce for exactly the values that pass.
func (c *col) boolTerm(op int, n numeric) translation {
	var admits [2]bool
	for b := range 2 {
		admits[b] = n.holds(int64(b), op)
	}
	lit := func(b bool) soql.Value { return soql.Value{Kind: soql.KindBool, Bool: b} }
	var t translation
	switch {
	case op == OpISNOT: // NULL passes too, as it does in SOQL's !=
		switch {
		case admits[0] && admits[1]:
			t = pushedExact()
		case admits[1]:
			t = pushedExact(c.compare("!=", lit(false)))
		default:
			t = pushedExact(c.compare("!=", lit(true)))
		}
	case admits[0] && admits[1]:
		t = pushedExact(c.compare("!=", null()))
	case admits[0] || admits[1]:
		t = pushedExact(c.compare("=", lit(admits[1])))
	default:
		t = noRows
	}
	t.admits = admits
	return t
}

// againstNonNumber handles a numeric column compared with text that is no
// number (or a blob): SQLite sorts it after every number.
func (c *col) againstNonNumber(op int) translation {
	switch op {
	case OpLT, OpLE, OpNE:
		return pushedExact(c.compare("!=", null()))
	case OpISNOT:
		return pushedExact()
	}
	return noRows
}

func intLit(i int64) soql.Value {
	return soql.Value{Kind: soql.KindNumber, Num: float64(i), Str: soql.Int(i)}
}

func (c *col) intTerm(op int, n numeric) translation {
	if n.nonNum {
		return c.againstNonNumber(op)
	}
	if i, ok := n.integral(); ok {
		return c.intBound(op, i)
	}
	if n.isInt || math.IsInf(n.f, 0) || math.IsNaN(n.f) || math.Abs(n.f) > maxExactInt {
		return skip // beyond 2^53 float and integer comparisons part ways
	}
	// A fraction: no integer equals it; bounds round to the integers around it.
	switch op {
	case OpEQ, OpIS:
		return noRows
	case OpNE:
		return pushedExact(c.compare("!=", null()))
	case OpISNOT:
		return pushedExact()
	case OpLT, OpGE:
		return c.intBound(op, int64(math.Ceil(n.f)))
	case OpLE, OpGT:
		return c.intBound(op, int64(math.Floor(n.f)))
	}
	return skip
}

func (c *col) intBound(op int, i int64) translation {
	switch op {
	case OpEQ, OpIS:
		return pushedExact(c.compare("=", intLit(i)))
	case OpNE:
		return superset(c.compare("!=", intLit(i))) // SOQL != also matches NULL
	case OpISNOT:
		return pushedExact(c.compare("!=", intLit(i)))
	}
	return pushedExact(c.compare(soqlOp(op), intLit(i)))
}

// floatTerm: Salesforce compares the stored decimal, SQLite the float64 it
// was decoded into. Bounds are widened to the neighbouring float so that
// rounding can never hide a row, and SQLite always re-checks.
func (c *col) floatTerm(op int, n numeric) translation {
	if n.nonNum {
		return c.againstNonNumber(op)
	}
	f := n.f
	if n.isInt && (n.i > maxExactInt || n.i < -maxExactInt) {
		return skip
	}
	if math.IsInf(f, 0) || math.IsNaN(f) || math.Abs(f) > maxExactInt || (f != 0 && math.Abs(f) < 1e-10) {
		return skip
	}
	num := func(x float64) soql.Value { return soql.Value{Kind: soql.KindNumber, Num: x, Str: decimal(x)} }
	if f == 0 { // decimals of scale ≤ 18 round to zero only from zero
		if op == OpISNOT {
			op = OpNE
		}
		if op == OpIS {
			op = OpEQ
		}
		return superset(c.compare(soqlOp(op), num(0)))
	}
	up, down := num(math.Nextafter(f, math.Inf(1))), num(math.Nextafter(f, math.Inf(-1)))
	switch op {
	case OpLT, OpLE:
		return superset(c.compare("<", up))
	case OpGT, OpGE:
		return superset(c.compare(">", down))
	case OpEQ, OpIS:
		return superset(c.compare(">", down), c.compare("<", up))
	case OpNE, OpISNOT:
		return superset(c.compare("!=", num(f)))
	}
	return skip
}

// Salesforce keeps dates and datetimes between these years.
var (
	earliestDay = time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC)
	latestDay   = time.Date(4000, 12, 31, 0, 0, 0, 0, time.UTC)
)

// timeTerm compares canonical ISO text ('2024-01-05' or
// '2024-01-05T10:11:12.000Z'), whose text order is time order: a bound v
// becomes the day bound v[:10] (every canonical value above v is on or
// after that day, every one below it on or before it). Equality needs the
// canonical form; a datetime with milliseconds, which SOQL literals cannot
// carry, becomes the second around it.
func (c *col) timeTerm(op int, v Value) translation {
	if v.Kind != Text {
		return skip
	}
	if op == OpEQ || op == OpIS {
		return c.timeEquals(v.S)
	}
	if len(v.S) < 10 {
		return skip
	}
	day, err := time.Parse("2006-01-02", v.S[:10])
	if err != nil {
		return skip
	}
	switch op {
	case OpGT, OpGE:
		return c.timeBound(">=", day)
	case OpLT, OpLE:
		if c.cat == catDate {
			return c.timeBound("<=", day)
		}
		return c.timeBound("<", day.AddDate(0, 0, 1))
	}
	return skip
}

func (c *col) timeEquals(s string) translation {
	layout := "2006-01-02T15:04:05.000Z"
	if c.cat == catDate {
		layout = "2006-01-02"
	}
	t, err := time.Parse(layout, s)
	if err != nil || t.Format(layout) != s {
		return noRows // no stored value has this text
	}
	sec := t.Truncate(time.Second)
	if sec.Before(earliestDay) || sec.After(latestDay) {
		return skip
	}
	if sec.Equal(t) {
		return superset(c.compare("=", c.timeLiteral(t)))
	}
	return superset(c.compare(">=", c.timeLiteral(sec)), c.compare("<", c.timeLiteral(sec.Add(time.Second))))
}

func (c *col) timeBound(op string, day time.Time) translation {
	if day.Before(earliestDay) || day.After(latestDay) {
		return skip // every stored value is within: the bound filters nothing SQLite needs
	}
	return superset(c.compare(op, c.timeLiteral(day)))
}

func (c *col) timeLiteral(t time.Time) soql.Value {
	if c.cat == catDate {
		return soql.Value{Kind: soql.KindDate, Time: t}
	}
	return soql.Value{Kind: soql.KindDateTime, Time: t}
}

// translateIn pushes an IN list as one SOQL IN when every element is a
// plain equality; elements that match nothing are dropped.
func (c *col) translateIn(list []Value, coll string) translation {
	if len(list) > maxInValues {
		return skip
	}
	var values []soql.Value
	seen := map[string]bool{}
	var admits [2]bool
	for _, v := range list {
		t := c.translate(OpEQ, v, false, coll)
		if !t.pushed {
			return skip
		}
		if t.none {
			continue
		}
		cmp, ok := singleEquality(t)
		if !ok {
			return skip
		}
		admits[0], admits[1] = admits[0] || t.admits[0], admits[1] || t.admits[1]
		if lit := soql.Literal(cmp.Value); !seen[lit] {
			seen[lit] = true
			values = append(values, cmp.Value)
		}
	}
	if len(values) == 0 {
		return noRows
	}
	t := superset(soql.In{Path: c.field(), Values: values})
	t.admits = admits
	return t
}

func singleEquality(t translation) (soql.Compare, bool) {
	if len(t.conds) != 1 {
		return soql.Compare{}, false
	}
	cmp, ok := t.conds[0].(soql.Compare)
	return cmp, ok && cmp.Op == "="
}

// placeholder is what .explain shows for a value known only when the
// query runs: the translator's own conditions for a sample value of the
// column's category, with every literal shown as ?, so the operators are
// the ones the scan sends (a datetime bound becomes the day bound >=).
func (c *col) placeholder(op int, in bool, coll string) []soql.Expr {
	v := placeholderSample[c.cat]
	if in {
		v = Value{Kind: List, L: []Value{v}}
	}
	tr := c.translate(op, v, false, coll)
	if !tr.pushed || tr.none || len(tr.conds) == 0 {
		return []soql.Expr{c.compare(soqlOp(op), soql.Value{Kind: soql.KindParam})}
	}
	param := soql.Value{Kind: soql.KindParam}
	out := make([]soql.Expr, len(tr.conds))
	for i, e := range tr.conds {
		switch x := e.(type) {
		case soql.Compare:
			if x.Value.Kind != soql.KindNull {
				x.Value = param
			}
			out[i] = x
		case soql.In:
			x.Values = []soql.Value{param}
			out[i] = x
		default:
			out[i] = e
		}
	}
	return out
}

// placeholderSample is a value of each category that pushes down.
var placeholderSample = map[category]Value{
	catText: TextValue("x"), catID: TextValue("005000000000001AAA"), catBool: IntValue(1), catInt: IntValue(1),
	catFloat: FloatValue(1.5), catDate: TextValue("2000-01-01"), catDateTime: TextValue("2000-01-01T00:00:00.000Z"),
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
