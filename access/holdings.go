package access

// holding is one permission set a user holds, and how: through the
// profile, an assignment of the set, or a group less its muting sets.
type holding struct {
	set     *Set
	source  Source // Type, ID, Name and Via of the grant, Rights empty
	session bool
	muting  []*Set // the muting sets of the group it came through
}

// holdings are what a user's assignments give, expired ones left out.
func (o *Org) holdings(byUser map[string][]Assignment, user string) []holding {
	var out []holding
	for _, a := range byUser[user] {
		if !a.Expires.IsZero() && !a.Expires.After(o.Now) {
			continue // expired: Salesforce removes it, and it grants nothing meanwhile
		}
		if g := o.Groups[a.Group]; a.Group != "" && g != nil {
			out = append(out, o.groupHoldings(g)...)
			continue
		}
		if s := o.Sets[a.Set]; s != nil {
			out = append(out, setHolding(s))
		}
	}
	return out
}

func setHolding(s *Set) holding {
	if s.ProfileID != "" {
		return holding{set: s, source: Source{Type: "Profile", ID: s.ProfileID, Name: s.Name, Via: "profile"}}
	}
	via := "assigned"
	if s.Session {
		via = "assigned, session-based"
	}
	return holding{set: s, source: Source{Type: "PermissionSet", ID: s.ID, Name: s.Name, Via: via}, session: s.Session}
}

// groupHoldings: each permission set of the group, muted by the group's
// muting sets.
func (o *Org) groupHoldings(g *Group) []holding {
	var muting []*Set
	for _, id := range g.Muting {
		if m := o.Sets[id]; m != nil {
			muting = append(muting, m)
		}
	}
	var out []holding
	for _, id := range g.Sets {
		s := o.Sets[id]
		if s == nil {
			continue
		}
		via := "through permission set " + s.Name + " in the group"
		if g.Session || s.Session {
			via += ", session-based"
		}
		out = append(out, holding{set: s, muting: muting, session: g.Session || s.Session,
			source: Source{Type: "PermissionSetGroup", ID: g.ID, Name: g.Name, Via: via}})
	}
	return out
}

// systemPermission says whether the holding grants a system permission
// that is not muted in its group.
func (h holding) systemPermission(get func(*Set) bool) bool {
	if !get(h.set) {
		return false
	}
	for _, m := range h.muting {
		if get(m) {
			return false
		}
	}
	return true
}

func modifyAllData(s *Set) bool { return s.ModifyAll }
func viewAllData(s *Set) bool   { return s.ViewAllData }
