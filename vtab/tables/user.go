package tables

import "github.com/sfsql/sfsql/vtab"

// User is salesforce_user.
var User = vtab.Spec{
	Table: "salesforce_user", Object: "User", Size: vtab.Medium,
	History: vtab.History{Ignore: []string{"last_login_date"}},
	Doc:     "Users of the org: who they are, whether they are active, their profile and role, when they last logged in.",
	Columns: []vtab.Column{
		{Path: "Id"},
		{Path: "Username"},
		{Path: "Name"},
		{Path: "Email"},
		{Path: "IsActive"},
		{Path: "UserType"},
		{Path: "ProfileId"},
		{Path: "Profile.Name", Name: "profile_name", Type: "string", Doc: "Name of the user's profile"},
		{Path: "Profile.UserLicense.Name", Name: "license_name", Type: "string", Doc: "Name of the user's licence"},
		{Path: "UserRoleId"},
		{Path: "UserRole.Name", Name: "user_role_name", Type: "string", Doc: "Name of the user's role"},
		{Path: "LastLoginDate"},
		{Path: "CreatedDate"},
		{Path: "Department"},
		{Path: "Title"},
		{Path: "ManagerId"},
		{Path: "FederationIdentifier"},
	},
	Examples: []string{
		`select username, profile_name from salesforce_user where is_active = 0 limit 5`,
		`select username from salesforce_user where is_active and last_login_date < date('now','-90 days')`,
		`select profile_name, count(*) from salesforce_user group by profile_name order by 2 desc`,
	},
}
