package vtab

import (
	"context"
	"strings"

	"github.com/sfsql/sfsql/soql"
)

// UserPermissions computes salesforce_user_permission: every system
// permission each user holds, one row per user × permission × source —
// the profile (through its permission set), a permission set, or a
// permission set group — from three cached scans.
var UserPermissions = &Derivation{Name: "effective permissions", build: func(o *org, spec Spec) VTable {
	return &userPermissionTable{org: o, spec: spec}
}}

type userPermissionTable struct {
	org       *org
	spec      Spec
	memo      *expansion
	perms     []string // the org's Permissions* fields, read once
	setsQuery *query   // the permission set scan over them
}

func (t *userPermissionTable) Schema() string { return t.spec.derivedSchema() }

// BestIndex: user_id (column 0) = a constant narrows the assignment query;
// user_id from a join is a lookup into the expansion of three cached
// scans; SQLite re-checks both. Ids compare exactly only under BINARY, so
// other collations are left to SQLite.
func (t *userPermissionTable) BestIndex(info *IndexInfo) error {
	info.Usage = make([]ConstraintUsage, len(info.Constraints))
	info.Cost, info.Rows, info.IdxStr = 1e6, 100_000, derivedIdx(t.spec.Table, "all")
	for i, c := range info.Constraints {
		binary := c.Collation == "" || strings.EqualFold(c.Collation, "BINARY")
		if c.Usable && c.Column == 0 && c.Op == OpEQ && !c.IsIn && binary {
			info.Usage[i] = ConstraintUsage{ArgvIndex: 1}
			if c.RHS == nil {
				info.Cost, info.Rows, info.IdxStr = 10, 50, derivedIdx(t.spec.Table, "lookup")
			} else {
				info.Cost, info.Rows, info.IdxStr = 3000, 50, derivedIdx(t.spec.Table, "user")
			}
			return nil
		}
	}
	return nil
}

func (t *userPermissionTable) Open() (Cursor, error) {
	return newRowsCursor(t.org.engine, t.rows), nil
}

func (t *userPermissionTable) rows(ctx context.Context, mode string, args []Value) ([][]Value, error) {
	if mode == "lookup" {
		x, err := t.expanded(ctx)
		if err != nil {
			return nil, err
		}
		return x.byUser[args[0].lookupKey()], nil
	}
	var where soql.Expr
	if mode == "user" {
		id := args[0].S
		if args[0].Kind != Text || !isID18(id) {
			return nil, nil
		}
		where = soql.Compare{Path: []string{"AssigneeId"}, Op: "=", Value: soql.Value{Kind: soql.KindString, Str: id}}
	}
	sets, groups, assignments, perms, err := t.scans(ctx, where)
	if err != nil {
		return nil, err
	}
	return expandPermissions(sets, groups, assignments, perms), nil
}

// expansion is the whole table computed from three scans, by user.
type expansion struct {
	from   [3]*scan
	byUser map[string][][]Value
}

// expanded computes the whole table once per set of scans.
func (t *userPermissionTable) expanded(ctx context.Context) (*expansion, error) {
	sets, groups, assignments, perms, err := t.scans(ctx, nil)
	if err != nil {
		return nil, err
	}
	from := [3]*scan{sets, groups, assignments}
	if t.memo != nil && t.memo.from == from {
		return t.memo, nil
	}
	x := &expansion{from: from, byUser: map[string][][]Value{}}
	for _, r := range expandPermissions(sets, groups, assignments, perms) {
		k := r[0].lookupKey()
		x.byUser[k] = append(x.byUser[k], r)
	}
	t.memo = x
	return x, nil
}

var (
	groupFields      = []field{{path: []string{"Id"}, cat: catID}, {path: []string{"MasterLabel"}}}
	assignmentFields = []field{{path: []string{"Id"}, cat: catID}, {path: []string{"AssigneeId"}, cat: catID},
		{path: []string{"Assignee", "Username"}}, {path: []string{"PermissionSetId"}, cat: catID}, {path: []string{"PermissionSetGroupId"}, cat: catID}}
)

func scanQuery(object string, fields []field, where soql.Expr) *query {
	q := soql.Query{Items: fieldItems(fields), From: object, Where: where, Limit: -1, Offset: -1}
	return &query{soql: q.String(), fields: fields}
}

// scans reads permission sets (every Permissions* flag), groups and
// assignments (narrowed by where), through the scan cache.
func (t *userPermissionTable) scans(ctx context.Context, where soql.Expr) (sets, groups, assignments *scan, perms []string, err error) {
	o := t.org
	setsQuery, err := t.permissionSetQuery(ctx)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if sets, err = o.fullScan(ctx, setsQuery); err != nil {
		return
	}
	if groups, err = o.fullScan(ctx, scanQuery("PermissionSetGroup", groupFields, nil)); err != nil {
		return
	}
	assignments, err = o.fullScan(ctx, scanQuery("PermissionSetAssignment", assignmentFields, where))
	return sets, groups, assignments, t.perms, err
}

// permissionSetQuery reads every Permissions* boolean this org's
// PermissionSet has; built once, as a join asks for it per outer row.
func (t *userPermissionTable) permissionSetQuery(ctx context.Context) (*query, error) {
	if t.setsQuery != nil {
		return t.setsQuery, nil
	}
	d, err := t.org.client.Describe(ctx, "PermissionSet", false)
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
	t.setsQuery = scanQuery("PermissionSet", fields, nil)
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

// sources are the scans .explain shows for the table (unnarrowed).
func (t *userPermissionTable) sources(ctx context.Context) ([]string, error) {
	sets, err := t.permissionSetQuery(ctx)
	if err != nil {
		return nil, err
	}
	return []string{sets.soql, scanQuery("PermissionSetGroup", groupFields, nil).soql,
		scanQuery("PermissionSetAssignment", assignmentFields, nil).soql}, nil
}
