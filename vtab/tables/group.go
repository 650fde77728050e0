package tables

import "github.com/sfsql/sfsql/vtab"

// Group is salesforce_group.
var Group = vtab.Spec{
	Table: "salesforce_group", Object: "Group", Size: vtab.Small,
	Doc: "Public groups, queues and role groups.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "Name"},
		{Path: "DeveloperName"},
		{Path: "Type"},
		{Path: "RelatedId"},
		{Path: "OwnerId"},
		{Path: "DoesIncludeBosses"},
	},
	Examples: []string{
		`select name, type from salesforce_group where type in ('Regular', 'Queue')`,
	},
}
