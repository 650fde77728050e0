package tables

import "github.com/sfsql/sfsql/vtab"

// SetupAuditTrail is salesforce_setup_audit_trail.
var SetupAuditTrail = vtab.Spec{
	Table: "salesforce_setup_audit_trail", Object: "SetupAuditTrail", Size: vtab.Large,
	History: vtab.History{Kind: vtab.Events, EventTime: "CreatedDate"},
	Doc:     "Changes made in Setup, who made them and when.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "Action"},
		{Path: "Section"},
		{Path: "Display"},
		{Path: "CreatedDate"},
		{Path: "CreatedById"},
		{Path: "CreatedBy.Username", Name: "created_by_username", Type: "string", Doc: "Who made the change"},
		{Path: "DelegateUser"},
	},
	Examples: []string{
		`select created_date, created_by_username, display from salesforce_setup_audit_trail order by created_date desc limit 10`,
	},
}
