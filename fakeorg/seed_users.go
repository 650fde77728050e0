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
		sd.assign(u.id, sd.profPS[u.profile], "")
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
	created := sd.ago(30 + sd.rnd.IntN(1500))
	r := Record{
		"Username": fmt.Sprintf("%s%d@acme.example.com", handle, i), "FirstName": first, "LastName": last,
		"Name": first + " " + last, "Email": fmt.Sprintf("%s%d@acme.example.com", handle, i),
		"Alias": fmt.Sprintf("u%05d", i), "CommunityNickname": fmt.Sprintf("%s%d", handle, i), "IsActive": active,
		"ProfileId": sd.profiles[profile], "UserType": userType, "Department": sd.pick(departments),
		"Title": sd.pick(titles), "TimeZoneSidKey": "America/Los_Angeles", "LocaleSidKey": "en_US",
		"LanguageLocaleKey": "en_US", "EmailEncodingKey": "UTF-8", "CreatedDate": created, "CreatedById": sd.admin,
		"LastModifiedDate": created.AddDate(0, 0, 10), "LastModifiedById": sd.admin, "SystemModstamp": created.AddDate(0, 0, 10),
		"NumberOfFailedLogins": float64(sd.rnd.IntN(4)), "LastPasswordChangeDate": sd.ago(sd.rnd.IntN(400)),
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
	sd.lastLogin(r, i, active)
	id := sd.s.Insert("User", r)
	sd.s.Insert("UserLogin", Record{"UserId": id, "IsFrozen": i%151 == 3, "IsPasswordLocked": i%211 == 9, "LastModifiedDate": sd.ago(20), "LastModifiedById": sd.admin})
	return seedUser{id: id, profile: profile, active: active}
}

// lastLogin sets LastLoginDate: recent for most, dormant (over 90 days) for
// some, never for a few.
func (sd *seeder) lastLogin(r Record, i int, active bool) {
	switch n := sd.rnd.IntN(100); {
	case i == 0:
		r["LastLoginDate"] = sd.now.Add(-2 * time.Hour)
	case n < 4:
		r["LastLoginDate"] = nil
	case n < 14 || !active:
		r["LastLoginDate"] = sd.ago(91 + sd.rnd.IntN(400))
	default:
		r["LastLoginDate"] = sd.ago(sd.rnd.IntN(30))
	}
}

func asciiFold(s string) string {
	return strings.NewReplacer("ë", "e", "é", "e", "É", "E", "ñ", "n", "ü", "u", "ö", "o", "Ø", "O", "ø", "o",
		"á", "a", "ã", "a", "í", "i", "ó", "o", "ç", "c", "Ö", "O", "Ü", "U").Replace(s)
}

func (sd *seeder) assign(user, permset, group string) {
	r := Record{"AssigneeId": user, "PermissionSetId": permset, "IsActive": true, "IsRevoked": false, "SystemModstamp": sd.ago(sd.rnd.IntN(300))}
	if group != "" {
		r["PermissionSetGroupId"] = sd.psg[group]
	}
	sd.s.Insert("PermissionSetAssignment", r)
}

// plantedAssignments gives permission sets and groups to users, including
// the findings: Modify All Data on inactive users and on a standard user.
func (sd *seeder) plantedAssignments() {
	for i, u := range sd.users {
		switch {
		case u.profile == "Standard User" && i%3 == 0:
			sd.assign(u.id, sd.groupPS["Sales_Team"], "Sales_Team")
		case u.profile == "Sales Operations" && i%2 == 0:
			sd.assign(u.id, sd.permsets["Export_Reports"], "")
		case u.profile == "Marketing User" && i%4 == 0:
			sd.assign(u.id, sd.permsets["API_Access"], "")
		}
		if !u.active && i%5 == 0 && u.profile != "Customer Community User" {
			sd.assign(u.id, sd.permsets["Data_Loader"], "") // permission sets left on inactive users
		}
	}
	n := len(sd.users)
	for _, i := range []int{1, 2, 3, 4} {
		if i < n {
			sd.assign(sd.users[i].id, sd.groupPS["Security_Admins"], "Security_Admins")
		}
	}
	for _, i := range []int{5, 6} {
		if i < n {
			sd.assign(sd.users[i].id, sd.groupPS["Release_Managers"], "Release_Managers")
		}
	}
	for _, i := range []int{45, 8, 120} {
		if i < n {
			sd.assign(sd.users[i].id, sd.permsets["Modify_All_Data_Temp"], "")
		}
	}
	for _, i := range []int{50, 51, 52, 9} {
		if i < n {
			sd.assign(sd.users[i].id, sd.permsets["Delegated_User_Admin"], "")
		}
	}
}

func (sd *seeder) groupMembers() {
	groups := sd.s.Rows("Group")
	for i, u := range sd.users {
		if i%4 != 0 {
			continue
		}
		g := groups[sd.rnd.IntN(len(groups))]
		sd.s.Insert("GroupMember", Record{"GroupId": g["Id"], "UserOrGroupId": u.id, "SystemModstamp": sd.ago(100)})
	}
	// A group inside a group.
	sd.s.Insert("GroupMember", Record{"GroupId": groups[len(groups)-1]["Id"], "UserOrGroupId": groups[len(groups)-2]["Id"], "SystemModstamp": sd.ago(100)})
}
