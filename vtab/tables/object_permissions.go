package tables

import "github.com/sfsql/sfsql/vtab"

// ObjectPermissions is salesforce_object_permissions.
var ObjectPermissions = vtab.Spec{
	Table: "salesforce_object_permissions", Object: "ObjectPermissions", Aliases: []string{"salesforce_object_permission"}, Size: vtab.Large,
	Doc: "Object-level access granted by permission sets (profiles included, through their permission sets).",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "ParentId"},
		{Path: "Parent.Name", Name: "parent_name", Type: "string", Doc: "Permission set API name"},
		{Path: "Parent.Profile.Name", Name: "parent_profile_name", Type: "string", Doc: "Profile, when the permission set is a profile's"},
		{Path: "SobjectType"},
		{Path: "PermissionsRead"},
		{Path: "PermissionsCreate"},
		{Path: "PermissionsEdit"},
		{Path: "PermissionsDelete"},
		{Path: "PermissionsViewAllRecords"},
		{Path: "PermissionsModifyAllRecords"},
	},
	Examples: []string{
		`select parent_profile_name, sobject_type from salesforce_object_permissions where permissions_edit = 1 and parent_profile_name like '%guest%'`,
	},
}
