package tables

import "github.com/sfsql/sfsql/vtab"

// SecurityHealthCheckRisks is salesforce_security_health_check_risks.
var SecurityHealthCheckRisks = vtab.Spec{
	Table: "salesforce_security_health_check_risks", Object: "SecurityHealthCheckRisks", Tooling: true, Size: vtab.Small,
	Doc: "Health Check settings that differ from the baseline, by risk (Tooling API).",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "RiskType"},
		{Path: "Setting"},
		{Path: "SettingGroup"},
		{Path: "OrgValue"},
		{Path: "StandardValue"},
		{Path: "SettingRiskCategory"},
		{Path: "SecurityHealthCheckId"},
	},
	Examples: []string{
		`select setting, org_value, standard_value from salesforce_security_health_check_risks where risk_type = 'HIGH_RISK'`,
	},
}
