package fakeorg

import (
	"fmt"
	"strings"
	"time"

	"github.com/sfsql/sfsql/sfid"
	"github.com/sfsql/sfsql/soql"
)

// compiled is a query checked against the schema and ready to run.
type compiled struct {
	query  *soql.Query
	object *Object
	items  []*path
	where  func(Record) bool
	order  []orderKey
	aggr   bool
}

type orderKey struct {
	path       *path
	desc       bool
	nullsFirst bool
}

// compile checks a parsed query against the schema, the way the real
// server does, and builds its predicate.
func (s *Store) compile(q *soql.Query, api string, now time.Time) (*compiled, error) {
	o := s.Schema.ObjectIn(q.From, api)
	if o == nil || o.API != api {
		pos := strings.Index(strings.ToLower(q.Text), strings.ToLower(q.From))
		return nil, &apiError{400, "INVALID_TYPE", caret(q.Text, pos) + "sObject type '" + q.From + "' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."}
	}
	c := &compiled{query: q, object: o, where: func(Record) bool { return true }}
	if err := s.compileItems(c); err != nil {
		return nil, err
	}
	if q.Where != nil {
		w, err := s.compileExpr(c, q.Where, now)
		if err != nil {
			return nil, err
		}
		c.where = w
	}
	if err := s.compileOrder(c); err != nil {
		return nil, err
	}
	if q.Offset > 2000 {
		return nil, &apiError{400, "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000"}
	}
	return c, nil
}

func (s *Store) compileItems(c *compiled) error {
	q := c.query
	seen := map[string]bool{}
	for _, item := range q.Items {
		if item.Aggregate != "" {
			c.aggr = true
		}
		if item.Path == nil {
			continue
		}
		p, err := s.resolvePath(q, c.object, item.Path, fieldPos(q.Text, item.Path))
		if err != nil {
			return err
		}
		key := strings.ToLower(strings.Join(p.names, "."))
		if seen[key] && item.Aggregate == "" {
			return malformed("duplicate field selected: " + strings.Join(p.names, "."))
		}
		seen[key] = true
		c.items = append(c.items, p)
	}
	if c.aggr && q.OrderBy != nil {
		return malformed("Ordered field must be grouped or aggregated")
	}
	for _, item := range q.Items {
		if c.aggr && item.Aggregate == "" {
			return fieldError(q, fieldPos(q.Text, item.Path), "Field must be grouped or aggregated: "+strings.Join(item.Path, "."))
		}
	}
	return nil
}

func (s *Store) compileOrder(c *compiled) error {
	for _, item := range c.query.OrderBy {
		pos := fieldPos(c.query.Text, item.Path)
		p, err := s.resolvePath(c.query, c.object, item.Path, pos)
		if err != nil {
			return err
		}
		if !p.field.Sortable || categoryOf(p.field) == catCompound {
			return fieldError(c.query, pos, "field '"+p.field.Name+"' can not be sorted in a query call")
		}
		c.order = append(c.order, orderKey{p, item.Desc, item.NullsFirst})
	}
	return nil
}

func fieldPos(text string, parts []string) int {
	i := strings.Index(strings.ToLower(text), strings.ToLower(strings.Join(parts, ".")))
	if i < 0 {
		return 0
	}
	return i
}

func (s *Store) compileExpr(c *compiled, e soql.Expr, now time.Time) (func(Record) bool, error) {
	switch e := e.(type) {
	case soql.And:
		return s.compileBinary(c, e.L, e.R, now, true)
	case soql.Or:
		return s.compileBinary(c, e.L, e.R, now, false)
	case soql.Not:
		x, err := s.compileExpr(c, e.X, now)
		if err != nil {
			return nil, err
		}
		return func(r Record) bool { return !x(r) }, nil
	case soql.Compare:
		return s.compileCompare(c, e, now)
	case soql.In:
		return s.compileIn(c, e)
	}
	return nil, malformed("unsupported condition")
}

func (s *Store) compileBinary(c *compiled, l, r soql.Expr, now time.Time, and bool) (func(Record) bool, error) {
	lf, err := s.compileExpr(c, l, now)
	if err != nil {
		return nil, err
	}
	rf, err := s.compileExpr(c, r, now)
	if err != nil {
		return nil, err
	}
	if and {
		return func(rec Record) bool { return lf(rec) && rf(rec) }, nil
	}
	return func(rec Record) bool { return lf(rec) || rf(rec) }, nil
}

func (s *Store) filterPath(c *compiled, parts []string, pos int) (*path, error) {
	p, err := s.resolvePath(c.query, c.object, parts, pos)
	if err != nil {
		return nil, err
	}
	if !p.field.Filterable || categoryOf(p.field) == catCompound {
		return nil, fieldError(c.query, pos, "field '"+p.field.Name+"' can not be filtered in query call")
	}
	return p, nil
}

// checkLiteral rejects literals of the wrong type for a field with the real
// error texts.
func checkLiteral(c *compiled, p *path, v soql.Value) error {
	cat := categoryOf(p.field)
	ok := v.Kind == soql.KindNull
	switch cat {
	case catText, catTime:
		ok = ok || v.Kind == soql.KindString
	case catID:
		if v.Kind == soql.KindString {
			if !sfid.Valid(v.Str) {
				return &apiError{400, "INVALID_QUERY_FILTER_OPERATOR", caret(c.query.Text, v.Pos) + "invalid ID field: " + v.Str}
			}
			ok = true
		}
	case catBool:
		ok = ok || v.Kind == soql.KindBool
	case catNumber:
		ok = ok || v.Kind == soql.KindNumber
	case catDate:
		ok = ok || v.Kind == soql.KindDate || v.Kind == soql.KindRelative
	case catDateTime:
		ok = ok || v.Kind == soql.KindDateTime || v.Kind == soql.KindRelative
	}
	if ok {
		return nil
	}
	// Text and Ids are quoted in SOQL; booleans, numbers and dates are not.
	quoted := " and should not be enclosed in quotes"
	if cat == catText || cat == catID {
		quoted = " and should be enclosed in quotes"
	}
	return fieldError(c.query, v.Pos, fmt.Sprintf("value of filter criterion for field '%s' must be of type %s%s", p.field.Name, soapTypeName(cat), quoted))
}

func (s *Store) compileCompare(c *compiled, e soql.Compare, now time.Time) (func(Record) bool, error) {
	p, err := s.filterPath(c, e.Path, e.Pos)
	if err != nil {
		return nil, err
	}
	if err := checkLiteral(c, p, e.Value); err != nil {
		return nil, err
	}
	cat := categoryOf(p.field)
	if e.Op == "LIKE" {
		if cat != catText {
			return nil, fieldError(c.query, e.Pos, "invalid operator on field '"+p.field.Name+"'")
		}
		m := compileLike(e.Value.Str)
		return func(r Record) bool {
			v, ok := s.value(r, p).(string)
			return ok && m(v)
		}, nil
	}
	if (cat == catBool || cat == catID) && e.Op != "=" && e.Op != "!=" {
		return nil, fieldError(c.query, e.Pos, "invalid operator on field '"+p.field.Name+"'")
	}
	test := comparison(e.Op, e.Value, cat, now)
	return func(r Record) bool { return test(s.value(r, p)) }, nil
}

func (s *Store) compileIn(c *compiled, e soql.In) (func(Record) bool, error) {
	p, err := s.filterPath(c, e.Path, e.Pos)
	if err != nil {
		return nil, err
	}
	cat := categoryOf(p.field)
	var tests []func(any) bool
	for _, v := range e.Values {
		if err := checkLiteral(c, p, v); err != nil {
			return nil, err
		}
		tests = append(tests, comparison("=", v, cat, time.Time{}))
	}
	return func(r Record) bool {
		v := s.value(r, p)
		for _, t := range tests {
			if t(v) {
				return !e.Negate
			}
		}
		return e.Negate
	}, nil
}
