package vtab

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
)

// A table of the session is the union of its members' tables. Each member
// plans, pages and caches its own scan; the union adds the org columns,
// prunes the orgs a constraint on them rules out (no request reaches
// those), and reads the rest at once. Columns are the members' union by
// name: a column one org lacks reads NULL for that org's rows, and a
// constraint on it is not sent there (SQLite checks it, and NULL fails).
// With one org, the member's plan is the union's, unchanged: same SOQL,
// same omitted terms, LIMIT and ORDER BY.

// Org columns, hidden from select *.
const (
	colConnection = iota
	colOrgID
	colOrgName
	orgColumns
)

var orgColumnNames = [orgColumns]string{"connection", "org_id", "org_name"}

type unionCol struct {
	name, sqlType string
	hidden        bool
}

type unionPart struct {
	o        *org
	vt       VTable
	toMember []int // union column → member column, -1: the org lacks it
}

type unionTable struct {
	e     *Engine
	name  string
	cols  []unionCol
	orgAt int // first org column: 0 for object tables, after the spec's columns for derived ones
	parts []*unionPart
}

// connectUnion builds the union of the members' tables behind a name.
func (e *Engine) connectUnion(ctx context.Context, name string) (VTable, error) {
	if name == OrgsTable {
		return &orgsTable{e: e}, nil
	}
	e.mu.Lock()
	if vt, ok := e.unions[name]; ok {
		e.mu.Unlock()
		return vt, nil
	}
	e.mu.Unlock()
	members := e.memberList()
	tables := make([]VTable, len(members))
	errs := eachOrg(members, func(o *org) error {
		vt, err := o.connect(ctx, name)
		tables[indexOf(members, o)] = vt
		return err
	})
	u := &unionTable{e: e, name: name}
	var firstErr error
	for i, o := range members {
		err := errs[i]
		if errors.Is(err, errNoSuchTable) {
			firstErr = cmp.Or(firstErr, err)
			continue // that org has no such object
		}
		if err := e.failed(o, err); err != nil {
			return nil, err
		}
		if tables[i] != nil {
			u.parts = append(u.parts, &unionPart{o: o, vt: tables[i]})
		}
	}
	if len(u.parts) == 0 {
		return nil, cmp.Or(firstErr, errNoTable(name))
	}
	u.layout()
	e.mu.Lock()
	if e.unions == nil {
		e.unions = map[string]VTable{}
	}
	e.unions[name] = u
	e.mu.Unlock()
	return u, nil
}

// layout makes the union's columns and each part's map into its own.
func (u *unionTable) layout() {
	index := map[string]int{}
	add := func(c unionCol) int {
		if i, ok := index[c.name]; ok {
			return i
		}
		index[c.name] = len(u.cols)
		u.cols = append(u.cols, c)
		return len(u.cols) - 1
	}
	_, object := u.parts[0].vt.(*Table)
	addOrg := func() {
		u.orgAt = len(u.cols)
		for _, n := range orgColumnNames {
			add(unionCol{name: n, sqlType: "TEXT", hidden: true})
		}
	}
	if object {
		addOrg() // first: the low column numbers SQLite reports exactly stay the fields'
	}
	memberCols := make([][]unionCol, len(u.parts))
	for i, p := range u.parts {
		memberCols[i] = u.columnsOf(p.vt)
		for _, c := range memberCols[i] {
			add(c)
		}
	}
	if !object {
		addOrg() // last: a table-valued function's arguments are its first hidden columns
	}
	for i, p := range u.parts {
		p.toMember = make([]int, len(u.cols))
		for k := range p.toMember {
			p.toMember[k] = -1
		}
		for j, c := range memberCols[i] {
			p.toMember[index[c.name]] = j
		}
	}
}

func (u *unionTable) columnsOf(vt VTable) []unionCol {
	if t, ok := vt.(*Table); ok {
		out := make([]unionCol, len(t.cols))
		for i, c := range t.cols {
			out[i] = unionCol{name: c.name, sqlType: c.sqlType()}
		}
		return out
	}
	var out []unionCol
	for _, c := range u.e.specs[u.name].Columns {
		out = append(out, unionCol{name: c.Name, sqlType: c.SQLType, hidden: c.Hidden})
	}
	return out
}

// Schema declares the union's columns.
func (u *unionTable) Schema() string {
	var b strings.Builder
	b.WriteString("CREATE TABLE x(")
	for i, c := range u.cols {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q %s", c.name, c.sqlType)
		if c.hidden {
			b.WriteString(" HIDDEN")
		}
	}
	b.WriteString(")")
	return b.String()
}

// member is the org column a union column is, or -1.
func (u *unionTable) orgColumn(col int) int {
	if col >= u.orgAt && col < u.orgAt+orgColumns {
		return col - u.orgAt
	}
	return -1
}

// unwrap is the first org's own table behind a union (for .schema).
func unwrap(vt VTable) VTable {
	if u, ok := vt.(*unionTable); ok {
		return u.parts[0].vt
	}
	return vt
}
