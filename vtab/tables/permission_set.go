package tables

import "github.com/sfsql/sfsql/vtab"

// PermissionSet is salesforce_permission_set.
var PermissionSet = vtab.Spec{
	Table: "salesforce_permission_set", Object: "PermissionSet", Size: vtab.Small,
	Doc: "Permission sets, including the ones owned by profiles (is_owned_by_profile) and by permission set groups (type = 'Group').",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "Name"},
		{Path: "Label"},
		{Path: "Type"},
		{Path: "IsOwnedByProfile"},
		{Path: "IsCustom"},
		{Path: "ProfileId"},
		{Path: "Profile.Name", Name: "profile_name", Type: "string", Doc: "Owning profile, for profile permission sets"},
		{Path: "PermissionSetGroupId"},
		{Path: "PermissionsModifyAllData"},
		{Path: "PermissionsViewAllData"},
		{Path: "PermissionsManageUsers"},
		{Path: "PermissionsAuthorApex"},
		{Path: "PermissionsApiEnabled"},
		{Path: "Description"},
	},
	Examples: []string{
		`select name, label from salesforce_permission_set where is_owned_by_profile = 0 and permissions_modify_all_data = 1`,
		`select type, count(*) from salesforce_permission_set group by type`,
	},
}
