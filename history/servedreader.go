package history

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sfsql/sfsql/access"
)

// servedReader reads the served temp tables, tolerating a column an older
// snapshot lacks (it reads as 0 or NULL).
type servedReader struct {
	ctx   context.Context
	conn  *sql.Conn
	cols  map[string]map[string]bool
	perms map[string]map[string]string // table → Permissions* column → permission (ModifyAllData)
}

// permissionColumns maps the stored Permissions* columns of the permission
// sets and muting sets to the permissions' API names.
func permissionColumns(shapes map[string]storedShape) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, table := range []string{"salesforce_permission_set", "salesforce_muting_permission_set"} {
		out[table] = map[string]string{}
		for _, c := range shapes[table].Columns {
			if strings.HasPrefix(c.Field, "Permissions") && c.SQLType == "INTEGER" {
				out[table][c.Name] = strings.TrimPrefix(c.Field, "Permissions")
			}
		}
	}
	return out
}

// granted lists the permissions each served set row enables, by Id.
func (r *servedReader) granted(table string) (map[string][]string, error) {
	cols := r.perms[table]
	if len(cols) == 0 || !r.has(table) {
		return nil, nil
	}
	var names []string
	for c := range cols {
		names = append(names, c)
	}
	sort.Strings(names)
	rows, err := r.query(table, append([]string{"id"}, names...)...)
	out := map[string][]string{}
	for _, row := range rows {
		for i, c := range names {
			if row[1+i] == "1" {
				out[row[0]] = append(out[row[0]], cols[c])
			}
		}
	}
	return out, err
}

func (r *servedReader) has(table string) bool {
	_, ok := r.columns(table)
	return ok
}

func (r *servedReader) columns(table string) (map[string]bool, bool) {
	if r.cols == nil {
		r.cols = map[string]map[string]bool{}
	}
	if c, ok := r.cols[table]; ok {
		return c, len(c) > 0
	}
	c := map[string]bool{}
	rows, err := r.conn.QueryContext(r.ctx, "SELECT name FROM pragma_table_info(?, 'temp')", table)
	if err == nil {
		for rows.Next() {
			var n string
			rows.Scan(&n)
			c[n] = true
		}
		rows.Close()
	}
	r.cols[table] = c
	return c, len(c) > 0
}

// query reads columns of a served table as text; a missing column is ”.
func (r *servedReader) query(table string, cols ...string) ([][]string, error) {
	have, ok := r.columns(table)
	if !ok {
		return nil, nil
	}
	exprs := make([]string, len(cols))
	for i, c := range cols {
		exprs[i] = "''"
		if have[c] {
			exprs[i] = "coalesce(cast(" + ident(c) + " AS TEXT), '')"
		}
	}
	rows, err := r.conn.QueryContext(r.ctx, "SELECT "+strings.Join(exprs, ", ")+" FROM temp."+ident(table))
	if err != nil {
		return nil, fmt.Errorf("read served %s: %w", table, err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		vals := make([]string, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}

func (r *servedReader) org(at time.Time) (*access.Org, error) {
	org := &access.Org{Sets: map[string]*access.Set{}, Groups: map[string]*access.Group{}, Now: at}
	for _, step := range []func(*access.Org) error{r.users, r.sets, r.groups, r.assignments, r.grants} {
		if err := step(org); err != nil {
			return nil, err
		}
	}
	return org, nil
}

func (r *servedReader) users(org *access.Org) error {
	logins, err := r.query("salesforce_user_login", "user_id", "is_frozen")
	if err != nil {
		return err
	}
	frozen := map[string]bool{}
	for _, l := range logins {
		frozen[l[0]] = l[1] == "1"
	}
	users, err := r.query("salesforce_user", "id", "username", "is_active")
	for _, u := range users {
		org.Users = append(org.Users, access.User{ID: u[0], Username: u[1], Active: u[2] == "1", Frozen: frozen[u[0]]})
	}
	return err
}

func (r *servedReader) sets(org *access.Org) error {
	sets, err := r.query("salesforce_permission_set", "id", "label", "is_owned_by_profile", "profile_id", "profile_name",
		"permissions_modify_all_data", "permissions_view_all_data", "has_activation_required", "name")
	if err != nil {
		return err
	}
	perms, err := r.granted("salesforce_permission_set")
	if err != nil {
		return err
	}
	for _, s := range sets {
		set := &access.Set{ID: s[0], Name: s[1], APIName: s[8], ModifyAll: s[5] == "1", ViewAllData: s[6] == "1", Session: s[7] == "1", Perms: perms[s[0]]}
		if s[2] == "1" {
			set.ProfileID, set.Name = s[3], s[4]
		}
		org.Sets[set.ID] = set
	}
	mutingPerms, err := r.granted("salesforce_muting_permission_set")
	if err != nil {
		return err
	}
	muting, err := r.query("salesforce_muting_permission_set", "id", "master_label", "permissions_modify_all_data", "permissions_view_all_data")
	for _, m := range muting {
		org.Sets[m[0]] = &access.Set{ID: m[0], Name: m[1], ModifyAll: m[2] == "1", ViewAllData: m[3] == "1", Perms: mutingPerms[m[0]]}
	}
	return err
}

func (r *servedReader) groups(org *access.Org) error {
	groups, err := r.query("salesforce_permission_set_group", "id", "master_label", "has_activation_required")
	if err != nil {
		return err
	}
	for _, g := range groups {
		org.Groups[g[0]] = &access.Group{ID: g[0], Name: g[1], Session: g[2] == "1"}
	}
	parts, err := r.query("salesforce_permission_set_group_component", "permission_set_group_id", "permission_set_id")
	for _, p := range parts {
		if g := org.Groups[p[0]]; g != nil {
			g.AddPart(p[1])
		}
	}
	return err
}

func (r *servedReader) assignments(org *access.Org) error {
	rows, err := r.query("salesforce_permission_set_assignment", "assignee_id", "permission_set_id", "permission_set_group_id", "expiration_date")
	for _, a := range rows {
		as := access.Assignment{User: a[0], Set: a[1], Group: a[2]}
		if a[3] != "" {
			as.Expires, _ = time.Parse(time.RFC3339Nano, a[3])
		}
		org.Assignments = append(org.Assignments, as)
	}
	return err
}

func (r *servedReader) grants(org *access.Org) error {
	objects, err := r.query("salesforce_object_permissions", "parent_id", "sobject_type", "permissions_read", "permissions_create", "permissions_edit",
		"permissions_delete", "permissions_view_all_records", "permissions_modify_all_records", "permissions_view_all_fields")
	if err != nil {
		return err
	}
	for _, o := range objects {
		g := access.ObjectGrant{Holder: o[0], Object: o[1], ViewAllFields: o[8] == "1"}
		for i, right := range []access.Rights{access.Read, access.Create, access.Edit, access.Delete, access.ViewAll, access.ModifyAll} {
			if o[2+i] == "1" {
				g.Rights |= right
			}
		}
		org.Objects = append(org.Objects, g)
	}
	fields, err := r.query("salesforce_field_permissions", "parent_id", "sobject_type", "field", "permissions_read", "permissions_edit")
	for _, f := range fields {
		org.Fields = append(org.Fields, access.FieldGrant{Holder: f[0], Object: f[1], Field: f[2], Read: f[3] == "1", Edit: f[4] == "1"})
	}
	return err
}
