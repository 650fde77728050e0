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
	leaver, grantee, joiner := users[60], users[61], users[62]

	o.Update(id(leaver), Record{"IsActive": false, "LastModifiedById": secondAdmin})
	step()
	o.Insert("PermissionSetAssignment", Record{"AssigneeId": id(grantee), "PermissionSetId": id(byName("PermissionSet", "Name", "Modify_All_Data_Temp")), "IsActive": true})
	step()
	for _, a := range o.Store.Rows("PermissionSetAssignment") {
		if a["PermissionSetId"] == id(byName("PermissionSet", "Name", "Export_Reports")) {
			o.Delete(id(a))
			break
		}
	}
	step()
	o.Update(id(byName("PermissionSet", "Name", "Data_Loader")), Record{"PermissionsViewAllData": true})
	step()
	o.Update(id(byName("Profile", "Name", "Read Only")), Record{"Name": "Read Only (legacy)", "LastModifiedById": secondAdmin})
	step()
	o.Insert("GroupMember", Record{"GroupId": id(byName("Group", "Name", "Security Team")), "UserOrGroupId": id(joiner)})
	step()
	hire := Record{}
	for k, v := range users[63] {
		switch k {
		case "Id", "CreatedDate", "LastModifiedDate", "SystemModstamp", "LastLoginDate", goneKey:
		default:
			hire[k] = v
		}
	}
	hire["Username"], hire["Name"], hire["Email"] = "new.hire@acme.example.com", "Nova Hire", "new.hire@acme.example.com"
	o.Insert("User", hire)
}

// HistoryStep is the clock step PlantHistory's callers use between changes.
const HistoryStep = 7 * time.Minute
