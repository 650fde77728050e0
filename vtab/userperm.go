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
type userPermissionTable struct{ engine *Engine }

func newUserPermissionTable(e *Engine) *userPermissionTable { return &userPermissionTable{engine: e} }

func (t *userPermissionTable) Schema() string {
	return "CREATE TABLE x(user_id TEXT, username TEXT, permission TEXT, source_type TEXT, source_id TEXT, source_name TEXT)"
}

// BestIndex takes user_id = value into the assignment query (SQLite
// re-checks); everything else is computed from three scans.
func (t *userPermissionTable) BestIndex(info *IndexInfo) error {
	info.Usage = make([]ConstraintUsage, len(info.Constraints))
	info.Cost, info.Rows, info.IdxStr = 1e6, 100_000, "all"
	for i, c := range info.Constraints {
		if c.Usable && c.Column == 0 && c.Op == OpEQ && !c.IsIn {
			info.Usage[i] = ConstraintUsage{ArgvIndex: 1}
			info.Cost, info.Rows, info.IdxStr = 3000, 50, "user"
			return nil
		}
	}
	return nil
}

func (t *userPermissionTable) Open() (Cursor, error) { return &rowsCursor{fill: t.rows}, nil }

func (t *userPermissionTable) rows(idxStr string, args []Value) ([][]Value, error) {
	e := t.engine
	permFields, err := t.permissionFields()
	if err != nil {
		return nil, err
	}
	psFields := []field{{path: []string{"Id"}, cat: catID}, {path: []string{"Name"}}, {path: []string{"IsOwnedByProfile"}, cat: catBool},
		{path: []string{"ProfileId"}, cat: catID}, {path: []string{"Profile", "Name"}}}
	for _, f := range permFields {
		psFields = append(psFields, field{path: []string{f}, cat: catBool})
	}
	sets, err := e.fullScan(&query{soql: "SELECT " + fieldList(psFields) + " FROM PermissionSet", fields: psFields})
	if err != nil {
		return nil, err
	}
	groups, err := e.fullScan(&query{soql: "SELECT Id, MasterLabel FROM PermissionSetGroup",
		fields: []field{{path: []string{"Id"}, cat: catID}, {path: []string{"MasterLabel"}}}})
	if err != nil {
		return nil, err
	}
	psaSOQL := "SELECT Id, AssigneeId, Assignee.Username, PermissionSetId, PermissionSetGroupId FROM PermissionSetAssignment"
	if idxStr == "user" {
		id, ok := args[0].text()
		if !ok || !isID18(id) {
			return nil, nil
		}
		psaSOQL += " WHERE AssigneeId = " + soql.String(id)
	}
	assignments, err := e.fullScan(&query{soql: psaSOQL, fields: []field{{path: []string{"Id"}, cat: catID}, {path: []string{"AssigneeId"}, cat: catID},
		{path: []string{"Assignee", "Username"}}, {path: []string{"PermissionSetId"}, cat: catID}, {path: []string{"PermissionSetGroupId"}, cat: catID}}})
	if err != nil {
		return nil, err
	}
	return expandPermissions(sets, groups, assignments, permFields), nil
}

// permissionFields lists the Permissions* booleans this org's PermissionSet has.
func (t *userPermissionTable) permissionFields() ([]string, error) {
	d, err := t.engine.opts.Client.Describe(t.engine.context(), "PermissionSet", false)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range d.Fields {
		if f.Type == "boolean" && strings.HasPrefix(f.Name, "Permissions") {
			out = append(out, f.Name)
		}
	}
	return out, nil
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
	fill func(idxStr string, args []Value) ([][]Value, error)
	rows [][]Value
	i    int
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
func (c *rowsCursor) Close()       {}
