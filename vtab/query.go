package vtab

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sfsql/sfsql/salesforce"
	"github.com/sfsql/sfsql/sfid"
	"github.com/sfsql/sfsql/soql"
)

// query is a planned SOQL statement with the lookup it serves, if any.
type query struct {
	soql       string
	count      string // SELECT COUNT() with the same filter
	fields     []field
	colPos     []int
	none       bool  // no row can match: answer without a request
	lookupPos  int   // position in fields of the lookup column, -1 if none
	lookupVal  Value // value looked up
	lookupTerm int   // the lookup's term, -1 if none
	adaptive   bool  // the lookup may go as its own query (lookup.go)
	cacheable  bool
	limit      int // the SOQL's LIMIT, -1 for none
	apiOptions salesforce.QueryOptions
	key        string // cacheKey, once computed
	err        error  // a term cannot be answered as planned
}

// exactAsPlanned translates a term's value. A term planned exact is one
// SQLite no longer checks: should the value it runs with translate
// otherwise (SQLite plans with x'41' as text and runs with it as a blob),
// the value it planned with decides, or the statement fails rather than
// return rows SQLite would not.
func exactAsPlanned(c *col, term Term, v Value) (translation, error) {
	known := !term.Join && !term.In
	tr := c.translate(term.Op, v, known, term.Coll)
	if !term.Exact || tr.pushed && tr.exact {
		return tr, nil
	}
	if term.Value != nil {
		if planned := c.translate(term.Op, *term.Value, known, term.Coll); planned.pushed && planned.exact {
			return planned, nil
		}
	}
	return tr, fmt.Errorf("the condition on %s changed between planning and running: run the statement again", c.name)
}

func (q *query) cacheKey() string {
	if q.key == "" {
		q.key = strconv.FormatBool(q.apiOptions.Tooling) + strconv.FormatBool(q.apiOptions.All) + "|" + q.soql
	}
	return q.key
}

// buildQuery renders a plan with its argument values as SOQL. A nil
// argument is a value not known yet (.explain): it renders as ?.
func (t *Table) buildQuery(p *Plan, args []*Value) *query {
	q := &query{lookupPos: -1, lookupTerm: -1, cacheable: true, apiOptions: salesforce.QueryOptions{Tooling: t.spec.Tooling}}
	used := t.usedColumns(p)
	q.fields, q.colPos = t.projection(used)
	var conds []soql.Expr
	var deleted deletedFilter
	for i, term := range p.Terms {
		c := &t.cols[term.Col]
		arg := args[i]
		switch {
		case term.Lookup:
			q.lookupPos, q.lookupTerm, q.adaptive = q.colPos[term.Col], i, term.Adaptive
			if arg != nil {
				q.lookupVal = *arg
				q.none = q.none || (arg.Kind == Null && term.Op != OpIS)
			}
		case arg == nil:
			conds = append(conds, c.placeholder(term.Op, term.In, term.Coll)...)
		default:
			tr, err := exactAsPlanned(c, term, *arg)
			if err != nil {
				q.err = err
			}
			if !tr.pushed {
				continue
			}
			q.none = q.none || tr.none
			conds = append(conds, tr.conds...)
			if strings.EqualFold(c.path, "IsDeleted") {
				deleted.note(tr.admits)
			}
		}
	}
	for i := range t.cols {
		if used[i] && strings.EqualFold(t.cols[i].path, "IsDeleted") {
			deleted.seen = true // a filter SQLite keeps to itself (NOT is_deleted = 0) may want them
		}
	}
	q.apiOptions.All = deleted.wanted()
	sq := soql.Query{Items: fieldItems(q.fields), From: t.spec.Object, Where: soql.AndAll(conds),
		OrderBy: t.orderItems(p.Order), Limit: -1, Offset: -1}
	q.count = (&soql.Query{Count: true, From: t.spec.Object, Where: sq.Where, Limit: -1, Offset: -1}).String()
	if p.Limit > 0 && q.lookupPos < 0 {
		if n, ok := limitValue(args, p); ok {
			sq.Limit = int(n)
			q.cacheable = false // a LIMITed scan is not the whole result
		} else {
			sq.LimitParam = args[p.Limit-1] == nil
		}
	}
	if t.spec.OneRow && (sq.Limit < 0 || sq.Limit > 1) {
		sq.Limit, sq.LimitParam = 1, false // exact: the object has one record
	}
	q.soql, q.limit = sq.String(), sq.Limit
	if sq.LimitParam {
		q.limit = -1
	}
	return q
}

// deletedFilter collects what the pushed IsDeleted constraints let
// through: deleted records come from queryAll when the query mentions
// IsDeleted and no pushed constraint keeps true out.
type deletedFilter struct {
	seen     bool
	blocking bool
}

func (d *deletedFilter) note(admits [2]bool) {
	d.seen = true
	d.blocking = d.blocking || !admits[1]
}

func (d deletedFilter) wanted() bool { return d.seen && !d.blocking }

func (t *Table) usedColumns(p *Plan) map[int]bool {
	used := map[int]bool{}
	cols := p.Cols
	if p.Limit == 0 {
		cols |= p.wide // a limited scan is never shared: only its own
	}
	for i := range t.cols {
		if !t.hasID || cols&(1<<min(i, 63)) != 0 {
			used[i] = true
		}
	}
	for _, term := range p.Terms {
		if term.Lookup {
			used[term.Col] = true
		}
	}
	return used
}

func limitValue(args []*Value, p *Plan) (int64, bool) {
	l := args[p.Limit-1]
	if l == nil || l.Kind != Int || l.I < 0 {
		return 0, false
	}
	n := l.I
	if p.Offset > 0 {
		o := args[p.Offset-1]
		if o == nil || o.Kind != Int || o.I < 0 {
			return 0, false
		}
		n += o.I
	}
	return n, n <= 1<<31
}

// projection lists the SOQL fields for the used columns (Id first when the
// object has one).
func (t *Table) projection(used map[int]bool) ([]field, []int) {
	var fields []field
	byPath := map[string]int{}
	if t.hasID {
		fields, byPath["id"] = []field{{path: []string{"Id"}, cat: catID}}, 0
	}
	colPos := make([]int, len(t.cols))
	for i := range t.cols {
		colPos[i] = -1
		c := &t.cols[i]
		if !used[i] || c.path == "" {
			continue
		}
		key := strings.ToLower(c.path)
		pos, ok := byPath[key]
		if !ok {
			pos = len(fields)
			byPath[key] = pos
			fields = append(fields, field{path: strings.Split(c.path, "."), cat: c.cat})
		}
		colPos[i] = pos
	}
	return fields, colPos
}

func fieldItems(fields []field) []soql.SelectItem {
	items := make([]soql.SelectItem, len(fields))
	for i, f := range fields {
		items[i] = soql.SelectItem{Path: f.path}
	}
	return items
}

func (t *Table) orderItems(order []IndexOrder) []soql.OrderItem {
	var out []soql.OrderItem
	for _, o := range order {
		out = append(out, soql.OrderItem{Path: t.cols[o.Column].field(), Desc: o.Desc, NullsFirst: !o.Desc})
	}
	return out
}

// isID18 reports whether s can equal a stored Id: Salesforce returns Ids in
// their canonical 18-character form, so anything else matches nothing.
func isID18(s string) bool { return sfid.Canonical(s) }
