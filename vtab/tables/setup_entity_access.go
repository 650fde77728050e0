package tables

import "github.com/sfsql/sfsql/vtab"

// SetupEntityAccess is salesforce_setup_entity_access.
var SetupEntityAccess = vtab.Spec{
	Table: "salesforce_setup_entity_access", Object: "SetupEntityAccess", Size: vtab.Medium,
	Doc: "Access to Apex classes, Visualforce pages, connected apps and custom permissions granted by permission sets.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "ParentId"},
		{Path: "Parent.Name", Name: "parent_name", Type: "string", Doc: "Permission set API name"},
		{Path: "SetupEntityId"},
		{Path: "SetupEntityType"},
	},
	Examples: []string{
		`select setup_entity_type, count(*) from salesforce_setup_entity_access group by 1`,
	},
}
