package tables

import "github.com/sfsql/sfsql/vtab"

var accessUserColumns = []vtab.Column{
	{Name: "user_id", SQLType: "TEXT", Doc: "the user"},
	{Name: "username", SQLType: "TEXT", Doc: "the user's username"},
	{Name: "is_active", SQLType: "INTEGER", Doc: "1 for an active user (an inactive user's grants are listed, flagged)"},
	{Name: "is_frozen", SQLType: "INTEGER", Doc: "1 for a frozen user (UserLogin.IsFrozen)"},
	{Name: "sobject_type", SQLType: "TEXT", Doc: "the object"},
}

const sourcesDoc = "JSON list of the grants behind the rights: {source_type (Profile, PermissionSet, PermissionSetGroup), source_id, " +
	"source_name, via, rights, session}; via says how (profile, assigned, through a permission set in a group, Modify All Data …); " +
	"session-based grants are listed with session true and not counted in the can_ columns"

// UserObjectAccess is who can read, create, edit, delete, view all and
// modify all of each object, through which grants.
var UserObjectAccess = vtab.Spec{
	Table: "salesforce_user_object_access",
	Doc: "Effective object access: one row per user × object some grant reaches — the profile, permission sets, permission set groups " +
		"less their muting permission sets, and Modify All Data / View All Data, which reach every object. Expired assignments do not count; " +
		"session-based permission sets are listed, not counted. `user_id`, `username` and `sobject_type` = … narrow what is read.",
	Derived: vtab.ObjectAccess,
	Columns: append(append([]vtab.Column{}, accessUserColumns...),
		vtab.Column{Name: "can_read", SQLType: "INTEGER", Doc: "read (always on: session-based grants aside)"},
		vtab.Column{Name: "can_create", SQLType: "INTEGER", Doc: "create"},
		vtab.Column{Name: "can_edit", SQLType: "INTEGER", Doc: "edit"},
		vtab.Column{Name: "can_delete", SQLType: "INTEGER", Doc: "delete"},
		vtab.Column{Name: "can_view_all", SQLType: "INTEGER", Doc: "view all records"},
		vtab.Column{Name: "can_modify_all", SQLType: "INTEGER", Doc: "modify all records"},
		vtab.Column{Name: "sources", SQLType: "TEXT", Doc: sourcesDoc}),
	Examples: []string{"select username, can_delete, sources from salesforce_user_object_access where sobject_type = 'Account' and can_delete = 1"},
}

// UserFieldAccess is who can read and edit each field.
var UserFieldAccess = vtab.Spec{
	Table: "salesforce_user_field_access",
	Doc: "Effective field access: one row per user × field some grant reaches (a FieldPermissions row of a held set, less its group's " +
		"muting, or View All Fields on the object). A field reads only where the object reads, and edits only where it edits. " +
		"`user_id`, `username`, `sobject_type` and `field` = … narrow what is read.",
	Derived: vtab.FieldAccess,
	Columns: append(append([]vtab.Column{}, accessUserColumns...),
		vtab.Column{Name: "field", SQLType: "TEXT", Doc: "Object.Field, as FieldPermissions names it"},
		vtab.Column{Name: "can_read", SQLType: "INTEGER", Doc: "read"},
		vtab.Column{Name: "can_edit", SQLType: "INTEGER", Doc: "edit"},
		vtab.Column{Name: "sources", SQLType: "TEXT", Doc: sourcesDoc}),
	Examples: []string{"select username, field, can_edit from salesforce_user_field_access where field = 'Account.AnnualRevenue' and can_edit = 1"},
}
