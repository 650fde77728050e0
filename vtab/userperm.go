package vtab

import (
	"context"
	"strings"

	"github.com/sfsql/sfsql/access"
	"github.com/sfsql/sfsql/soql"
)

// UserPermissions computes salesforce_user_permission: every system
// permission each user holds, one row per user × permission × source —
// the profile, a permission set, or a permission set group through its
// sets less its muting sets — resolved by package access from cached
// scans. Expired assignments do not count; session-based grants are
// flagged.
var UserPermissions = &Derivation{Name: "effective permissions", build: func(o *org, spec Spec) VTable {
	return &userPermissionTable{org: o, spec: spec}
}}

type userPermissionTable struct {
	org     *org
	spec    Spec
	memo    *expansion
	queries *permissionQueries // built once, as a join asks per outer row
}

func (t *userPermissionTable) Schema() string { return t.spec.derivedSchema() }

// BestIndex: user_id (column 0) = a constant narrows the assignment query;
// user_id from a join is a lookup into the expansion of the cached scans;
// SQLite re-checks both. Ids compare exactly only under BINARY, so other
// collations are left to SQLite.
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
	user := ""
	if mode == "user" {
		if args[0].Kind != Text || !isID18(args[0].S) {
			return nil, nil
		}
		user = args[0].S
	}
	org, _, err := t.load(ctx, user)
	if err != nil {
		return nil, err
	}
	return permissionRows(org), nil
}

func permissionRows(org *access.Org) [][]Value {
	var out [][]Value
	for _, g := range org.SystemPermissions(nil) {
		out = append(out, values(g.Row()))
	}
	return out
}

// expansion is the whole table computed from the scans, by user.
type expansion struct {
	from   []*scan
	byUser map[string][][]Value
}

// expanded computes the whole table once per set of scans.
func (t *userPermissionTable) expanded(ctx context.Context) (*expansion, error) {
	org, from, err := t.load(ctx, "")
	if err != nil {
		return nil, err
	}
	if t.memo != nil && sameScans(t.memo.from, from) {
		return t.memo, nil
	}
	x := &expansion{from: from, byUser: map[string][][]Value{}}
	for _, r := range permissionRows(org) {
		k := r[0].lookupKey()
		x.byUser[k] = append(x.byUser[k], r)
	}
	t.memo = x
	return x, nil
}

var (
	groupFields      = []field{{path: []string{"Id"}, cat: catID}, {path: []string{"MasterLabel"}}}
	componentFields  = []field{{path: []string{"Id"}, cat: catID}, {path: []string{"PermissionSetGroupId"}, cat: catID}, {path: []string{"PermissionSetId"}, cat: catID}}
	assignmentFields = []field{{path: []string{"Id"}, cat: catID}, {path: []string{"AssigneeId"}, cat: catID},
		{path: []string{"Assignee", "Username"}}, {path: []string{"PermissionSetId"}, cat: catID}, {path: []string{"PermissionSetGroupId"}, cat: catID},
		{path: []string{"Assignee", "IsActive"}, cat: catBool}}
	loginFields = []field{{path: []string{"Id"}, cat: catID}, {path: []string{"UserId"}, cat: catID}, {path: []string{"IsFrozen"}, cat: catBool}}
)

func scanQuery(object string, fields []field, where soql.Expr) *query {
	q := soql.Query{Items: fieldItems(fields), From: object, Where: where, Limit: -1, Offset: -1}
	return &query{soql: q.String(), fields: fields}
}

// permissionQueries are the scans the table reads, built from the org's
// describes once.
type permissionQueries struct {
	sets, muting, groups, components *query
	setPerms, mutingPerms            []string
	setSession, groupSession         bool
	expiring                         bool
	assignments                      []field
}
