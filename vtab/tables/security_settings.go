package tables

import "github.com/sfsql/sfsql/vtab"

// SecuritySettings is salesforce_security_settings.
var SecuritySettings = vtab.Spec{
	Table: "salesforce_security_settings", Object: "SecuritySettings", Tooling: true, Size: vtab.Small, OneRow: true,
	Doc: "The org's security settings (Tooling API): session settings, password policies, single sign-on, network access, as the Metadata JSON.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "Metadata", Doc: "the SecuritySettings metadata as JSON"},
	},
	Examples: []string{
		`select json_extract(metadata, '$.sessionSettings.enableMFADirectUILoginOptIn') as mfa_required from salesforce_security_settings`,
	},
}
