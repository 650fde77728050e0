package vtab

import (
	"strings"

	"github.com/sfsql/sfsql/access"
	"github.com/sfsql/sfsql/soql"
)

// holders are the sets a narrowed read needs the grants of: what the
// user's assignments reach, groups' parts and muting sets included.
func holders(org *access.Org) []string {
	seen := map[string]bool{}
	var out []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, a := range org.Assignments {
		add(a.Set)
		if g := org.Groups[a.Group]; g != nil {
			for _, id := range append(append([]string{}, g.Sets...), g.Muting...) {
				add(id)
			}
		}
	}
	return out
}

var objectGrantFields = accessFields("Id:id", "ParentId:id", "SobjectType", "PermissionsRead:bool", "PermissionsCreate:bool", "PermissionsEdit:bool",
	"PermissionsDelete:bool", "PermissionsViewAllRecords:bool", "PermissionsModifyAllRecords:bool", "PermissionsViewAllFields:bool")

// grantWhere narrows a read of grants; none: the user holds no set, so
// there is nothing to read.
func (l *accessLoader) grantWhere(org *access.Org, object string) (where soql.Expr, none bool) {
	var conds []soql.Expr
	if ids := holders(org); l.f.byUser() && len(ids) <= maxHolderIDs {
		if len(ids) == 0 {
			return nil, true
		}
		conds = append(conds, in("ParentId", ids))
	}
	if object != "" {
		conds = append(conds, eq("SobjectType", object))
	}
	return soql.AndAll(conds), false
}

func (l *accessLoader) objectGrants(org *access.Org) error {
	where, none := l.grantWhere(org, l.f.object)
	if none {
		return nil
	}
	rows, err := l.scan("ObjectPermissions", objectGrantFields, where)
	if err != nil {
		return err
	}
	for _, r := range rows.rows {
		g := access.ObjectGrant{Holder: r[1].S, Object: r[2].S, ViewAllFields: r[9].I == 1}
		for i, right := range []access.Rights{access.Read, access.Create, access.Edit, access.Delete, access.ViewAll, access.ModifyAll} {
			if r[3+i].I == 1 {
				g.Rights |= right
			}
		}
		org.Objects = append(org.Objects, g)
	}
	return l.universe(org)
}

// universe: Modify All Data and View All Data reach every object some
// grant of the org names, not only those the narrowed read saw.
func (l *accessLoader) universe(org *access.Org) error {
	if !l.f.byUser() || !holdsOrgWide(org) {
		return nil
	}
	var where soql.Expr
	if l.f.object != "" {
		where = eq("SobjectType", l.f.object)
	}
	rows, err := l.scan("ObjectPermissions", accessFields("Id:id", "SobjectType"), where)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, r := range rows.rows {
		if !seen[r[1].S] {
			seen[r[1].S] = true
			org.Universe = append(org.Universe, r[1].S)
		}
	}
	return nil
}

func holdsOrgWide(org *access.Org) bool {
	for _, a := range org.Assignments {
		ids := []string{a.Set}
		if g := org.Groups[a.Group]; g != nil {
			ids = g.Sets
		}
		for _, id := range ids {
			if s := org.Sets[id]; s != nil && (s.ModifyAll || s.ViewAllData) {
				return true
			}
		}
	}
	return false
}

var fieldGrantFields = accessFields("Id:id", "ParentId:id", "SobjectType", "Field", "PermissionsRead:bool", "PermissionsEdit:bool")

func (l *accessLoader) fieldGrants(org *access.Org) error {
	object := l.f.object
	if object == "" && l.f.field != "" {
		object, _, _ = strings.Cut(l.f.field, ".")
	}
	where, none := l.grantWhere(org, object)
	if none {
		return nil
	}
	if l.f.field != "" {
		where = soql.AndAll([]soql.Expr{where, eq("Field", l.f.field)})
	}
	rows, err := l.scan("FieldPermissions", fieldGrantFields, where)
	if err != nil {
		return err
	}
	for _, r := range rows.rows {
		org.Fields = append(org.Fields, access.FieldGrant{Holder: r[1].S, Object: r[2].S, Field: r[3].S, Read: r[4].I == 1, Edit: r[5].I == 1})
	}
	return l.fieldUniverse(org)
}

// fieldUniverse: View All Fields reads every field some grant of the org
// names on the object, not only those the narrowed read saw.
func (l *accessLoader) fieldUniverse(org *access.Org) error {
	if !l.f.byUser() {
		return nil
	}
	var objects []string
	for _, g := range org.Objects {
		if g.ViewAllFields {
			objects = append(objects, g.Object)
		}
	}
	if len(objects) == 0 {
		return nil
	}
	where := in("SobjectType", objects)
	if l.f.field != "" {
		where = soql.AndAll([]soql.Expr{where, eq("Field", l.f.field)})
	}
	rows, err := l.scan("FieldPermissions", accessFields("Id:id", "SobjectType", "Field"), where)
	if err != nil {
		return err
	}
	org.FieldUniverse = map[string][]string{}
	seen := map[string]bool{}
	for _, r := range rows.rows {
		if !seen[r[2].S] {
			seen[r[2].S] = true
			org.FieldUniverse[r[1].S] = append(org.FieldUniverse[r[1].S], r[2].S)
		}
	}
	return nil
}
