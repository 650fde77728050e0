package fakeorg

import (
	"fmt"
	"time"
)

func (sd *seeder) securityObjects() {
	sd.objectAccess()
	sd.accessStory()
	apps := []struct {
		name        string
		adminOnly   bool
		refreshDays int
	}{{"Salesforce CLI", false, 0}, {"Data Loader", false, 0}, {"Acme Integration", true, 30}, {"Legacy Partner Sync", false, 0}, {"sfsql", true, 0}}
	for _, a := range apps {
		r := Record{}
		if a.name == "sfsql" {
			r["CreatedDate"] = sd.daysAgoAt(20, 15, 5)
			r["LastModifiedDate"], r["SystemModstamp"] = r["CreatedDate"], r["CreatedDate"]
		}
		app := sd.insert("ConnectedApplication", merge(r, Record{
			"Name": a.name, "OptionsAllowAdminApprovedUsersOnly": a.adminOnly, "OptionsRefreshTokenValidityMetric": a.refreshDays > 0,
			"RefreshTokenValidityPeriod": float64(a.refreshDays), "MobileSessionTimeout": "Never", "PinLength": "4",
			"OptionsHasSessionLevelPolicy": a.adminOnly,
		}))
		if a.adminOnly {
			sd.s.Insert("SetupEntityAccess", Record{"ParentId": sd.profPS["System Administrator"], "SetupEntityId": app, "SetupEntityType": "ConnectedApplication",
				"SystemModstamp": sd.s.Get(app)["CreatedDate"]}) // admitted when it was created
		}
	}
	// MFA: the first six admins are registered; 6, 7 and 8 are not.
	for i, u := range sd.users {
		if u.profile == "System Administrator" && i < 6 || i%3 == 0 && u.active && u.profile != "Acme Site Guest Profile" {
			kind := sd.pick([]string{"TOTP", "SalesforceAuthenticator", "U2F"})
			sd.insert("TwoFactorInfo", Record{"UserId": u.id, "Type": kind, "IsDeleted": false})
			// TwoFactorMethodsInfo has no Id: one row per registered user.
			sd.s.Insert("TwoFactorMethodsInfo", Record{"UserId": u.id, "HasTotp": kind == "TOTP", "HasSalesforceAuthenticator": kind == "SalesforceAuthenticator",
				"HasSecurityKey": kind == "U2F", "HasBuiltInAuthenticator": false, "HasUserVerifiedMobileNumber": i%2 == 0, "HasTempCode": false,
				"HasU2F": kind == "U2F", "HasUserVerifiedEmailAddress": true, "HasVerifiedMobileNumber": i%2 == 0})
		}
	}
	for _, l := range []struct {
		key   string
		total int
	}{{"SalesConsoleUser", 200}, {"IdentityConnect", 50}, {"EinsteinAnalyticsPlusPsl", 10}} {
		sd.insert("PermissionSetLicense", Record{"DeveloperName": l.key, "MasterLabel": l.key, "PermissionSetLicenseKey": l.key,
			"TotalLicenses": float64(l.total), "Status": "Active", "Language": "en_US", "IsDeleted": false})
	}
	counts := map[string]int{}
	for _, u := range sd.users {
		if u.active {
			counts[licenseOf(u.profile)]++
		}
	}
	for name, id := range sd.licenses {
		sd.s.Update(id, Record{"UsedLicenses": float64(counts[name])})
	}
}

func licenseOf(profile string) string {
	for _, p := range profileSeeds {
		if p.name == profile {
			return p.license
		}
	}
	return ""
}

var (
	loginStatuses = []string{"Success", "Success", "Success", "Success", "Success", "Success", "Invalid Password", "Failed: Computer activation required", "Success", "Success"}
	browsers      = []string{"Chrome 131", "Firefox 133", "Safari 18", "Edge 131", "Unknown"}
	platforms     = []string{"Mac OSX", "Windows 10", "Linux", "iOS", "Android"}
	applications  = []string{"Browser", "Salesforce CLI", "Data Loader", "Acme Integration", "Salesforce for iOS"}
	countries     = []string{"US", "US", "US", "GB", "DE", "IN", "BR", "JP", "NG", "RU"}
)

// activity writes eight weeks of logins that agree with each user's
// LastLoginDate (the last success is at it; a dormant or never-seen user
// has none), a brute-force burst, the audit trail, sessions and tokens.
func (sd *seeder) activity() {
	weeks := 8
	window := sd.now.AddDate(0, 0, -7*weeks)
	for i, u := range sd.users {
		last, ok := sd.s.Get(u.id)["LastLoginDate"].(time.Time)
		if !ok || last.Before(window) {
			continue
		}
		from := window
		if u.created.After(from) {
			from = u.created
		}
		for k := sd.rnd.IntN(sd.opts.LoginsPerDay*weeks + 1); k > 0; k-- {
			sd.loginHistory(u.id, i, sd.between(from, last))
		}
		r := sd.loginRecord(u.id, i, last)
		r["Status"] = "Success"
		sd.s.Insert("LoginHistory", r)
	}
	// A brute-force burst from one address against a few users.
	for k := 0; k < 60; k++ {
		u := sd.users[(k%5+12)%len(sd.users)]
		r := sd.loginRecord(u.id, 0, sd.now.Add(-time.Duration(k)*time.Minute))
		r["SourceIp"], r["Status"], r["CountryIso"] = "203.0.113.66", "Invalid Password", "RU"
		sd.s.Insert("LoginHistory", r)
	}
	sd.auditTrail()
	sd.sessionsAndTokens()
}

func (sd *seeder) loginRecord(user string, i int, at time.Time) Record {
	return Record{
		"UserId": user, "LoginTime": at, "LoginType": sd.pick([]string{"Application", "Remote Access 2.0", "SAML Idp Initiated SSO"}),
		"SourceIp": fmt.Sprintf("198.51.100.%d", 1+(i*7+sd.rnd.IntN(3))%250), "LoginUrl": "acme.my.salesforce.com",
		"Browser": sd.pick(browsers), "Platform": sd.pick(platforms), "Status": sd.pick(loginStatuses),
		"Application": sd.pick(applications), "CountryIso": sd.pick(countries), "TlsProtocol": "TLS 1.3",
		"ApiType": "N/A", "ApiVersion": "N/A",
	}
}

func (sd *seeder) loginHistory(user string, i int, at time.Time) {
	sd.s.Insert("LoginHistory", sd.loginRecord(user, i, at))
}

// GenerateLoginHistory replaces LoginHistory with n synthetic rows computed
// on demand, for memory benchmarks over a million rows.
func GenerateLoginHistory(o *Org, n int) {
	users := o.Store.Rows("User")
	base := ReferenceNow
	o.Store.Generate("LoginHistory", n, func(i int) Record {
		user := ""
		if len(users) > 0 {
			user, _ = users[i%len(users)]["Id"].(string)
		}
		return Record{
			"Id": makeID("0Ya", i+1), "UserId": user, "LoginTime": base.Add(-time.Duration(i) * time.Minute),
			"LoginType": "Application", "SourceIp": fmt.Sprintf("198.51.100.%d", i%250+1), "Status": loginStatuses[i%len(loginStatuses)],
			"Browser": browsers[i%len(browsers)], "Platform": platforms[i%len(platforms)], "Application": "Browser",
			"CountryIso": countries[i%len(countries)], "LoginUrl": "acme.my.salesforce.com",
		}
	})
}

func (sd *seeder) sessionsAndTokens() {
	for i, u := range sd.users {
		if !u.active || i%7 != 0 {
			continue
		}
		sd.s.Insert("AuthSession", Record{"UsersId": u.id, "CreatedDate": sd.ago(0), "LastModifiedDate": sd.ago(0),
			"NumSecondsValid": float64(7200), "UserType": "Standard", "SourceIp": fmt.Sprintf("198.51.100.%d", i%250+1),
			"LoginType": "Application", "SessionType": sd.pick([]string{"UI", "API", "Oauth2"}),
			"SessionSecurityLevel": sd.pick([]string{"STANDARD", "HIGH_ASSURANCE"}), "IsCurrent": true})
		if i%3 == 0 {
			created := sd.between(u.created, sd.now)
			sd.s.Insert("OauthToken", Record{"UserId": u.id, "AppName": sd.pick(applications[1:]), "CreatedDate": created,
				"LastUsedDate": sd.between(created, sd.now), "UseCount": float64(sd.rnd.IntN(5000))})
		}
	}
}

// securitySettings: MFA is not required for direct UI logins, and the
// session timeout is 24 hours — AUTH-05 and CFG-03 have findings.
func (sd *seeder) securitySettings() {
	// Login IP ranges live in each profile's Metadata (Tooling API): the
	// admins' one is the whole internet, Standard User has the office.
	for name, ranges := range map[string][]any{
		"System Administrator": {map[string]any{"startAddress": "0.0.0.0", "endAddress": "255.255.255.255", "description": "anywhere"}},
		"Standard User":        {map[string]any{"startAddress": "198.51.100.0", "endAddress": "198.51.100.255", "description": "office"}},
	} {
		sd.s.Update(sd.profiles[name], Record{"Metadata": map[string]any{"loginIpRanges": ranges}})
	}
	sd.s.Insert("SecuritySettings", Record{"DurableId": "SecuritySettings", "Metadata": map[string]any{
		"sessionSettings": map[string]any{"enableMFADirectUILoginOptIn": false, "lockSessionsToDomain": true, "sessionTimeout": "TwentyFourHours",
			"enableClickjackSetup": true, "enableCSRFOnGet": true, "enableCSRFOnPost": true, "requireHttpOnly": true},
		"passwordPolicies":     map[string]any{"minimumPasswordLength": 8, "complexity": "AlphaNumeric", "expiration": "NinetyDays", "maxLoginAttempts": "TenAttempts"},
		"singleSignOnSettings": map[string]any{"enableSamlLogin": false},
	}})
}

func (sd *seeder) healthCheck() {
	hc := sd.s.Insert("SecurityHealthCheck", Record{"CustomBaselineId": "0Dq000000000001", "DurableId": "HealthCheck", "Score": "64", "CreatedDate": sd.ago(1)})
	risks := []struct{ risk, category, setting, group, org, std string }{
		{"HIGH_RISK", "HIGH_RISK", "Minimum password length", "PasswordPolicies", "8", "12"},
		{"HIGH_RISK", "HIGH_RISK", "Session timeout", "SessionSettings", "24 hours", "2 hours"},
		{"MEDIUM_RISK", "MEDIUM_RISK", "Maximum invalid login attempts", "PasswordPolicies", "10", "5"},
		{"MEETS_STANDARD", "MEETS_STANDARD", "Enable clickjack protection for Setup pages", "SessionSettings", "Enabled", "Enabled"},
		{"LOW_RISK", "LOW_RISK", "Password question requirement", "PasswordPolicies", "None", "Cannot contain password"},
	}
	for _, r := range risks {
		sd.s.Insert("SecurityHealthCheckRisks", Record{"DurableId": r.setting, "SecurityHealthCheckId": hc, "RiskType": r.risk,
			"SettingRiskCategory": r.category, "Setting": r.setting, "SettingGroup": r.group, "OrgValue": r.org, "OrgValueRaw": r.org,
			"StandardValue": r.std, "StandardValueRaw": r.std})
	}
}

func (sd *seeder) accounts() {
	for k := 0; k < 50; k++ {
		sd.s.Insert("Account", Record{"Name": fmt.Sprintf("Customer %02d %s", k, sd.pick(lastNames)), "Type": sd.pick([]string{"Customer", "Partner", "Prospect"}),
			"AnnualRevenue": float64(sd.rnd.IntN(1000)) * 1000, "OwnerId": sd.users[sd.rnd.IntN(len(sd.users))].id,
			"CreatedDate": sd.ago(sd.rnd.IntN(500)), "IsDeleted": k == 49})
	}
}
