package access

import "time"

// Explanation is why a user has (or lacks) rights on an object: the
// grants, and what does not count — a group's muting, an expired
// assignment, a session-based set.
type Explanation struct {
	User    User
	Object  string
	Rights  Rights
	Sources []Source
	Muted   []Muted
	Expired []Expired
}

// Muted is what a group's muting permission set takes from one of its sets.
type Muted struct {
	Group, Muting, Set string
	Rights             Rights
}

// Expired is an assignment that no longer counts.
type Expired struct {
	Name string // the set's or the group's
	At   time.Time
}

// Explain explains one user's access to one object.
func (o *Org) Explain(userID, object string) (Explanation, bool) {
	var u *User
	for i := range o.Users {
		if o.Users[i].ID == userID {
			u = &o.Users[i]
		}
	}
	if u == nil {
		return Explanation{}, false
	}
	x := o.index()
	byUser := o.byUser()
	ex := Explanation{User: *u, Object: object}
	if a, ok := x.resolveObject(*u, object, o.holdings(byUser, u.ID)); ok {
		ex.Rights, ex.Sources = a.Rights, a.Sources
	}
	for _, a := range byUser[u.ID] {
		if !a.Expires.IsZero() && !a.Expires.After(o.Now) {
			ex.Expired = append(ex.Expired, Expired{Name: o.assignmentName(a), At: a.Expires})
			continue
		}
		if g := o.Groups[a.Group]; g != nil {
			ex.Muted = append(ex.Muted, x.muted(o, g, object)...)
		}
	}
	return ex, true
}

func (o *Org) assignmentName(a Assignment) string {
	if g := o.Groups[a.Group]; g != nil {
		return "permission set group " + g.Name
	}
	if s := o.Sets[a.Set]; s != nil {
		return "permission set " + s.Name
	}
	return a.Set
}

// muted lists, per set of the group, the rights on the object its muting
// sets take away.
func (x *index) muted(o *Org, g *Group, object string) []Muted {
	var out []Muted
	for _, h := range o.groupHoldings(g) {
		full := restrict(x.objects[h.set.ID][object].Rights.closure())
		for _, m := range h.muting {
			if lost := full & x.objects[m.ID][object].Rights; lost != 0 {
				out = append(out, Muted{Group: g.Name, Muting: m.Name, Set: h.set.Name, Rights: lost})
			}
		}
	}
	return out
}
