package access

import "strings"

// PermissionGrant is one system permission a user holds from one source:
// a row of salesforce_user_permission.
type PermissionGrant struct {
	User       User
	Permission string // API name without the Permissions prefix
	Source     Source // Rights empty; Session: not counted as always on
}

// SystemPermissions resolves the system permissions each user holds, one
// grant per user × permission × source (the profile, a permission set, a
// group — through its sets, less its muting sets), expired assignments
// left out. keep narrows the users (nil: all).
func (o *Org) SystemPermissions(keep func(user string) bool) []PermissionGrant {
	byUser := o.byUser()
	var out []PermissionGrant
	for _, u := range o.Users {
		if keep != nil && !keep(u.ID) {
			continue
		}
		for _, a := range byUser[u.ID] {
			if !a.Expires.IsZero() && !a.Expires.After(o.Now) {
				continue
			}
			if g := o.Groups[a.Group]; a.Group != "" && g != nil {
				out = append(out, o.groupPermissions(u, g)...)
			} else if s := o.Sets[a.Set]; s != nil {
				src := sessionSource(setHolding(s))
				if src.Type == "PermissionSet" && s.APIName != "" {
					src.Name = s.APIName
				}
				for _, p := range s.Perms {
					out = append(out, PermissionGrant{User: u, Permission: p, Source: src})
				}
			}
		}
	}
	return out
}

func sessionSource(h holding) Source {
	s := h.source
	s.Session = h.session
	return s
}

// groupPermissions: a permission through a group is one grant naming the
// group's sets that give it, unless a muting set of the group mutes it.
func (o *Org) groupPermissions(u User, g *Group) []PermissionGrant {
	muted := map[string]bool{}
	for _, id := range g.Muting {
		if m := o.Sets[id]; m != nil {
			for _, p := range m.Perms {
				muted[p] = true
			}
		}
	}
	type via struct {
		sets    []string
		session bool // every set that gives it is session-based
	}
	by := map[string]*via{}
	var order []string
	for _, id := range g.Sets {
		s := o.Sets[id]
		if s == nil {
			continue
		}
		for _, p := range s.Perms {
			if muted[p] {
				continue
			}
			v := by[p]
			if v == nil {
				v = &via{session: true}
				by[p] = v
				order = append(order, p)
			}
			v.sets = append(v.sets, s.Name)
			v.session = v.session && s.Session
		}
	}
	var out []PermissionGrant
	for _, p := range order {
		v := by[p]
		text := "through permission set " + strings.Join(v.sets, ", ") + " in the group"
		session := g.Session || v.session
		if session {
			text += ", session-based"
		}
		out = append(out, PermissionGrant{User: u, Permission: p,
			Source: Source{Type: "PermissionSetGroup", ID: g.ID, Name: g.Name, Via: text, Session: session}})
	}
	return out
}

// Row is the grant as salesforce_user_permission's columns: user_id,
// username, permission, source_type, source_id, source_name, via,
// session, is_active, is_frozen.
func (p PermissionGrant) Row() []any {
	return []any{p.User.ID, p.User.Username, p.Permission, p.Source.Type, p.Source.ID, p.Source.Name, p.Source.Via,
		bit(p.Source.Session), bit(p.User.Active), bit(p.User.Frozen)}
}
