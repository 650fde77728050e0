// Package access resolves who can read, create, edit, delete, view all or
// modify all of each object, and read or edit each field — through the
// profile, every permission set, every permission set group less its
// muting permission sets, and the system permissions that override them —
// and keeps, for every right, the grants it comes from. It is pure: the
// records go in, the answer comes out; vtab feeds it from scans, the
// history store from snapshots.
package access

import (
	"strings"
	"time"
)

// Rights are object rights, as ObjectPermissions names them.
type Rights uint8

// The object rights.
const (
	Read Rights = 1 << iota
	Create
	Edit
	Delete
	ViewAll
	ModifyAll
)

// RightNames are the rights' names, in bit order, as sources list them.
var RightNames = []string{"read", "create", "edit", "delete", "view_all", "modify_all"}

// Has says whether r holds every right of x.
func (r Rights) Has(x Rights) bool { return r&x == x }

// Names lists the rights r holds.
func (r Rights) Names() []string {
	var out []string
	for i, n := range RightNames {
		if r&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// closure adds what Salesforce makes each right depend on: Modify All needs
// View All, Edit and Delete; View All, Create and Edit need Read; Delete
// needs Edit.
func (r Rights) closure() Rights {
	if r.Has(ModifyAll) {
		r |= ViewAll | Edit | Delete
	}
	if r.Has(Delete) {
		r |= Edit
	}
	if r&(ViewAll|Create|Edit) != 0 {
		r |= Read
	}
	return r
}

// Set is a permission set: a profile's own, a regular or session-based
// one, or a muting permission set.
type Set struct {
	ID, Name    string // Name: the label a user knows it by (the profile's name for a profile's set)
	APIName     string // a permission set's Name, which salesforce_user_permission names it by
	ProfileID   string // set for a profile's own permission set
	Session     bool   // HasActivationRequired: on only while a session activates it
	ModifyAll   bool   // PermissionsModifyAllData
	ViewAllData bool   // PermissionsViewAllData
	// Perms are the system permissions it enables, by API name without
	// the Permissions prefix (ModifyAllData), when they were read.
	Perms []string
}

// Group is a permission set group: its permission sets and its muting
// permission sets.
type Group struct {
	ID, Name string
	Sets     []string
	Muting   []string
	Session  bool // HasActivationRequired
}

// Assignment is a PermissionSetAssignment: a set, or a group (Set is then
// the group's own aggregate set, which is not read: its components are).
type Assignment struct {
	User, Set, Group string
	Expires          time.Time // zero: never
}

// ObjectGrant is an ObjectPermissions row: a set's (or muting set's)
// rights on an object.
type ObjectGrant struct {
	Holder, Object string
	Rights         Rights
	ViewAllFields  bool
}

// FieldGrant is a FieldPermissions row; Field is "Object.Field".
type FieldGrant struct {
	Holder, Object, Field string
	Read, Edit            bool
}

// User is who holds the grants.
type User struct {
	ID, Username   string
	Active, Frozen bool
}

// Org is everything the resolution reads.
type Org struct {
	Users       []User
	Sets        map[string]*Set   // permission sets and muting permission sets, by Id
	Groups      map[string]*Group // by Id
	Assignments []Assignment
	Objects     []ObjectGrant
	Fields      []FieldGrant
	Now         time.Time // an assignment that expired before Now does not count
	// Universe, when set, adds objects Modify All Data and View All Data
	// reach beyond those Objects names (a narrowed read sees fewer);
	// FieldUniverse likewise adds the fields View All Fields reads.
	Universe      []string
	FieldUniverse map[string][]string
}

// Source is one grant behind a right.
type Source struct {
	Type    string   `json:"source_type"` // Profile, PermissionSet or PermissionSetGroup
	ID      string   `json:"source_id"`
	Name    string   `json:"source_name"`
	Via     string   `json:"via"`
	Rights  []string `json:"rights"`
	Session bool     `json:"session,omitempty"` // session-based: not counted as always on
}

// AddPart adds a PermissionSetGroupComponent's set to the group: a muting
// permission set (Id prefix 0QM) to Muting, any other to Sets.
func (g *Group) AddPart(setID string) {
	if strings.HasPrefix(setID, "0QM") {
		g.Muting = append(g.Muting, setID)
	} else {
		g.Sets = append(g.Sets, setID)
	}
}
