package fakeorg

import "time"

// Clean is a small org with no weakness any built-in rule looks for, save
// what its one administrator holds by design: a custom admin profile, two
// standard users on a custom minimum profile, MFA with security keys,
// recent logins, private org-wide defaults, a Health Check of 95, and one
// admin-approved connected app with expiring refresh tokens. Tests plant
// one weakness at a time into it.
type Clean struct {
	Org                   *Org
	Admin, User1, User2   string // user Ids
	AdminProfile          string
	StandardProfile       string
	GuestProfile          string
	AdminPS, StandardPS   string // the profiles' permission sets
	GuestPS               string
	License, GuestLicense string
}

// SeedClean fills an org with Clean's data, stamped around now.
func SeedClean(o *Org, now time.Time) *Clean {
	c := &Clean{Org: o}
	s := o.Store
	day := func(n int) time.Time { return now.Add(-time.Duration(n) * 24 * time.Hour).UTC().Truncate(time.Second) }
	s.Insert("Organization", Record{"Id": o.OrgID(), "Name": "Clean Co", "OrganizationType": "Enterprise Edition",
		"DefaultAccountAccess": "None", "DefaultContactAccess": "ControlledByParent", "DefaultOpportunityAccess": "None",
		"DefaultLeadAccess": "Read", "DefaultCaseAccess": "None", "SystemModstamp": day(100)})
	c.License = s.Insert("UserLicense", Record{"Name": "Salesforce", "MasterLabel": "Salesforce", "LicenseDefinitionKey": "SFDC", "TotalLicenses": float64(10), "UsedLicenses": float64(3), "Status": "Active", "SystemModstamp": day(100)})
	c.GuestLicense = s.Insert("UserLicense", Record{"Name": "Guest User License", "MasterLabel": "Guest", "LicenseDefinitionKey": "PID_Guest_User", "TotalLicenses": float64(5), "UsedLicenses": float64(0), "Status": "Active", "SystemModstamp": day(100)})
	profile := func(name, userType, license string, perms []string) (string, string) {
		id := o.Insert("Profile", permissions(perms, Record{"Name": name, "UserType": userType, "UserLicenseId": license}))
		ps := o.Insert("PermissionSet", permissions(perms, Record{"Name": "X00e" + id[3:15], "Label": name, "ProfileId": id,
			"IsOwnedByProfile": true, "IsCustom": true, "Type": "Profile"}))
		return id, ps
	}
	c.AdminProfile, c.AdminPS = profile("Custom: Admin", "Standard", c.License,
		[]string{"ModifyAllData", "ViewAllData", "ManageUsers", "CustomizeApplication", "AuthorApex", "ApiEnabled", "ViewSetup"})
	s.Update(c.AdminProfile, Record{"Metadata": map[string]any{"loginIpRanges": []any{
		map[string]any{"startAddress": "203.0.113.0", "endAddress": "203.0.113.31", "description": "office"}}}})
	c.StandardProfile, c.StandardPS = profile("Custom: Minimum", "Standard", c.License, []string{"RunReports", "LightningExperienceUser"})
	c.GuestProfile, c.GuestPS = profile("Clean Site Guest", "Guest", c.GuestLicense, nil)
	user := func(name, profile string) string {
		id := o.Insert("User", Record{"Username": name + "@clean.example.com", "Name": name, "Email": name + "@clean.example.com",
			"IsActive": true, "UserType": "Standard", "ProfileId": profile, "LastLoginDate": day(1), "CreatedDate": day(300)})
		s.Insert("UserLogin", Record{"UserId": id, "IsFrozen": false, "IsPasswordLocked": false, "LastModifiedDate": day(200), "LastModifiedById": o.AdminID()})
		s.Insert("TwoFactorMethodsInfo", Record{"UserId": id, "HasU2F": true, "HasSecurityKey": true, "HasTotp": true})
		for _, n := range []int{10, 1} {
			o.Insert("LoginHistory", Record{"UserId": id, "LoginTime": day(n), "LoginType": "Application", "Status": "Success",
				"SourceIp": "198.51.100.7", "CountryIso": "US", "AuthMethodReference": "mfa"})
		}
		return id
	}
	c.Admin = user("admin", c.AdminProfile)
	c.User1 = user("user1", c.StandardProfile)
	c.User2 = user("user2", c.StandardProfile)
	for _, u := range []string{c.Admin, c.User1, c.User2} {
		ps := c.StandardPS
		if u == c.Admin {
			ps = c.AdminPS
		}
		o.Insert("PermissionSetAssignment", Record{"AssigneeId": u, "PermissionSetId": ps, "IsActive": true})
	}
	s.Insert("SecuritySettings", Record{"DurableId": "SecuritySettings", "Metadata": map[string]any{
		"sessionSettings": map[string]any{"enableMFADirectUILoginOptIn": true, "sessionTimeout": "TwoHours"}}})
	hc := s.Insert("SecurityHealthCheck", Record{"CustomBaselineId": "0Dq000000000001", "DurableId": "HealthCheck", "Score": "95", "CreatedDate": day(1)})
	s.Insert("SecurityHealthCheckRisks", Record{"DurableId": "Minimum password length", "SecurityHealthCheckId": hc, "RiskType": "MEETS_STANDARD",
		"SettingRiskCategory": "HIGH_RISK", "Setting": "Minimum password length", "SettingGroup": "PasswordPolicies", "OrgValue": "12", "StandardValue": "12"})
	app := o.Insert("ConnectedApplication", Record{"Name": "Clean Integration", "OptionsAllowAdminApprovedUsersOnly": true,
		"OptionsRefreshTokenValidityMetric": true, "RefreshTokenValidityPeriod": float64(30)})
	s.Insert("SetupEntityAccess", Record{"ParentId": c.AdminPS, "SetupEntityId": app, "SetupEntityType": "ConnectedApplication", "SystemModstamp": day(50)})
	s.Insert("OauthToken", Record{"AppName": "Clean Integration", "UserId": c.Admin, "CreatedDate": day(20), "LastUsedDate": day(1), "UseCount": float64(40), "DeleteToken": "tok-clean-1"})
	return c
}
