package fakeorg

import (
	"fmt"
	"strings"
	"time"
)

var (
	firstNames = []string{"Ada", "Grace", "Alan", "Linus", "Zoë", "José", "Chloé", "Mei", "Sven", "Ingrid",
		"Ravi", "Priya", "Omar", "Fatima", "Liam", "Noah", "Emma", "Olivia", "Hiroshi", "Yuki", "Björn", "Élodie",
		"Aleksandr", "Siobhán", "Dmitri", "Ana", "João", "Kwame", "Amara", "Tomás"}
	lastNames = []string{"Lovelace", "Hopper", "Turing", "O'Brien", "Müller", "Nuñez", "D'Angelo", "Smith",
		"Lee", "Ødegaard", "Schröder", "Kowalski", "Nakamura", "García", "Singh", "Okafor", "Dubois", "Rossi",
		"Ivanova", "Haddad", "Chen", "Walsh", "Fitzgerald", "Jensen", "Silva", "Mensah", "Novak", "Kim", "Brown", "Patel"}
	departments = []string{"Sales", "Marketing", "Engineering", "Support", "Finance", "R&D", "Sales_Ops",
		"100% Club", "Legal", "IT"}
	titles = []string{"Account Executive", "Sales Manager", "Engineer", "Support Agent", "Analyst",
		"Director", "VP", "Engineer \\ Tools", "Consultant", "Specialist"}
	roleSeeds = []struct{ name, parent string }{
		{"CEO", ""}, {"VP Sales", "CEO"}, {"Sales Manager", "VP Sales"}, {"Sales Rep", "Sales Manager"},
		{"VP Engineering", "CEO"}, {"Engineer", "VP Engineering"}, {"Support Manager", "CEO"}, {"Support Agent", "Support Manager"},
	}
)

func (sd *seeder) rolesAndGroups() {
	ids := map[string]string{}
	for _, r := range roleSeeds {
		rec := Record{"Name": r.name, "DeveloperName": strings.ReplaceAll(r.name, " ", "_"),
			"RollupDescription": r.name, "OpportunityAccessForAccountOwner": "Edit", "CaseAccessForAccountOwner": "Edit",
			"LastModifiedDate": sd.ago(200), "LastModifiedById": sd.admin, "SystemModstamp": sd.ago(200)}
		if r.parent != "" {
			rec["ParentRoleId"] = ids[r.parent]
		}
		ids[r.name] = sd.s.Insert("UserRole", rec)
		sd.roles = append(sd.roles, ids[r.name])
		sd.insert("Group", Record{"Name": r.name, "DeveloperName": rec["DeveloperName"], "Type": "Role", "RelatedId": ids[r.name]})
	}
	for _, g := range []struct{ name, kind string }{{"All Sales", "Regular"}, {"Security Team", "Regular"}, {"Engineering", "Regular"}, {"Support Queue", "Queue"}, {"Everyone Else", "Regular"}} {
		sd.insert("Group", Record{"Name": g.name, "DeveloperName": strings.ReplaceAll(g.name, " ", "_"), "Type": g.kind, "OwnerId": sd.admin, "DoesIncludeBosses": g.kind == "Regular"})
	}
}

// userProfile decides a user's profile by position, planting the admins,
// integration and guest users first.
func userProfile(i int) string {
	switch {
	case i < 9:
		return "System Administrator"
	case i < 11:
		return "Integration User"
	case i == 11:
		return "Acme Site Guest Profile"
	case i < 40:
		return "Sales Operations"
	case i%25 == 0:
		return "Customer Community User"
	case i%10 == 1:
		return "Read Only"
	case i%10 == 2:
		return "Marketing User"
	case i%10 == 3:
		return "Support Agent"
	case i%17 == 4:
		return "Contract Manager"
	}
	return "Standard User"
}

func (sd *seeder) usersAndAssignments() {
	for i := 0; i < sd.opts.Users; i++ {
		sd.users = append(sd.users, sd.user(i))
	}
	for _, u := range sd.users {
		sd.s.Insert("PermissionSetAssignment", Record{"AssigneeId": u.id, "PermissionSetId": sd.profPS[u.profile],
			"IsActive": true, "IsRevoked": false, "SystemModstamp": u.created})
	}
	sd.plantedAssignments()
	sd.groupMembers()
}

func (sd *seeder) user(i int) seedUser {
	profile := userProfile(i)
	first, last := sd.pick(firstNames), sd.pick(lastNames)
	if i == 0 {
		first, last = "Ada", "Admin"
	}
	active := i == 0 || sd.rnd.IntN(10) != 0 || profile == "Acme Site Guest Profile"
	if i == 7 || i == 8 {
		active = i == 7 // one admin left active without MFA, one deactivated
	}
	userType := "Standard"
	switch profile {
	case "Acme Site Guest Profile":
		userType = "Guest"
	case "Customer Community User":
		userType = "PowerCustomerSuccess"
	}
	handle := strings.ToLower(strings.NewReplacer(" ", "", "'", "'").Replace(asciiFold(first) + "." + asciiFold(last)))
	u := seedUser{profile: profile, active: active, username: fmt.Sprintf("%s%d@acme.example.com", handle, i)}
	u.created = sd.ago(30 + sd.rnd.IntN(1500))
	if i == 0 {
		u.created = sd.now.AddDate(-4, 0, 0) // Ada set the org up
	}
	modified := u.created.AddDate(0, 0, 10)
	if !active {
		u.left = sd.leftAt(i, u.created)
		modified = u.left
	}
	r := Record{
		"Username": u.username, "FirstName": first, "LastName": last,
		"Name": first + " " + last, "Email": u.username,
		"Alias": fmt.Sprintf("u%05d", i), "CommunityNickname": fmt.Sprintf("%s%d", handle, i), "IsActive": active,
		"ProfileId": sd.profiles[profile], "UserType": userType, "Department": sd.pick(departments),
		"Title": sd.pick(titles), "TimeZoneSidKey": "America/Los_Angeles", "LocaleSidKey": "en_US",
		"LanguageLocaleKey": "en_US", "EmailEncodingKey": "UTF-8", "CreatedDate": u.created, "CreatedById": sd.admin,
		"LastModifiedDate": modified, "LastModifiedById": sd.admin, "SystemModstamp": modified,
		"NumberOfFailedLogins": float64(sd.rnd.IntN(4)), "LastPasswordChangeDate": sd.between(u.created, u.until(sd.now)),
		"EmployeeNumber": fmt.Sprintf("E%05d", i), "FederationIdentifier": nil,
	}
	if userType == "Standard" {
		r["UserRoleId"] = sd.pick(sd.roles)
	}
	if i%97 == 5 {
		r["AboutMe"] = "Line one\nLine two with \"quotes\", commas, and a tab\t."
	}
	if i > 0 && i%13 == 0 {
		r["ManagerId"] = sd.admin
	}
	sd.lastLogin(r, i, u)
	u.id = sd.s.Insert("User", r)
	sd.s.Insert("UserLogin", Record{"UserId": u.id, "IsFrozen": i%151 == 3, "IsPasswordLocked": i%211 == 9, "LastModifiedDate": sd.ago(20), "LastModifiedById": sd.admin})
	return u
}

// leftAt is when an inactive user was deactivated: the admin with the
// temporary Modify All Data grant (8) ten days ago, after the grant; the
// others some time after they joined.
func (sd *seeder) leftAt(i int, created time.Time) time.Time {
	if i == 8 {
		return sd.daysAgoAt(10, 17, 30)
	}
	return sd.between(created.AddDate(0, 0, 1), sd.now.AddDate(0, 0, -1))
}

// lastLogin sets LastLoginDate within the user's time in the org: recent
// for most, dormant (over 90 days) for some, never for a few; a leaver's
// before they left.
func (sd *seeder) lastLogin(r Record, i int, u seedUser) {
	dormant := sd.now.AddDate(0, 0, -91)
	switch n := sd.rnd.IntN(100); {
	case i == 0:
		r["LastLoginDate"] = sd.now.Add(-2 * time.Hour)
	case n < 4:
		r["LastLoginDate"] = nil
	case !u.active:
		r["LastLoginDate"] = sd.between(u.created, u.left)
	case n < 14 && u.created.Before(dormant):
		r["LastLoginDate"] = sd.between(u.created, dormant)
	case n < 14:
		r["LastLoginDate"] = nil // joined less than 91 days ago and never logged in
	default:
		r["LastLoginDate"] = sd.ago(sd.rnd.IntN(30))
	}
}

func asciiFold(s string) string {
	return strings.NewReplacer("ë", "e", "é", "e", "É", "E", "ñ", "n", "ü", "u", "ö", "o", "Ø", "O", "ø", "o",
		"á", "a", "ã", "a", "í", "i", "ó", "o", "ç", "c", "Ö", "O", "Ü", "U").Replace(s)
}

// assign gives a user a permission set, or a group's, at a time in their
// time in the org (or at one given).
func (sd *seeder) assign(u seedUser, label, permset, group string, at time.Time) {
	if at.IsZero() {
		at = sd.between(u.created, u.until(sd.now))
	}
	r := Record{"AssigneeId": u.id, "PermissionSetId": permset, "IsActive": true, "IsRevoked": false, "SystemModstamp": at}
	if group != "" {
		r["PermissionSetGroupId"] = sd.psg[group]
	}
	sd.s.Insert("PermissionSetAssignment", r)
	sd.granted = append(sd.granted, seedGrant{user: u, label: label, group: group != "", at: at})
}

func (sd *seeder) assignSet(u seedUser, name string, at time.Time) {
	sd.assign(u, permissionSetLabel(name), sd.permsets[name], "", at)
}

func (sd *seeder) assignGroup(u seedUser, name string) {
	sd.assign(u, permissionSetGroupLabel(name), sd.groupPS[name], name, time.Time{})
}

// plantedAssignments gives permission sets and groups to active users,
// and plants the findings: Data Loader left on leavers, a temporary Modify
// All Data grant on a standard user and on an admin who then left.
func (sd *seeder) plantedAssignments() {
	for i, u := range sd.users {
		switch {
		case !u.active:
			if i%5 == 0 && u.profile != "Customer Community User" {
				sd.assignSet(u, "Data_Loader", time.Time{}) // permission sets left on inactive users
			}
		case u.profile == "Standard User" && i%3 == 0:
			sd.assignGroup(u, "Sales_Team")
		case u.profile == "Sales Operations" && i%2 == 0:
			sd.assignSet(u, "Export_Reports", time.Time{})
		case u.profile == "Marketing User" && i%4 == 0:
			sd.assignSet(u, "API_Access", time.Time{})
		}
	}
	sd.plantedPrivileges()
}

func (sd *seeder) plantedPrivileges() {
	n := len(sd.users)
	for _, i := range []int{1, 2, 3, 4} {
		if i < n {
			sd.assignGroup(sd.users[i], "Security_Admins")
		}
	}
	for _, i := range []int{5, 6} {
		if i < n {
			sd.assignGroup(sd.users[i], "Release_Managers")
		}
	}
	if n > 1 { // the second admin made the temporary set
		sd.s.Update(sd.permsets["Modify_All_Data_Temp"], Record{"CreatedById": sd.users[1].id, "LastModifiedById": sd.users[1].id})
	}
	for k, i := range []int{45, 8, 120} {
		if i < n {
			sd.assignSet(sd.users[i], "Modify_All_Data_Temp", sd.daysAgoAt(29-k, 9, 40))
		}
	}
	for _, i := range []int{50, 51, 52, 9} {
		if i < n {
			sd.assignSet(sd.users[i], "Delegated_User_Admin", time.Time{})
		}
	}
}

func permissionSetLabel(name string) string {
	for _, p := range permissionSetSeeds {
		if p.name == name {
			return p.label
		}
	}
	return name
}

func permissionSetGroupLabel(name string) string {
	for _, g := range permissionSetGroupSeeds {
		if g.name == name {
			return g.label
		}
	}
	return name
}

func (sd *seeder) groupMembers() {
	groups := sd.s.Rows("Group")
	for i, u := range sd.users {
		if i%4 != 0 {
			continue
		}
		g := groups[sd.rnd.IntN(len(groups))]
		sd.s.Insert("GroupMember", Record{"GroupId": g["Id"], "UserOrGroupId": u.id, "SystemModstamp": sd.between(u.created, u.until(sd.now))})
	}
	// A group inside a group.
	sd.s.Insert("GroupMember", Record{"GroupId": groups[len(groups)-1]["Id"], "UserOrGroupId": groups[len(groups)-2]["Id"], "SystemModstamp": sd.ago(100)})
}
