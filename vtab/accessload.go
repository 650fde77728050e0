package vtab

import (
	"context"
	"errors"
	"maps"
	"strings"
	"sync"
	"time"

	"github.com/sfsql/sfsql/access"
	"github.com/sfsql/sfsql/soql"
)

// accessFilter narrows what an access table reads: one user (by Id or
// username), one object, one field.
type accessFilter struct {
	userID, username, object, field string
}

func (f accessFilter) byUser() bool { return f.userID != "" || f.username != "" }

// maxHolderIDs bounds the ParentId IN list of a narrowed read; a user
// holding more sets reads the grants whole.
const maxHolderIDs = 200

func eq(path, value string) soql.Expr {
	return soql.Compare{Path: strings.Split(path, "."), Op: "=", Value: soql.Value{Kind: soql.KindString, Str: value}}
}

func in(path string, values []string) soql.Expr {
	vs := make([]soql.Value, len(values))
	for i, v := range values {
		vs[i] = soql.Value{Kind: soql.KindString, Str: v}
	}
	return soql.In{Path: []string{path}, Values: vs}
}

func accessFields(specs ...string) []field {
	out := make([]field, len(specs))
	for i, s := range specs {
		name, cat, _ := strings.Cut(s, ":")
		out[i] = field{path: strings.Split(name, ".")}
		switch cat {
		case "id":
			out[i].cat = catID
		case "bool":
			out[i].cat = catBool
		case "time":
			out[i].cat = catDateTime
		}
	}
	return out
}

// accessLoader reads the grants an access table resolves, through the
// scan cache: the sets, groups and their parts whole (they are few), and
// users, assignments and permissions narrowed by the filter.
type accessLoader struct {
	o      *org
	ctx    context.Context
	f      accessFilter
	fields bool // the field table: FieldPermissions too
	mu     sync.Mutex
	used   []*scan // the scans read: the same ones give the same answer
}

func (l *accessLoader) scan(object string, fields []field, where soql.Expr) (*scan, error) {
	s, err := l.o.fullScan(l.ctx, scanQuery(object, fields, where))
	if err == nil {
		l.mu.Lock()
		l.used = append(l.used, s)
		l.mu.Unlock()
	}
	return s, err
}

// has says whether the org has an object (MutingPermissionSet came in
// API 46), or a field of one.
func (l *accessLoader) has(object, fieldName string) bool {
	return l.o.describes(l.ctx, object, fieldName)
}

// load reads what the resolution needs: the user, the sets, muting sets
// and groups at once (none needs another), then the assignments, then the
// grants of what they reach.
func (l *accessLoader) load() (*access.Org, error) {
	org := &access.Org{Sets: map[string]*access.Set{}, Groups: map[string]*access.Group{}, Now: time.Now().UTC()}
	muting := &access.Org{Sets: map[string]*access.Set{}}
	first := []func() error{func() error { return l.users(org) }, func() error { return l.sets(org) },
		func() error { return l.groups(org) }, func() error { return l.mutingSets(muting) }}
	errs := make([]error, len(first))
	var wg sync.WaitGroup
	for i, step := range first {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = step() }()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	maps.Copy(org.Sets, muting.Sets)
	steps := []func(*access.Org) error{l.assignments, l.objectGrants}
	if l.fields {
		steps = append(steps, l.fieldGrants)
	}
	for _, step := range steps {
		if err := step(org); err != nil {
			return nil, err
		}
	}
	return org, nil
}

func (l *accessLoader) users(org *access.Org) error {
	var where soql.Expr
	switch {
	case l.f.userID != "":
		where = eq("Id", l.f.userID)
	case l.f.username != "":
		where = eq("Username", l.f.username)
	}
	users, err := l.scan("User", accessFields("Id:id", "Username", "IsActive:bool"), where)
	if err != nil {
		return err
	}
	var loginWhere soql.Expr
	if l.f.byUser() {
		if len(users.rows) == 0 {
			return nil
		}
		l.f.userID, l.f.username = users.rows[0][0].S, "" // the rest reads by Id
		loginWhere = eq("UserId", l.f.userID)
	}
	frozen := map[string]bool{}
	if l.has("UserLogin", "") {
		logins, err := l.scan("UserLogin", accessFields("Id:id", "UserId:id", "IsFrozen:bool"), loginWhere)
		if err != nil {
			return err
		}
		for _, r := range logins.rows {
			frozen[r[1].S] = r[2].I == 1
		}
	}
	for _, r := range users.rows {
		org.Users = append(org.Users, access.User{ID: r[0].S, Username: r[1].S, Active: r[2].I == 1, Frozen: frozen[r[0].S]})
	}
	return nil
}

func (l *accessLoader) sets(org *access.Org) error {
	session := l.has("PermissionSet", "HasActivationRequired")
	specs := []string{"Id:id", "Label", "IsOwnedByProfile:bool", "ProfileId:id", "Profile.Name", "PermissionsModifyAllData:bool", "PermissionsViewAllData:bool"}
	if session {
		specs = append(specs, "HasActivationRequired:bool")
	}
	sets, err := l.scan("PermissionSet", accessFields(specs...), nil)
	if err != nil {
		return err
	}
	for _, r := range sets.rows {
		s := &access.Set{ID: r[0].S, Name: r[1].S, ModifyAll: r[5].I == 1, ViewAllData: r[6].I == 1, Session: session && r[7].I == 1}
		if r[2].I == 1 {
			s.ProfileID, s.Name = r[3].S, r[4].S
		}
		org.Sets[s.ID] = s
	}
	return nil
}

func (l *accessLoader) mutingSets(org *access.Org) error {
	if !l.has("MutingPermissionSet", "") {
		return nil
	}
	rows, err := l.scan("MutingPermissionSet", accessFields("Id:id", "MasterLabel", "PermissionsModifyAllData:bool", "PermissionsViewAllData:bool"), nil)
	if err != nil {
		return err
	}
	for _, r := range rows.rows {
		org.Sets[r[0].S] = &access.Set{ID: r[0].S, Name: r[1].S, ModifyAll: r[2].I == 1, ViewAllData: r[3].I == 1}
	}
	return nil
}

func (l *accessLoader) groups(org *access.Org) error {
	specs := []string{"Id:id", "MasterLabel"}
	session := l.has("PermissionSetGroup", "HasActivationRequired")
	if session {
		specs = append(specs, "HasActivationRequired:bool")
	}
	groups, err := l.scan("PermissionSetGroup", accessFields(specs...), nil)
	if err != nil {
		return err
	}
	for _, r := range groups.rows {
		org.Groups[r[0].S] = &access.Group{ID: r[0].S, Name: r[1].S, Session: session && r[2].I == 1}
	}
	parts, err := l.scan("PermissionSetGroupComponent", accessFields("Id:id", "PermissionSetGroupId:id", "PermissionSetId:id"), nil)
	if err != nil {
		return err
	}
	for _, r := range parts.rows {
		g := org.Groups[r[1].S]
		if g == nil {
			continue
		}
		g.AddPart(r[2].S)
	}
	return nil
}

func (l *accessLoader) assignments(org *access.Org) error {
	var where soql.Expr
	switch {
	case l.f.byUser() && len(org.Users) == 0:
		return nil // no such user
	case l.f.userID != "":
		where = eq("AssigneeId", l.f.userID)
	}
	specs := []string{"Id:id", "AssigneeId:id", "PermissionSetId:id", "PermissionSetGroupId:id"}
	expiring := l.has("PermissionSetAssignment", "ExpirationDate")
	if expiring {
		specs = append(specs, "ExpirationDate:time")
	}
	rows, err := l.scan("PermissionSetAssignment", accessFields(specs...), where)
	if err != nil {
		return err
	}
	for _, r := range rows.rows {
		a := access.Assignment{User: r[1].S, Set: r[2].S, Group: r[3].S}
		if expiring && r[4].Kind == Text {
			a.Expires, _ = time.Parse(time.RFC3339Nano, strings.Replace(r[4].S, ".000Z", "Z", 1))
		}
		org.Assignments = append(org.Assignments, a)
	}
	return nil
}
