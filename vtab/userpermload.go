package vtab

import (
	"context"
	"strings"
	"time"

	"github.com/sfsql/sfsql/access"
	"github.com/sfsql/sfsql/soql"
)

// permissionFlags lists the Permissions* booleans of an object's describe.
func (o *org) permissionFlags(ctx context.Context, object string) ([]string, error) {
	d, err := o.client.Describe(ctx, object, false)
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

func (o *org) describes(ctx context.Context, object, field string) bool {
	d, err := o.client.Describe(ctx, object, false)
	if err != nil {
		return false
	}
	for _, f := range d.Fields {
		if strings.EqualFold(f.Name, field) {
			return true
		}
	}
	return field == ""
}

func flagFields(base []field, flags []string) []field {
	out := append([]field(nil), base...)
	for _, f := range flags {
		out = append(out, field{path: []string{f}, cat: catBool})
	}
	return out
}

// permissionQueries builds the scans once.
func (t *userPermissionTable) permissionQueries(ctx context.Context) (*permissionQueries, error) {
	if t.queries != nil {
		return t.queries, nil
	}
	o := t.org
	q := &permissionQueries{setSession: o.describes(ctx, "PermissionSet", "HasActivationRequired"),
		groupSession: o.describes(ctx, "PermissionSetGroup", "HasActivationRequired"),
		expiring:     o.describes(ctx, "PermissionSetAssignment", "ExpirationDate")}
	var err error
	if q.setPerms, err = o.permissionFlags(ctx, "PermissionSet"); err != nil {
		return nil, err
	}
	base := []field{{path: []string{"Id"}, cat: catID}, {path: []string{"Name"}}, {path: []string{"Label"}}, {path: []string{"IsOwnedByProfile"}, cat: catBool},
		{path: []string{"ProfileId"}, cat: catID}, {path: []string{"Profile", "Name"}}, {path: []string{"HasActivationRequired"}, cat: catBool}}
	if !q.setSession {
		base = base[:6]
	}
	q.sets = scanQuery("PermissionSet", flagFields(base, q.setPerms), nil)
	if o.describes(ctx, "MutingPermissionSet", "") {
		if q.mutingPerms, err = o.permissionFlags(ctx, "MutingPermissionSet"); err != nil {
			return nil, err
		}
		q.muting = scanQuery("MutingPermissionSet", flagFields(groupFields, q.mutingPerms), nil)
	}
	gf := groupFields
	if q.groupSession {
		gf = append(append([]field(nil), groupFields...), field{path: []string{"HasActivationRequired"}, cat: catBool})
	}
	q.groups = scanQuery("PermissionSetGroup", gf, nil)
	q.components = scanQuery("PermissionSetGroupComponent", componentFields, nil)
	q.assignments = assignmentFields
	if q.expiring {
		q.assignments = append(append([]field(nil), assignmentFields...), field{path: []string{"ExpirationDate"}, cat: catDateTime})
	}
	t.queries = q
	return q, nil
}

// load reads the scans (assignments and logins narrowed to one user when
// given) into what package access resolves; from are the scans, for the
// memo.
func (t *userPermissionTable) load(ctx context.Context, user string) (org *access.Org, from []*scan, err error) {
	q, err := t.permissionQueries(ctx)
	if err != nil {
		return nil, nil, err
	}
	read := func(qq *query) *scan {
		if err != nil || qq == nil {
			return nil
		}
		var s *scan
		if s, err = t.org.fullScan(ctx, qq); err == nil {
			from = append(from, s)
		}
		return s
	}
	var assignWhere, loginWhere soql.Expr
	if user != "" {
		assignWhere, loginWhere = eq("AssigneeId", user), eq("UserId", user)
	}
	var loginQuery *query
	if t.org.describes(ctx, "UserLogin", "") {
		loginQuery = scanQuery("UserLogin", loginFields, loginWhere)
	}
	sets, groups, parts := read(q.sets), read(q.groups), read(q.components)
	assignments, muting, logins := read(scanQuery("PermissionSetAssignment", q.assignments, assignWhere)), read(q.muting), read(loginQuery)
	if err != nil {
		return nil, nil, err
	}
	org = &access.Org{Sets: map[string]*access.Set{}, Groups: map[string]*access.Group{}, Now: time.Now().UTC()}
	q.readSets(org, sets)
	q.readGroups(org, groups, parts)
	if muting != nil {
		q.readMuting(org, muting)
	}
	frozen := map[string]bool{}
	if logins != nil {
		for _, r := range logins.rows {
			frozen[r[1].S] = r[2].I == 1
		}
	}
	q.readAssignments(org, assignments, frozen)
	return org, from, nil
}

func trimPermissions(names []string, row []Value, at int) []string {
	var out []string
	for i, n := range names {
		if row[at+i].I == 1 {
			out = append(out, strings.TrimPrefix(n, "Permissions"))
		}
	}
	return out
}

func (q *permissionQueries) readSets(org *access.Org, s *scan) {
	at := 7 // Id, Name, Label, IsOwnedByProfile, ProfileId, Profile.Name, HasActivationRequired, then the flags
	if !q.setSession {
		at = 6
	}
	for _, r := range s.rows {
		set := &access.Set{ID: r[0].S, APIName: r[1].S, Name: r[2].S, Session: q.setSession && r[6].I == 1, Perms: trimPermissions(q.setPerms, r, at)}
		if r[3].I == 1 {
			set.ProfileID, set.Name = r[4].S, r[5].S
		}
		org.Sets[set.ID] = set
	}
}

func (q *permissionQueries) readMuting(org *access.Org, s *scan) {
	for _, r := range s.rows {
		org.Sets[r[0].S] = &access.Set{ID: r[0].S, Name: r[1].S, Perms: trimPermissions(q.mutingPerms, r, 2)}
	}
}

func (q *permissionQueries) readGroups(org *access.Org, groups, parts *scan) {
	for _, r := range groups.rows {
		org.Groups[r[0].S] = &access.Group{ID: r[0].S, Name: r[1].S, Session: q.groupSession && r[2].I == 1}
	}
	for _, r := range parts.rows {
		if g := org.Groups[r[1].S]; g != nil {
			g.AddPart(r[2].S)
		}
	}
}

// readAssignments takes the users from their assignments, in order.
func (q *permissionQueries) readAssignments(org *access.Org, s *scan, frozen map[string]bool) {
	seen := map[string]bool{}
	for _, r := range s.rows {
		user := r[1].S
		if !seen[user] {
			seen[user] = true
			org.Users = append(org.Users, access.User{ID: user, Username: r[2].S, Active: r[5].I == 1, Frozen: frozen[user]})
		}
		a := access.Assignment{User: user, Set: r[3].S, Group: r[4].S}
		if q.expiring && r[6].Kind == Text {
			a.Expires, _ = time.Parse(time.RFC3339Nano, r[6].S)
		}
		org.Assignments = append(org.Assignments, a)
	}
}

// sources are the scans .explain shows for the table (unnarrowed).
func (t *userPermissionTable) sources(ctx context.Context) ([]string, error) {
	q, err := t.permissionQueries(ctx)
	if err != nil {
		return nil, err
	}
	out := []string{q.sets.soql, q.groups.soql, q.components.soql, scanQuery("PermissionSetAssignment", q.assignments, nil).soql}
	if q.muting != nil {
		out = append(out, q.muting.soql)
	}
	if t.org.describes(ctx, "UserLogin", "") {
		out = append(out, scanQuery("UserLogin", loginFields, nil).soql)
	}
	return out, nil
}
