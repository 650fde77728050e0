package tables

import "github.com/sfsql/sfsql/vtab"

// GroupMember is salesforce_group_member.
var GroupMember = vtab.Spec{
	Table: "salesforce_group_member", Object: "GroupMember", Size: vtab.Medium,
	Doc: "Members of groups: users or other groups.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "GroupId"},
		{Path: "Group.Name", Name: "group_name", Type: "string", Doc: "Name of the group"},
		{Path: "UserOrGroupId"},
	},
	Examples: []string{
		`select group_name, count(*) from salesforce_group_member group by group_name`,
	},
}
