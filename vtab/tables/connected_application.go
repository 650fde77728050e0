package tables

import "github.com/sfsql/sfsql/vtab"

// ConnectedApplication is salesforce_connected_application.
var ConnectedApplication = vtab.Spec{
	Table: "salesforce_connected_application", Object: "ConnectedApplication", Size: vtab.Small,
	Doc: "Connected apps and their OAuth policies.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "Name"},
		{Path: "OptionsAllowAdminApprovedUsersOnly"},
		{Path: "OptionsRefreshTokenValidityMetric"},
		{Path: "RefreshTokenValidityPeriod"},
		{Path: "CreatedDate"},
	},
	Examples: []string{
		`select name from salesforce_connected_application where options_allow_admin_approved_users_only = 0`,
	},
}
