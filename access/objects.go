package access

import "sort"

// ObjectAccess is one user's rights on one object.
type ObjectAccess struct {
	User    User
	Object  string
	Rights  Rights   // always on: session-based grants are only in Sources
	Sources []Source // every grant behind a right, session-based ones flagged
}

// index is the grants by holder, built once per resolution.
type index struct {
	objects  map[string]map[string]ObjectGrant // holder → object → grant
	fields   map[string]map[string]FieldGrant  // holder → field → grant
	names    []string                          // every object some grant names, sorted
	fieldsOf map[string][]string               // object → every field some grant names, sorted
}

func (o *Org) index() *index {
	x := &index{objects: map[string]map[string]ObjectGrant{}, fields: map[string]map[string]FieldGrant{}, fieldsOf: map[string][]string{}}
	seen := map[string]bool{}
	for _, g := range o.Objects {
		if x.objects[g.Holder] == nil {
			x.objects[g.Holder] = map[string]ObjectGrant{}
		}
		prev := x.objects[g.Holder][g.Object]
		x.objects[g.Holder][g.Object] = ObjectGrant{Holder: g.Holder, Object: g.Object, Rights: prev.Rights | g.Rights, ViewAllFields: prev.ViewAllFields || g.ViewAllFields}
		if !seen[g.Object] {
			seen[g.Object] = true
			x.names = append(x.names, g.Object)
		}
	}
	for _, name := range o.Universe {
		if !seen[name] {
			seen[name] = true
			x.names = append(x.names, name)
		}
	}
	sort.Strings(x.names)
	seenField := map[string]bool{}
	for _, f := range o.Fields {
		if x.fields[f.Holder] == nil {
			x.fields[f.Holder] = map[string]FieldGrant{}
		}
		prev := x.fields[f.Holder][f.Field]
		x.fields[f.Holder][f.Field] = FieldGrant{Holder: f.Holder, Object: f.Object, Field: f.Field, Read: prev.Read || f.Read, Edit: prev.Edit || f.Edit}
		if !seenField[f.Field] {
			seenField[f.Field] = true
			x.fieldsOf[f.Object] = append(x.fieldsOf[f.Object], f.Field)
		}
	}
	for object, fields := range o.FieldUniverse {
		for _, f := range fields {
			if !seenField[f] {
				seenField[f] = true
				x.fieldsOf[object] = append(x.fieldsOf[object], f)
			}
		}
	}
	for _, fs := range x.fieldsOf {
		sort.Strings(fs)
	}
	return x
}

// objectRights is what a holding gives on an object: its own grant with
// what each right depends on, less what its group mutes.
func (x *index) objectRights(h holding, object string) Rights {
	r := x.objects[h.set.ID][object].Rights.closure()
	for _, m := range h.muting {
		r &^= x.objects[m.ID][object].Rights
	}
	return restrict(r)
}

// restrict drops a right whose prerequisite is gone (muted).
func restrict(r Rights) Rights {
	if !r.Has(Read) {
		return 0
	}
	if !r.Has(Edit) {
		r &^= Delete | ModifyAll
	}
	if !r.Has(ViewAll) || !r.Has(Delete) {
		r &^= ModifyAll
	}
	return r
}

// ObjectAccess resolves every user × object some grant reaches (keep
// narrows it), in user order, objects sorted.
func (o *Org) ObjectAccess(keep func(user, object string) bool) []ObjectAccess {
	x := o.index()
	byUser := o.byUser()
	var out []ObjectAccess
	for _, u := range o.Users {
		hs := o.holdings(byUser, u.ID)
		for _, object := range x.names {
			if keep != nil && !keep(u.ID, object) {
				continue
			}
			if a, ok := x.resolveObject(u, object, hs); ok {
				out = append(out, a)
			}
		}
	}
	return out
}

func (o *Org) byUser() map[string][]Assignment {
	m := map[string][]Assignment{}
	for _, a := range o.Assignments {
		m[a.User] = append(m[a.User], a)
	}
	return m
}

// resolveObject gathers each holding's rights on the object: its grant,
// and Modify All Data or View All Data, which reach every object.
func (x *index) resolveObject(u User, object string, hs []holding) (ObjectAccess, bool) {
	a := ObjectAccess{User: u, Object: object}
	for _, h := range hs {
		add := func(r Rights, via string) {
			if r == 0 {
				return
			}
			s := h.source
			if via != "" {
				s.Via = "implied by " + via + " (" + s.Via + ")"
			}
			s.Rights, s.Session = r.Names(), h.session
			a.Sources = append(a.Sources, s)
			if !h.session {
				a.Rights |= r
			}
		}
		add(x.objectRights(h, object), "")
		switch {
		case h.systemPermission(modifyAllData):
			add(Read|Create|Edit|Delete|ViewAll|ModifyAll, "Modify All Data")
		case h.systemPermission(viewAllData):
			add(Read|ViewAll, "View All Data")
		}
	}
	return a, len(a.Sources) > 0
}
