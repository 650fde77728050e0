package tables

import "github.com/sfsql/sfsql/vtab"

// OauthToken is salesforce_oauth_token.
var OauthToken = vtab.Spec{
	Table: "salesforce_oauth_token", Object: "OauthToken", Size: vtab.Medium,
	History: vtab.History{Ignore: []string{"last_used_date", "use_count"}},
	Doc:     "OAuth tokens users granted to connected apps.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "AppName"},
		{Path: "UserId"},
		{Path: "User.Username", Name: "username", Type: "string", Doc: "Token owner"},
		{Path: "CreatedDate"},
		{Path: "LastUsedDate"},
		{Path: "UseCount"},
	},
	Examples: []string{
		`select app_name, count(*) from salesforce_oauth_token group by app_name`,
	},
}
