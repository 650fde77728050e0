package tables

import "github.com/sfsql/sfsql/vtab"

// FieldPermissions is salesforce_field_permissions.
var FieldPermissions = vtab.Spec{
	Table: "salesforce_field_permissions", Object: "FieldPermissions", Size: vtab.Large,
	Doc: "Field-level access granted by permission sets.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "ParentId"},
		{Path: "Parent.Name", Name: "parent_name", Type: "string", Doc: "Permission set API name"},
		{Path: "SobjectType"},
		{Path: "Field"},
		{Path: "PermissionsRead"},
		{Path: "PermissionsEdit"},
	},
	Examples: []string{
		`select field, permissions_edit from salesforce_field_permissions where sobject_type = 'Account'`,
	},
}
