package access

import "sort"

// FieldAccess is one user's access to one field.
type FieldAccess struct {
	User       User
	Object     string
	Field      string // Object.Field
	Read, Edit bool   // always on, and only where the object itself is readable (editable)
	Sources    []Source
}

// FieldAccess resolves every user × field some grant reaches: a
// FieldPermissions row of a held set (less its group's muting), or View
// All Fields on the object, which reads every field a grant names there.
func (o *Org) FieldAccess(keep func(user, object, field string) bool) []FieldAccess {
	x := o.index()
	byUser := o.byUser()
	var out []FieldAccess
	for _, u := range o.Users {
		hs := o.holdings(byUser, u.ID)
		for _, object := range x.fieldObjects() {
			var objectRights Rights
			if a, ok := x.resolveObject(u, object, hs); ok {
				objectRights = a.Rights
			}
			for _, field := range x.fieldsOf[object] {
				if keep != nil && !keep(u.ID, object, field) {
					continue
				}
				if a, ok := x.resolveField(u, object, field, hs, objectRights); ok {
					out = append(out, a)
				}
			}
		}
	}
	return out
}

// fieldObjects are the objects some field grant names, sorted.
func (x *index) fieldObjects() []string {
	names := make([]string, 0, len(x.fieldsOf))
	for n := range x.fieldsOf {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// fieldRights is a holding's read and edit of a field, less its muting.
func (x *index) fieldRights(h holding, field string) (read, edit bool) {
	f := x.fields[h.set.ID][field]
	read, edit = f.Read || f.Edit, f.Edit
	for _, m := range h.muting {
		if mf, ok := x.fields[m.ID][field]; ok {
			read, edit = read && !mf.Read, edit && !mf.Edit
		}
	}
	return read, edit && read
}

func (x *index) resolveField(u User, object, field string, hs []holding, objectRights Rights) (FieldAccess, bool) {
	a := FieldAccess{User: u, Object: object, Field: field}
	for _, h := range hs {
		add := func(read, edit bool, via string) {
			if !read {
				return
			}
			s := h.source
			if via != "" {
				s.Via = "implied by " + via + " (" + s.Via + ")"
			}
			s.Rights, s.Session = []string{"read"}, h.session
			if edit {
				s.Rights = append(s.Rights, "edit")
			}
			a.Sources = append(a.Sources, s)
			if !h.session {
				a.Read = a.Read || objectRights.Has(Read)
				a.Edit = a.Edit || edit && objectRights.Has(Edit)
			}
		}
		read, edit := x.fieldRights(h, field)
		add(read, edit, "")
		if x.viewAllFields(h, object) {
			add(true, false, "View All Fields on "+object)
		}
	}
	return a, len(a.Sources) > 0
}

// viewAllFields: the holding's object grant has View All Fields, unmuted.
func (x *index) viewAllFields(h holding, object string) bool {
	if !x.objects[h.set.ID][object].ViewAllFields {
		return false
	}
	for _, m := range h.muting {
		if x.objects[m.ID][object].ViewAllFields {
			return false
		}
	}
	return true
}
