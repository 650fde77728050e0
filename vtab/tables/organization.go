package tables

import "github.com/sfsql/sfsql/vtab"

// Organization is salesforce_organization.
var Organization = vtab.Spec{
	Table: "salesforce_organization", Object: "Organization", Size: vtab.Small,
	Doc: "The org itself: edition, instance, sandbox or not, default sharing.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "Name"},
		{Path: "OrganizationType"},
		{Path: "InstanceName"},
		{Path: "IsSandbox"},
		{Path: "DefaultAccountAccess"},
		{Path: "DefaultContactAccess"},
		{Path: "CreatedDate"},
	},
	Examples: []string{
		`select name, organization_type, is_sandbox from salesforce_organization`,
	},
}
