package tables

import "github.com/sfsql/sfsql/vtab"

// PermissionSetLicense is salesforce_permission_set_license.
var PermissionSetLicense = vtab.Spec{
	Table: "salesforce_permission_set_license", Object: "PermissionSetLicense", Size: vtab.Small,
	Doc: "Permission set licences and their usage.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "DeveloperName"},
		{Path: "MasterLabel"},
		{Path: "Status"},
		{Path: "TotalLicenses"},
		{Path: "ExpirationDate"},
	},
	Examples: []string{
		`select master_label, total_licenses from salesforce_permission_set_license`,
	},
}
