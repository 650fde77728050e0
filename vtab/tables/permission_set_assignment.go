package tables

import "github.com/sfsql/sfsql/vtab"

// PermissionSetAssignment is salesforce_permission_set_assignment.
var PermissionSetAssignment = vtab.Spec{
	Table: "salesforce_permission_set_assignment", Object: "PermissionSetAssignment", Size: vtab.Medium,
	Doc: "Who holds which permission set (and through which permission set group).",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "AssigneeId"},
		{Path: "Assignee.Username", Name: "assignee_username", Type: "string", Doc: "Username of the assignee"},
		{Path: "PermissionSetId"},
		{Path: "PermissionSet.Name", Name: "permission_set_name", Type: "string", Doc: "API name of the permission set"},
		{Path: "PermissionSetGroupId"},
		{Path: "IsActive"},
		{Path: "ExpirationDate"},
	},
	Examples: []string{
		`select assignee_username, permission_set_name from salesforce_permission_set_assignment where permission_set_name = 'Modify_All_Data_Temp'`,
	},
}
