package tables

import "github.com/sfsql/sfsql/vtab"

// UserLogin is salesforce_user_login.
var UserLogin = vtab.Spec{
	Table: "salesforce_user_login", Object: "UserLogin", Size: vtab.Medium,
	Doc: "Frozen and password-locked state of users.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "UserId"},
		{Path: "IsFrozen"},
		{Path: "IsPasswordLocked"},
		{Path: "LastModifiedDate"},
	},
	Examples: []string{
		`select user_id from salesforce_user_login where is_frozen = 1`,
	},
}
