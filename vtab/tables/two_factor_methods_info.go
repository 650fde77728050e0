package tables

import "github.com/sfsql/sfsql/vtab"

// TwoFactorMethodsInfo is salesforce_two_factor_methods_info: which MFA
// methods each user has verified. The object has no Id field.
var TwoFactorMethodsInfo = vtab.Spec{
	Table: "salesforce_two_factor_methods_info", Object: "TwoFactorMethodsInfo", Size: vtab.Medium,
	History: vtab.History{Kind: vtab.OptIn, Why: "computed per user, so every snapshot reads it in full"},
	Doc:     "Which MFA methods each user has registered (one row per user; the object has no Id).",
	Columns: []vtab.Column{
		{Path: "UserId"},
		{Path: "HasSalesforceAuthenticator"},
		{Path: "HasTotp"},
		{Path: "HasSecurityKey"},
		{Path: "HasBuiltInAuthenticator"},
		{Path: "HasUserVerifiedMobileNumber"},
	},
	Examples: []string{
		`select count(*) from salesforce_two_factor_methods_info where has_totp = 1 or has_salesforce_authenticator = 1`,
	},
}
