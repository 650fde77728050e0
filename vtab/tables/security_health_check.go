package tables

import "github.com/sfsql/sfsql/vtab"

// SecurityHealthCheck is salesforce_security_health_check.
var SecurityHealthCheck = vtab.Spec{
	Table: "salesforce_security_health_check", Object: "SecurityHealthCheck", Tooling: true, Size: vtab.Small,
	Doc: "Health Check score of the org (Tooling API).",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "Score"},
		{Path: "CustomBaselineId"},
		{Path: "DurableId"},
		{Path: "CreatedDate"},
	},
	Examples: []string{
		`select score from salesforce_security_health_check`,
	},
}
