package tables

import "github.com/sfsql/sfsql/vtab"

// UserLicense is salesforce_user_license.
var UserLicense = vtab.Spec{
	Table: "salesforce_user_license", Object: "UserLicense", Size: vtab.Small,
	Doc: "User licences and their usage.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "Name"},
		{Path: "LicenseDefinitionKey"},
		{Path: "Status"},
		{Path: "TotalLicenses"},
		{Path: "UsedLicenses"},
	},
	Examples: []string{
		`select name, used_licenses, total_licenses from salesforce_user_license order by name`,
	},
}
