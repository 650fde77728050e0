package tables

import "github.com/sfsql/sfsql/vtab"

// UserRole is salesforce_user_role.
var UserRole = vtab.Spec{
	Table: "salesforce_user_role", Object: "UserRole", Size: vtab.Small,
	Doc: "The role hierarchy.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "Name"},
		{Path: "DeveloperName"},
		{Path: "ParentRoleId"},
		{Path: "ParentRole.Name", Name: "parent_role_name", Type: "string", Doc: "Name of the parent role"},
		{Path: "PortalType"},
	},
	Examples: []string{
		`select name, parent_role_name from salesforce_user_role order by name`,
	},
}
