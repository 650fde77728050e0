package tables

import "github.com/sfsql/sfsql/vtab"

// AuthSession is salesforce_auth_session.
var AuthSession = vtab.Spec{
	Table: "salesforce_auth_session", Object: "AuthSession", Size: vtab.Medium,
	History: vtab.History{Kind: vtab.OptIn, Why: "sessions come and go by the minute"},
	Doc:     "Active sessions.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "UsersId"},
		{Path: "Users.Username", Name: "username", Type: "string", Doc: "Session owner"},
		{Path: "SessionType"},
		{Path: "LoginType"},
		{Path: "SourceIp"},
		{Path: "SessionSecurityLevel"},
		{Path: "CreatedDate"},
		{Path: "NumSecondsValid"},
	},
	Examples: []string{
		`select session_type, count(*) from salesforce_auth_session group by session_type`,
	},
}
