package soql

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Parse parses one SOQL SELECT statement.
func Parse(q string) (*Query, error) {
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	p := &parser{q: q, toks: toks}
	return p.query()
}

type parser struct {
	q    string
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

func (p *parser) keyword(word string) bool {
	t := p.peek()
	if t.kind == tokIdent && strings.EqualFold(t.text, word) {
		p.i++
		return true
	}
	return false
}

func (p *parser) fail(t token) error {
	text := t.text
	if t.kind == tokString {
		text = "'" + text + "'"
	}
	if t.kind == tokEOF {
		text = "<EOF>"
	}
	return &SyntaxError{p.q, t.pos, "unexpected token: " + text}
}

func (p *parser) query() (*Query, error) {
	q := &Query{Text: p.q, Limit: -1, Offset: -1}
	if !p.keyword("SELECT") {
		return nil, p.fail(p.peek())
	}
	if err := p.selectList(q); err != nil {
		return nil, err
	}
	if !p.keyword("FROM") {
		return nil, p.fail(p.peek())
	}
	from := p.next()
	if from.kind != tokIdent { // Group is an object even though GROUP is a keyword
		return nil, p.fail(from)
	}
	q.From = from.text
	if err := p.clauses(q); err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		return nil, p.fail(t)
	}
	return q, nil
}

func (p *parser) clauses(q *Query) error {
	var err error
	if p.keyword("WHERE") {
		if q.Where, err = p.or(); err != nil {
			return err
		}
	}
	if p.keyword("ORDER") {
		if !p.keyword("BY") {
			return p.fail(p.peek())
		}
		if q.OrderBy, err = p.orderBy(); err != nil {
			return err
		}
	}
	if p.keyword("LIMIT") {
		if q.Limit, err = p.nonNegativeInt(); err != nil {
			return err
		}
	}
	if p.keyword("OFFSET") {
		if q.Offset, err = p.nonNegativeInt(); err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) nonNegativeInt() (int, error) {
	t := p.next()
	n, err := strconv.Atoi(t.text)
	if t.kind != tokNumber || err != nil || n < 0 {
		return 0, p.fail(t)
	}
	return n, nil
}

func (p *parser) selectList(q *Query) error {
	for {
		item, err := p.selectItem()
		if err != nil {
			return err
		}
		if item.Aggregate == "COUNT" && item.Path == nil {
			q.Count = true
		}
		q.Items = append(q.Items, item)
		if p.peek().kind != tokComma {
			break
		}
		p.next()
	}
	if q.Count && len(q.Items) > 1 {
		return &SyntaxError{p.q, 0, "COUNT() must be the only element in the SELECT list"}
	}
	return nil
}

var aggregates = map[string]bool{"COUNT": true, "COUNT_DISTINCT": true, "MIN": true, "MAX": true, "SUM": true, "AVG": true}

func (p *parser) selectItem() (SelectItem, error) {
	t := p.next()
	if t.kind != tokIdent || isReserved(t.text) {
		return SelectItem{}, p.fail(t)
	}
	if p.peek().kind != tokLParen {
		return SelectItem{Path: splitPath(t.text)}, nil
	}
	name := strings.ToUpper(t.text)
	if !aggregates[name] {
		return SelectItem{}, p.fail(t)
	}
	p.next()
	item := SelectItem{Aggregate: name}
	if arg := p.peek(); arg.kind == tokIdent {
		item.Path = splitPath(p.next().text)
	} else if name != "COUNT" {
		return SelectItem{}, p.fail(arg)
	}
	if t := p.next(); t.kind != tokRParen {
		return SelectItem{}, p.fail(t)
	}
	if a := p.peek(); a.kind == tokIdent && !isReserved(a.text) {
		item.Alias = p.next().text
	}
	return item, nil
}

func (p *parser) orderBy() ([]OrderItem, error) {
	var items []OrderItem
	for {
		t := p.next()
		if t.kind != tokIdent || isReserved(t.text) {
			return nil, p.fail(t)
		}
		item := OrderItem{Path: splitPath(t.text)}
		if p.keyword("DESC") {
			item.Desc = true
		} else {
			p.keyword("ASC")
		}
		item.NullsFirst = !item.Desc
		if p.keyword("NULLS") {
			switch {
			case p.keyword("FIRST"):
				item.NullsFirst = true
			case p.keyword("LAST"):
				item.NullsFirst = false
			default:
				return nil, p.fail(p.peek())
			}
		}
		items = append(items, item)
		if p.peek().kind != tokComma {
			return items, nil
		}
		p.next()
	}
}

func (p *parser) or() (Expr, error) {
	l, err := p.and()
	if err != nil {
		return nil, err
	}
	for p.keyword("OR") {
		r, err := p.and()
		if err != nil {
			return nil, err
		}
		l = Or{l, r}
	}
	return l, nil
}

func (p *parser) and() (Expr, error) {
	l, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.keyword("AND") {
		r, err := p.unary()
		if err != nil {
			return nil, err
		}
		l = And{l, r}
	}
	return l, nil
}

func (p *parser) unary() (Expr, error) {
	if p.keyword("NOT") {
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return Not{x}, nil
	}
	if p.peek().kind == tokLParen {
		p.next()
		x, err := p.or()
		if err != nil {
			return nil, err
		}
		if t := p.next(); t.kind != tokRParen {
			return nil, p.fail(t)
		}
		return x, nil
	}
	return p.condition()
}

func (p *parser) condition() (Expr, error) {
	field := p.next()
	if field.kind != tokIdent || isReserved(field.text) {
		return nil, p.fail(field)
	}
	path := splitPath(field.text)
	if p.keyword("IN") {
		return p.inList(path, false, field.pos)
	}
	if p.keyword("NOT") {
		if !p.keyword("IN") {
			return nil, p.fail(p.peek())
		}
		return p.inList(path, true, field.pos)
	}
	op := p.next()
	like := op.kind == tokIdent && strings.EqualFold(op.text, "LIKE")
	if op.kind != tokOp && !like {
		return nil, p.fail(op)
	}
	v, err := p.value(like)
	if err != nil {
		return nil, err
	}
	c := Compare{Path: path, Op: op.text, Value: v, Pos: field.pos}
	if like {
		c.Op = "LIKE"
		if v.Kind != KindString {
			return nil, &SyntaxError{p.q, v.Pos, "invalid operator on LIKE: pattern must be a string"}
		}
	}
	return c, nil
}

func (p *parser) inList(path []string, negate bool, pos int) (Expr, error) {
	if t := p.next(); t.kind != tokLParen {
		return nil, p.fail(t)
	}
	in := In{Path: path, Negate: negate, Pos: pos}
	for {
		v, err := p.value(false)
		if err != nil {
			return nil, err
		}
		in.Values = append(in.Values, v)
		t := p.next()
		if t.kind == tokRParen {
			return in, nil
		}
		if t.kind != tokComma {
			return nil, p.fail(t)
		}
	}
}

func (p *parser) value(like bool) (Value, error) {
	t := p.next()
	v := Value{Pos: t.pos}
	switch t.kind {
	case tokString:
		s, err := decodeString(p.q, t.pos, t.text, like)
		v.Kind, v.Str = KindString, s
		return v, err
	case tokNumber:
		f, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return v, p.fail(t)
		}
		v.Kind, v.Num, v.Str = KindNumber, f, t.text
		return v, nil
	case tokDate, tokDateTime:
		return p.timeValue(t)
	case tokIdent:
		return p.wordValue(t)
	}
	return v, p.fail(t)
}

func (p *parser) timeValue(t token) (Value, error) {
	v := Value{Pos: t.pos}
	if t.kind == tokDate {
		d, err := time.Parse("2006-01-02", t.text)
		if err != nil {
			return v, &SyntaxError{p.q, t.pos, fmt.Sprintf("value of filter criterion for field is not a valid date: %s", t.text)}
		}
		v.Kind, v.Time = KindDate, d
		return v, nil
	}
	d, err := time.Parse(time.RFC3339Nano, t.text)
	if err != nil {
		return v, &SyntaxError{p.q, t.pos, fmt.Sprintf("value of filter criterion for field is not a valid dateTime: %s", t.text)}
	}
	v.Kind, v.Time = KindDateTime, d.UTC()
	return v, nil
}

func (p *parser) wordValue(t token) (Value, error) {
	v := Value{Pos: t.pos}
	switch strings.ToLower(t.text) {
	case "null":
		v.Kind = KindNull
		return v, nil
	case "true", "false":
		v.Kind, v.Bool = KindBool, strings.EqualFold(t.text, "true")
		return v, nil
	}
	rel, ok := parseRelative(t.text)
	if !ok {
		return v, p.fail(t)
	}
	v.Kind, v.Relative = KindRelative, rel
	return v, nil
}

func splitPath(s string) []string { return strings.Split(s, ".") }

var reserved = map[string]bool{
	"AND": true, "OR": true, "NOT": true, "SELECT": true, "FROM": true, "WHERE": true,
	"ORDER": true, "BY": true, "LIMIT": true, "OFFSET": true, "IN": true, "LIKE": true,
	"NULL": true, "TRUE": true, "FALSE": true, "ASC": true, "DESC": true, "NULLS": true,
	"GROUP": true, "HAVING": true,
}

func isReserved(word string) bool { return reserved[strings.ToUpper(word)] }
