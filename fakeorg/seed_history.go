package fakeorg

import "time"

// PlantHistory makes the changes the demo's history shows between its two
// snapshots, as admins would make them at the org's clock: an offboarded
// user, a temporary Modify All Data grant, a revoked assignment, a
// permission set that gained a dangerous permission, a renamed profile, a
// user added to the security team, and a new hire. step moves the clock
// between changes.
func PlantHistory(o *Org, step func()) {
	byName := func(object, field, value string) Record {
		for _, r := range o.Store.Rows(object) {
			if r[field] == value {
				return r
			}
		}
		panic("fakeorg: no " + object + " " + value)
	}
	users := o.Store.Rows("User")
	secondAdmin := users[1]["Id"].(string)
	id := func(r Record) string { return r["Id"].(string) }
	str := func(r Record, f string) string { v, _ := r[f].(string); return v }
	audit := func(by, action, section, display string) {
		o.Insert("SetupAuditTrail", Record{"Action": action, "Section": section, "Display": display, "CreatedById": by, "DelegateUser": nil})
	}
	leaver, grantee, joiner := users[60], users[61], users[62]

	o.Update(id(leaver), Record{"IsActive": false, "LastModifiedById": secondAdmin})
	audit(secondAdmin, "deactivateduser", "Manage Users", "Deactivated user "+str(leaver, "Username"))
	step()
	temp := byName("PermissionSet", "Name", "Modify_All_Data_Temp")
	o.Insert("PermissionSetAssignment", Record{"AssigneeId": id(grantee), "PermissionSetId": id(temp), "IsActive": true})
	audit(o.AdminID(), "PermSetAssign", "Manage Users", "Permission set "+str(temp, "Label")+": assigned to user "+str(grantee, "Username"))
	step()
	export := byName("PermissionSet", "Name", "Export_Reports")
	for _, a := range o.Store.Rows("PermissionSetAssignment") {
		if a["PermissionSetId"] == id(export) {
			o.Delete(id(a))
			audit(o.AdminID(), "PermSetUnassign", "Manage Users", "Permission set "+str(export, "Label")+": unassigned from user "+usernameOf(users, a["AssigneeId"]))
			break
		}
	}
	step()
	loader := byName("PermissionSet", "Name", "Data_Loader")
	o.Update(id(loader), Record{"PermissionsViewAllData": true})
	audit(o.AdminID(), "PermSetEnableUserPerm", "Manage Users", "Permission set "+str(loader, "Label")+": View All Data was changed from False to True")
	step()
	o.Update(id(byName("Profile", "Name", "Read Only")), Record{"Name": "Read Only (legacy)", "LastModifiedById": secondAdmin})
	audit(secondAdmin, "profileRename", "Manage Users", "Changed profile name from Read Only to Read Only (legacy)")
	step()
	o.Insert("GroupMember", Record{"GroupId": id(byName("Group", "Name", "Security Team")), "UserOrGroupId": id(joiner)})
	step()
	hire := Record{}
	for k, v := range users[63] {
		switch k {
		case "Id", "CreatedDate", "LastModifiedDate", "SystemModstamp", "LastLoginDate", "LastPasswordChangeDate", goneKey:
		default:
			hire[k] = v
		}
	}
	hire["Username"], hire["Name"], hire["Email"] = "new.hire@acme.example.com", "Nova Hire", "new.hire@acme.example.com"
	o.Insert("User", hire)
	audit(o.AdminID(), "createduser", "Manage Users", "Created new user new.hire@acme.example.com")
}

func usernameOf(users []Record, id any) string {
	for _, u := range users {
		if u["Id"] == id {
			v, _ := u["Username"].(string)
			return v
		}
	}
	return ""
}

// HistoryStep is the clock step PlantHistory's callers use between changes.
const HistoryStep = 7 * time.Minute
