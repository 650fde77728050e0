package tables

import "github.com/sfsql/sfsql/vtab"

// UserPermission is every system permission each user holds, with where it
// comes from.
var UserPermission = vtab.Spec{
	Table: "salesforce_user_permission",
	Doc: "Effective system permissions: one row per user × permission × source (`Profile`, `PermissionSet`, " +
		"`PermissionSetGroup` — through its permission sets, less what its muting permission sets mute), computed from permission sets, " +
		"groups and assignments. Expired assignments do not count; session-based grants are flagged. `user_id = …` is pushed into the " +
		"assignment query.",
	Derived: vtab.UserPermissions,
	Columns: []vtab.Column{
		{Name: "user_id", SQLType: "TEXT", Doc: "the user"},
		{Name: "username", SQLType: "TEXT", Doc: "the user's username"},
		{Name: "permission", SQLType: "TEXT", Doc: "API name without the Permissions prefix, e.g. ModifyAllData"},
		{Name: "source_type", SQLType: "TEXT", Doc: "Profile, PermissionSet or PermissionSetGroup"},
		{Name: "source_id", SQLType: "TEXT", Doc: "the profile, permission set or group"},
		{Name: "source_name", SQLType: "TEXT", Doc: "its name (a permission set's API name)"},
		{Name: "via", SQLType: "TEXT", Doc: "profile, assigned, or through which permission sets of the group; session-based says so"},
		{Name: "session", SQLType: "INTEGER", Doc: "1: session-based, on only while a session activates it (not always on)"},
		{Name: "is_active", SQLType: "INTEGER", Doc: "1 for an active user"},
		{Name: "is_frozen", SQLType: "INTEGER", Doc: "1 for a frozen user"},
	},
	Examples: []string{"select username, source_type, source_name from salesforce_user_permission where permission = 'ModifyAllData'"},
}

// SOQL is raw SOQL as a table-valued function.
var SOQL = vtab.Spec{
	Table:   "soql",
	Doc:     "Raw SOQL as a table-valued function: one row per record, relationship paths nested in the record's JSON.",
	Derived: vtab.SOQLQueries,
	Columns: []vtab.Column{
		{Name: "id", SQLType: "TEXT", Doc: "the record's Id"},
		{Name: "object", SQLType: "TEXT", Doc: "its sObject type"},
		{Name: "record", SQLType: "TEXT", Doc: "the record as JSON"},
		{Name: "query", SQLType: "TEXT", Hidden: true, Doc: "the SOQL statement (the function's argument)"},
	},
	Examples: []string{"select id, json_extract(record, '$.Profile.Name') from soql('SELECT Id, Profile.Name FROM User LIMIT 5')"},
}

// ProfileLoginIPRanges is each profile's login IP ranges, from its
// Tooling API Metadata.
var ProfileLoginIPRanges = vtab.Spec{
	Table: "salesforce_profile_login_ip_ranges",
	Doc: "Login IP ranges of each profile, from the profile's Tooling API Metadata (one query per profile, five to a composite call); " +
		"a profile without ranges is one row with NULL addresses.",
	Derived: vtab.ProfileLoginIPRanges,
	Columns: []vtab.Column{
		{Name: "profile_id", SQLType: "TEXT", Doc: "the profile"},
		{Name: "profile_name", SQLType: "TEXT", Doc: "its name"},
		{Name: "start_address", SQLType: "TEXT", Doc: "first address of the range (NULL: no range)"},
		{Name: "end_address", SQLType: "TEXT", Doc: "last address of the range"},
		{Name: "description", SQLType: "TEXT", Doc: "the range's description"},
	},
	Examples: []string{"select profile_name, start_address, end_address from salesforce_profile_login_ip_ranges"},
}

// Tables lists every table of the connection, for hosts whose .tables
// does not show virtual tables.
var Tables = vtab.Spec{
	Table:   "salesforce_tables",
	Doc:     "Every table sfsql serves on this connection: the catalogue, the derived tables and the org's other objects (sqlite3's .tables and similar tools do not list virtual tables).",
	Derived: vtab.TableList,
	Columns: []vtab.Column{
		{Name: "name", SQLType: "TEXT", Doc: "the table"},
		{Name: "kind", SQLType: "TEXT", Doc: "catalogue, derived or object"},
		{Name: "object", SQLType: "TEXT", Doc: "its Salesforce object"},
		{Name: "doc", SQLType: "TEXT", Doc: "what it holds (catalogue tables)"},
	},
	Examples: []string{"select name, kind from salesforce_tables where name like 'salesforce_user%'"},
}
