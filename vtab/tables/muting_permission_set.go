package tables

import "github.com/sfsql/sfsql/vtab"

// MutingPermissionSet is salesforce_muting_permission_set.
var MutingPermissionSet = vtab.Spec{
	Table: "salesforce_muting_permission_set", Object: "MutingPermissionSet", Size: vtab.Small,
	Doc: "Muting permission sets: in a permission set group, each permission they enable is turned off for the group " +
		"(their ObjectPermissions and FieldPermissions rows mute object and field rights). API 46 and later.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "DeveloperName"},
		{Path: "MasterLabel"},
		{Path: "PermissionsModifyAllData"},
		{Path: "PermissionsViewAllData"},
	},
	Examples: []string{
		`select m.master_label, c.permission_set_group_name from salesforce_muting_permission_set m join salesforce_permission_set_group_component c on c.permission_set_id = m.id`,
	},
}
