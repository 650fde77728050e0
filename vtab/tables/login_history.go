package tables

import "github.com/sfsql/sfsql/vtab"

// LoginHistory is salesforce_login_history.
var LoginHistory = vtab.Spec{
	Table: "salesforce_login_history", Object: "LoginHistory", Size: vtab.Large,
	History: vtab.History{Kind: vtab.Events, EventTime: "LoginTime"},
	Doc:     "Every login attempt: when, from where, how, and whether it succeeded.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "UserId"},
		{Path: "LoginTime"},
		{Path: "Status"},
		{Path: "SourceIp"},
		{Path: "LoginType"},
		{Path: "Application"},
		{Path: "Browser"},
		{Path: "Platform"},
		{Path: "CountryIso"},
		{Path: "LoginUrl"},
	},
	Examples: []string{
		`select source_ip, count(*) from salesforce_login_history where status <> 'Success' group by source_ip order by 2 desc limit 5`,
		`select count(*) from salesforce_login_history where login_time > '2026-11-01'`,
	},
}
