package fakeorg

import (
	"strings"
	"time"
)

// The access story: grants whose effect only a full resolution gets
// right, planted on purpose for salesforce_user_object_access and
// explain-access.
//
//   - The Service Desk group holds Case Desk (Case: read, create, edit,
//     delete) and Account Auditor (Account: read, view all; Contact: read;
//     read of Account.AnnualRevenue and Contact.Email; Run Reports), and a
//     muting permission set that mutes Case delete, Account view all,
//     Contact.Email and Run Reports: its members delete no Case.
//   - Account Auditor assigned straight to one user expired five days ago:
//     it grants nothing now; to another it expires in ten years.
//   - Export on Demand is session-based (HasActivationRequired): its
//     Opportunity view all is on only while a session activates it.
//
// Nothing here draws on the seed's random numbers, so the rest of the org
// is the same with or without it.
func (sd *seeder) accessStory() {
	at := sd.daysAgoAt(12, 10, 30)
	caseDesk := sd.storySet("Case_Desk", "Case Desk", false, []string{"EditTask"}, at)
	auditor := sd.storySet("Account_Auditor", "Account Auditor", false, []string{"RunReports"}, at)
	onDemand := sd.storySet("Export_On_Demand", "Export on Demand", true, []string{"ExportReport"}, at)
	sd.storyObject(caseDesk, "Case", Record{"PermissionsRead": true, "PermissionsCreate": true, "PermissionsEdit": true, "PermissionsDelete": true}, at)
	sd.storyObject(auditor, "Account", Record{"PermissionsRead": true, "PermissionsViewAllRecords": true}, at)
	sd.storyObject(auditor, "Contact", Record{"PermissionsRead": true}, at)
	sd.storyObject(onDemand, "Opportunity", Record{"PermissionsRead": true, "PermissionsViewAllRecords": true}, at)
	for _, f := range []string{"Account.AnnualRevenue", "Contact.Email"} {
		sd.storyField(auditor, f, true, false, at)
	}
	muting := sd.s.Insert("MutingPermissionSet", Record{"DeveloperName": "Service_Desk_Muting", "MasterLabel": "Service Desk Muting",
		"Language": "en_US", "PermissionsRunReports": true, "CreatedDate": at, "CreatedById": sd.admin, "LastModifiedDate": at,
		"LastModifiedById": sd.admin, "SystemModstamp": at})
	sd.storyObject(muting, "Case", Record{"PermissionsDelete": true}, at)
	sd.storyObject(muting, "Account", Record{"PermissionsViewAllRecords": true}, at)
	sd.storyField(muting, "Contact.Email", true, false, at)
	group := sd.s.Insert("PermissionSetGroup", Record{"DeveloperName": "Service_Desk", "MasterLabel": "Service Desk", "Status": "Updated",
		"Language": "en_US", "Description": "Service Desk", "CreatedDate": at, "CreatedById": sd.admin, "LastModifiedDate": at,
		"LastModifiedById": sd.admin, "SystemModstamp": at})
	sd.psg["Service_Desk"] = group
	for _, c := range []string{caseDesk, auditor, muting} {
		sd.s.Insert("PermissionSetGroupComponent", Record{"PermissionSetGroupId": group, "PermissionSetId": c, "CreatedDate": at,
			"CreatedById": sd.admin, "LastModifiedDate": at, "LastModifiedById": sd.admin, "SystemModstamp": at})
	}
	// The group's computed set: its sets' permissions less the muted.
	sd.groupPS["Service_Desk"] = sd.storyPermissionSet(permissions([]string{"EditTask"}, Record{"Name": "PSG_Service_Desk", "Label": "Service Desk",
		"IsOwnedByProfile": false, "IsCustom": false, "Type": "Group", "PermissionSetGroupId": group}), at)
	sd.storyAssignments(auditor, onDemand)
}

// storyUsers are active standard users with no other grant.
func (sd *seeder) storyUsers(n int) []seedUser {
	var out []seedUser
	for i, u := range sd.users {
		if len(out) < n && i > 20 && u.active && u.profile == "Standard User" && i%3 == 1 {
			out = append(out, u)
		}
	}
	return out
}

func (sd *seeder) storyAssignments(auditor, onDemand string) {
	users := sd.storyUsers(5)
	at := sd.daysAgoAt(11, 9, 0)
	for i, u := range users {
		switch i {
		case 0, 1:
			sd.assign(u, "Service Desk", sd.groupPS["Service_Desk"], "Service_Desk", at)
		case 2:
			sd.assignExpiring(u, "Account Auditor", auditor, at, sd.daysAgoAt(5, 0, 0))
		case 3:
			// Far ahead, so that it counts whenever the tests run.
			sd.assignExpiring(u, "Account Auditor", auditor, at, sd.now.AddDate(10, 0, 0).Truncate(24*time.Hour))
		case 4:
			sd.assign(u, "Export on Demand", onDemand, "", at)
		}
	}
}

func (sd *seeder) assignExpiring(u seedUser, label, permset string, at, expires time.Time) {
	sd.s.Insert("PermissionSetAssignment", Record{"AssigneeId": u.id, "PermissionSetId": permset, "IsActive": true, "IsRevoked": false,
		"SystemModstamp": at, "ExpirationDate": expires})
	sd.granted = append(sd.granted, seedGrant{user: u, label: label, at: at})
}

func (sd *seeder) storySet(name, label string, session bool, perms []string, at time.Time) string {
	id := sd.storyPermissionSet(permissions(perms, Record{"Name": name, "Label": label, "IsOwnedByProfile": false, "IsCustom": true,
		"Type": "Regular", "Description": label + " permissions", "HasActivationRequired": session}), at)
	sd.permsets[name] = id
	return id
}

func (sd *seeder) storyPermissionSet(r Record, at time.Time) string {
	return sd.s.Insert("PermissionSet", merge(r, Record{"CreatedDate": at, "CreatedById": sd.admin, "LastModifiedDate": at,
		"LastModifiedById": sd.admin, "SystemModstamp": at}))
}

func (sd *seeder) storyObject(parent, object string, rights Record, at time.Time) {
	r := Record{"ParentId": parent, "SobjectType": object, "CreatedDate": at, "CreatedById": sd.admin, "LastModifiedDate": at,
		"LastModifiedById": sd.admin, "SystemModstamp": at}
	for _, k := range []string{"PermissionsRead", "PermissionsCreate", "PermissionsEdit", "PermissionsDelete", "PermissionsViewAllRecords",
		"PermissionsModifyAllRecords", "PermissionsViewAllFields"} {
		v, _ := rights[k].(bool)
		r[k] = v
	}
	sd.s.Insert("ObjectPermissions", r)
}

func (sd *seeder) storyField(parent, field string, read, edit bool, at time.Time) {
	object, _, _ := strings.Cut(field, ".")
	sd.s.Insert("FieldPermissions", Record{"ParentId": parent, "SobjectType": object, "Field": field, "PermissionsRead": read,
		"PermissionsEdit": edit, "SystemModstamp": at})
}
