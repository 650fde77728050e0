package tables

import "github.com/sfsql/sfsql/vtab"

// Profile is salesforce_profile.
var Profile = vtab.Spec{
	Table: "salesforce_profile", Object: "Profile", Size: vtab.Small,
	Doc: "Profiles and their system permissions (every Permissions* flag the org has is a column).",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "Name"},
		{Path: "UserType"},
		{Path: "UserLicenseId"},
		{Path: "UserLicense.Name", Name: "license_name", Type: "string", Doc: "Licence the profile belongs to"},
		{Path: "PermissionsModifyAllData"},
		{Path: "PermissionsViewAllData"},
		{Path: "PermissionsManageUsers"},
		{Path: "PermissionsAuthorApex"},
		{Path: "PermissionsCustomizeApplication"},
		{Path: "PermissionsApiEnabled"},
		{Path: "Description"},
	},
	Examples: []string{
		`select name from salesforce_profile where permissions_modify_all_data = 1`,
		`select name, user_type from salesforce_profile where user_type = 'Guest'`,
	},
}
