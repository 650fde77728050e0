package tables

import "github.com/sfsql/sfsql/vtab"

// PermissionSetGroupComponent is salesforce_permission_set_group_component.
var PermissionSetGroupComponent = vtab.Spec{
	Table: "salesforce_permission_set_group_component", Object: "PermissionSetGroupComponent", Size: vtab.Small,
	Doc: "Which permission sets make up each permission set group.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "PermissionSetGroupId"},
		{Path: "PermissionSetGroup.DeveloperName", Name: "permission_set_group_name", Type: "string", Doc: "Group API name"},
		{Path: "PermissionSetId"},
		{Path: "PermissionSet.Name", Name: "permission_set_name", Type: "string", Doc: "Member permission set API name"},
	},
	Examples: []string{
		`select permission_set_group_name, permission_set_name from salesforce_permission_set_group_component order by 1`,
	},
}
