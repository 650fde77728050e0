package vtab

import (
	"strings"

	"github.com/sfsql/sfsql/soql"
)

// UserPermissionTable names the effective-permissions table.
const UserPermissionTable = "salesforce_user_permission"

// userPermissionTable lists every system permission each user holds, one
// row per user × permission × source: the profile (through its permission
// set), a permission set, or a permission set group.
type userPermissionTable struct {
	engine    *Engine
	memo      *expansion
	perms     []string // the org's Permissions* fields, read once
	setsQuery *query   // the permission set scan over them
}

func newUserPermissionTable(e *Engine) *userPermissionTable { return &userPermissionTable{engine: e} }

func (t *userPermissionTable) Schema() string {
	return "CREATE TABLE x(user_id TEXT, username TEXT, permission TEXT, source_type TEXT, source_id TEXT, source_name TEXT)"
}

// BestIndex: a constant user_id = value narrows the assignment query; a
// user_id from a join is a lookup into the expansion of three cached
// scans; SQLite re-checks both.
func (t *userPermissionTable) BestIndex(info *IndexInfo) error {
	info.Usage = make([]ConstraintUsage, len(info.Constraints))
	info.Cost, info.Rows, info.IdxStr = 1e6, 100_000, "all"
	for i, c := range info.Constraints {
		if c.Usable && c.Column == 0 && c.Op == OpEQ && !c.IsIn {
			info.Usage[i] = ConstraintUsage{ArgvIndex: 1}
			if c.RHS == nil {
				info.Cost, info.Rows, info.IdxStr = 10, 50, "lookup"
			} else {
				info.Cost, info.Rows, info.IdxStr = 3000, 50, "user"
			}
			return nil
		}
	}
	return nil
}

func (t *userPermissionTable) Open() (Cursor, error) {
	t.engine.cursorOpened()
	return &rowsCursor{engine: t.engine, fill: t.rows}, nil
}

func (t *userPermissionTable) rows(idxStr string, args []Value) ([][]Value, error) {
	if idxStr == "lookup" {
		x, err := t.expanded()
		if err != nil {
			return nil, err
		}
		k, _ := args[0].key()
		return x.byUser[k], nil
	}
	return t.compute(idxStr, args)
}

// expansion is the whole table computed from three scans, by user.
type expansion struct {
	from   [3]*scan
	byUser map[string][][]Value
}

// expanded computes the whole table once per set of scans.
func (t *userPermissionTable) expanded() (*expansion, error) {
	sets, groups, assignments, perms, err := t.scans("")
	if err != nil {
		return nil, err
	}
	from := [3]*scan{sets, groups, assignments}
	if t.memo != nil && t.memo.from == from {
		return t.memo, nil
	}
	x := &expansion{from: from, byUser: map[string][][]Value{}}
	for _, r := range expandPermissions(sets, groups, assignments, perms) {
		k, _ := r[0].key()
		x.byUser[k] = append(x.byUser[k], r)
	}
	t.memo = x
	return x, nil
}

func (t *userPermissionTable) compute(idxStr string, args []Value) ([][]Value, error) {
	where := ""
	if idxStr == "user" {
		id, ok := args[0].text()
		if !ok || !isID18(id) {
			return nil, nil
		}
		where = " WHERE AssigneeId = " + soql.String(id)
	}
	sets, groups, assignments, perms, err := t.scans(where)
	if err != nil {
		return nil, err
	}
	return expandPermissions(sets, groups, assignments, perms), nil
}

// scans reads permission sets (every Permissions* flag), groups and
// assignments (narrowed by where), through the scan cache.
func (t *userPermissionTable) scans(where string) (sets, groups, assignments *scan, perms []string, err error) {
	e := t.engine
	setsQuery, err := t.permissionSetQuery()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if sets, err = e.fullScan(setsQuery); err != nil {
		return
	}
	if groups, err = e.fullScan(&query{soql: "SELECT Id, MasterLabel FROM PermissionSetGroup",
		fields: []field{{path: []string{"Id"}, cat: catID}, {path: []string{"MasterLabel"}}}}); err != nil {
		return
	}
	assignments, err = e.fullScan(&query{soql: "SELECT Id, AssigneeId, Assignee.Username, PermissionSetId, PermissionSetGroupId FROM PermissionSetAssignment" + where,
		fields: []field{{path: []string{"Id"}, cat: catID}, {path: []string{"AssigneeId"}, cat: catID},
			{path: []string{"Assignee", "Username"}}, {path: []string{"PermissionSetId"}, cat: catID}, {path: []string{"PermissionSetGroupId"}, cat: catID}}})
	return sets, groups, assignments, t.perms, err
}

// permissionSetQuery reads every Permissions* boolean this org's
// PermissionSet has; built once, as a join asks for it per outer row.
func (t *userPermissionTable) permissionSetQuery() (*query, error) {
	if t.setsQuery != nil {
		return t.setsQuery, nil
	}
	d, err := t.engine.Client().Describe(t.engine.context(), "PermissionSet", false)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, f := range d.Fields {
		if f.Type == "boolean" && strings.HasPrefix(f.Name, "Permissions") {
			out = append(out, f.Name)
		}
	}
	fields := []field{{path: []string{"Id"}, cat: catID}, {path: []string{"Name"}}, {path: []string{"IsOwnedByProfile"}, cat: catBool},
		{path: []string{"ProfileId"}, cat: catID}, {path: []string{"Profile", "Name"}}}
	for _, f := range out {
		fields = append(fields, field{path: []string{f}, cat: catBool})
	}
	t.perms = out
	t.setsQuery = &query{soql: "SELECT " + fieldList(fields) + " FROM PermissionSet", fields: fields}
	return t.setsQuery, nil
}

func expandPermissions(sets, groups, assignments *scan, perms []string) [][]Value {
	setByID := map[string][]Value{}
	for _, r := range sets.rows {
		setByID[r[0].S] = r
	}
	groupName := map[string]Value{}
	for _, r := range groups.rows {
		groupName[r[0].S] = r[1]
	}
	var out [][]Value
	for _, a := range assignments.rows {
		ps, ok := setByID[a[3].S]
		if !ok {
			continue
		}
		kind, id, name := TextValue("PermissionSet"), ps[0], ps[1]
		switch {
		case ps[2].I == 1:
			kind, id, name = TextValue("Profile"), ps[3], ps[4]
		case a[4].Kind == Text:
			kind, id, name = TextValue("PermissionSetGroup"), a[4], groupName[a[4].S]
		}
		for i, p := range perms {
			if ps[5+i].I == 1 {
				out = append(out, []Value{a[1], a[2], TextValue(strings.TrimPrefix(p, "Permissions")), kind, id, name})
			}
		}
	}
	return out
}

// rowsCursor walks rows computed in one go by fill.
type rowsCursor struct {
	engine *Engine
	fill   func(idxStr string, args []Value) ([][]Value, error)
	rows   [][]Value
	i      int
}

func (c *rowsCursor) Filter(idxStr string, args []Value) error {
	rows, err := c.fill(idxStr, args)
	c.rows, c.i = rows, 0
	return err
}
func (c *rowsCursor) Next() error { c.i++; return nil }
func (c *rowsCursor) EOF() bool   { return c.i >= len(c.rows) }
func (c *rowsCursor) Column(i int) Value {
	if i < len(c.rows[c.i]) {
		return c.rows[c.i][i]
	}
	return Value{}
}
func (c *rowsCursor) RowID() int64 { return rowHash(c.rows[c.i]) }
func (c *rowsCursor) Close()       { c.engine.cursorClosed() }
