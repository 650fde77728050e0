package tables

import "github.com/sfsql/sfsql/vtab"

// TwoFactorInfo is salesforce_two_factor_info.
var TwoFactorInfo = vtab.Spec{
	Table: "salesforce_two_factor_info", Object: "TwoFactorInfo", Size: vtab.Medium,
	Doc: "Users' registered MFA methods.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "UserId"},
		{Path: "User.Username", Name: "username", Type: "string", Doc: "Username"},
		{Path: "Type"},
		{Path: "CreatedDate"},
	},
	Examples: []string{
		`select type, count(*) from salesforce_two_factor_info group by type`,
	},
}
