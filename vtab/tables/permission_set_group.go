package tables

import "github.com/sfsql/sfsql/vtab"

// PermissionSetGroup is salesforce_permission_set_group.
var PermissionSetGroup = vtab.Spec{
	Table: "salesforce_permission_set_group", Object: "PermissionSetGroup", Size: vtab.Small,
	Doc: "Permission set groups.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "DeveloperName"},
		{Path: "MasterLabel"},
		{Path: "Status"},
		{Path: "Description"},
	},
	Examples: []string{
		`select developer_name, status from salesforce_permission_set_group`,
	},
}
