package fakeorg

import (
	"strings"
	"time"
)

var licenseSeeds = []struct {
	name, key string
	total     int
}{
	{"Salesforce", "SFDC", 2600},
	{"Salesforce Platform", "AUL", 300},
	{"Guest User License", "PID_Guest_User", 50},
	{"Customer Community", "PID_Customer_Community", 500},
	{"Salesforce Integration", "PID_SFDC_Integration", 5},
}

// profileSeeds: name, licence, user type, permissions granted.
var profileSeeds = []struct {
	name, license, userType string
	perms                   []string
}{
	{"System Administrator", "Salesforce", "Standard", []string{"ModifyAllData", "ViewAllData", "ManageUsers", "AuthorApex", "CustomizeApplication", "ApiEnabled", "ViewSetup", "ExportReport", "ResetPasswords", "ManageInternalUsers", "ViewAllUsers", "ManageProfilesPermissionsets", "AssignPermissionSets", "ManageSharing", "RunReports", "EditTask", "ManageRoles", "ManageIpAddresses", "ModifyMetadata", "ManageAuthProviders", "ManageRemoteAccess", "ManageEncryptionKeys", "ViewEventLogFiles", "DataExport", "TransferAnyEntity", "LightningExperienceUser", "ChatterInternalUser", "BulkApiHardDelete"}},
	{"Standard User", "Salesforce", "Standard", []string{"ApiEnabled", "RunReports", "EditTask", "ExportReport", "LightningExperienceUser", "ChatterInternalUser"}},
	{"Read Only", "Salesforce", "Standard", []string{"RunReports", "LightningExperienceUser", "ChatterInternalUser"}},
	{"Marketing User", "Salesforce", "Standard", []string{"ApiEnabled", "RunReports", "EditTask", "ImportPersonal", "LightningExperienceUser", "ChatterInternalUser"}},
	{"Contract Manager", "Salesforce", "Standard", []string{"RunReports", "EditTask", "LightningExperienceUser"}},
	{"Sales Operations", "Salesforce", "Standard", []string{"ApiEnabled", "RunReports", "ExportReport", "ViewAllData", "TransferAnyEntity", "EditReadonlyFields", "LightningExperienceUser", "PasswordNeverExpires"}},
	{"Support Agent", "Salesforce Platform", "Standard", []string{"RunReports", "EditTask", "LightningExperienceUser"}},
	{"Integration User", "Salesforce Integration", "Standard", []string{"ApiEnabled", "ApiUserOnly", "ModifyAllData", "ViewAllData", "PasswordNeverExpires", "BulkApiHardDelete"}},
	{"Acme Site Guest Profile", "Guest User License", "Guest", []string{"RunReports"}},
	{"Customer Community User", "Customer Community", "PowerCustomerSuccess", []string{"EditTask"}},
	{"Minimum Access - Salesforce", "Salesforce", "Standard", nil},
}

// permissionSetSeeds: API name, label, permissions.
var permissionSetSeeds = []struct {
	name, label string
	perms       []string
}{
	{"Modify_All_Data_Temp", "Modify All Data (temporary)", []string{"ModifyAllData", "ViewAllData", "ViewSetup"}},
	{"API_Access", "API Access", []string{"ApiEnabled"}},
	{"Export_Reports", "Export Reports", []string{"ExportReport", "RunReports"}},
	{"Delegated_User_Admin", "Delegated User Admin", []string{"ManageUsers", "ResetPasswords", "ManageInternalUsers", "ViewSetup", "AssignPermissionSets"}},
	{"View_Setup", "View Setup and Configuration", []string{"ViewSetup"}},
	{"Apex_Developer", "Apex Developer", []string{"AuthorApex", "CustomizeApplication", "ModifyMetadata", "ViewSetup"}},
	{"Sales_Cloud_User", "Sales Cloud User", []string{"RunReports", "EditTask"}},
	{"Data_Loader", "Data Loader", []string{"ApiEnabled", "BulkApiHardDelete", "DataExport"}},
	{"Event_Monitoring", "Event Monitoring", []string{"ViewEventLogFiles"}},
	{"Login_Policy_Admin", "Login Policy Admin", []string{"ManageLoginAccessPolicies", "ManageIpAddresses"}},
}

var permissionSetGroupSeeds = []struct {
	name, label string
	members     []string
}{
	{"Security_Admins", "Security Admins", []string{"Delegated_User_Admin", "View_Setup", "Event_Monitoring", "Login_Policy_Admin"}},
	{"Sales_Team", "Sales Team", []string{"Sales_Cloud_User", "Export_Reports"}},
	{"Release_Managers", "Release Managers", []string{"Apex_Developer", "API_Access"}},
}

func permissions(names []string, r Record) Record {
	for _, n := range names {
		r["Permissions"+n] = true
	}
	return r
}

func (sd *seeder) licensesAndProfiles() {
	for _, l := range licenseSeeds {
		sd.licenses[l.name] = sd.insert("UserLicense", Record{
			"Name": l.name, "MasterLabel": l.name, "LicenseDefinitionKey": l.key,
			"TotalLicenses": float64(l.total), "UsedLicenses": float64(0), "Status": "Active",
		})
	}
	for _, p := range profileSeeds {
		id := sd.insert("Profile", permissions(p.perms, Record{
			"Name": p.name, "UserLicenseId": sd.licenses[p.license], "UserType": p.userType,
			"Description": "Profile " + p.name,
		}))
		sd.profiles[p.name] = id
		// Every profile owns a permission set holding the same permissions.
		sd.profPS[p.name] = sd.insert("PermissionSet", permissions(p.perms, Record{
			"Name": "X00e" + strings.ToUpper(id[3:15]), "Label": p.name, "ProfileId": id,
			"IsOwnedByProfile": true, "IsCustom": false, "Type": "Profile", "LicenseId": sd.licenses[p.license],
		}))
	}
}

func (sd *seeder) permissionSets() {
	for _, p := range permissionSetSeeds {
		r := Record{}
		if p.name == "Modify_All_Data_Temp" { // made thirty days ago: see auditTrail
			made := sd.daysAgoAt(30, 9, 12)
			r = Record{"CreatedDate": made, "LastModifiedDate": made.Add(5 * time.Minute), "SystemModstamp": made.Add(5 * time.Minute)}
		}
		sd.permsets[p.name] = sd.insert("PermissionSet", permissions(p.perms, merge(r, Record{
			"Name": p.name, "Label": p.label, "IsOwnedByProfile": false, "IsCustom": true, "Type": "Regular",
			"Description": p.label + " permissions",
		})))
	}
	for _, g := range permissionSetGroupSeeds {
		id := sd.insert("PermissionSetGroup", Record{
			"DeveloperName": g.name, "MasterLabel": g.label, "Status": "Updated", "Language": "en_US",
			"Description": g.label,
		})
		sd.psg[g.name] = id
		var union []string
		for _, m := range g.members {
			sd.insert("PermissionSetGroupComponent", Record{"PermissionSetGroupId": id, "PermissionSetId": sd.permsets[m]})
			for _, ps := range permissionSetSeeds {
				if ps.name == m {
					union = append(union, ps.perms...)
				}
			}
		}
		// Salesforce keeps a computed permission set per group.
		sd.groupPS[g.name] = sd.insert("PermissionSet", permissions(union, Record{
			"Name": "PSG_" + g.name, "Label": g.label, "IsOwnedByProfile": false, "IsCustom": false,
			"Type": "Group", "PermissionSetGroupId": id,
		}))
	}
}

// objectAccess grants object permissions; the guest profile's edit and
// delete on Account is a finding.
func (sd *seeder) objectAccess() {
	grant := func(parent, object string, read, create, edit, del, viewAll, modifyAll bool) {
		sd.insert("ObjectPermissions", Record{
			"ParentId": parent, "SobjectType": object, "PermissionsRead": read, "PermissionsCreate": create,
			"PermissionsEdit": edit, "PermissionsDelete": del, "PermissionsViewAllRecords": viewAll,
			"PermissionsModifyAllRecords": modifyAll, "PermissionsViewAllFields": viewAll,
		})
	}
	for _, obj := range []string{"Account", "Contact", "Opportunity", "Case", "Lead"} {
		grant(sd.profPS["System Administrator"], obj, true, true, true, true, true, true)
		grant(sd.profPS["Standard User"], obj, true, true, true, obj != "Account", false, false)
		grant(sd.profPS["Read Only"], obj, true, false, false, false, false, false)
		grant(sd.permsets["Data_Loader"], obj, true, true, true, true, true, false)
	}
	grant(sd.profPS["Acme Site Guest Profile"], "Account", true, true, true, true, false, false)
	grant(sd.profPS["Acme Site Guest Profile"], "Case", true, true, false, false, false, false)
	grant(sd.profPS["Customer Community User"], "Case", true, true, true, false, false, false)
	for _, f := range []string{"Account.AnnualRevenue", "Account.Description", "Contact.Email", "Contact.Phone"} {
		obj, _, _ := strings.Cut(f, ".")
		sd.s.Insert("FieldPermissions", Record{"ParentId": sd.profPS["Standard User"], "SobjectType": obj, "Field": f, "PermissionsRead": true, "PermissionsEdit": true, "SystemModstamp": sd.ago(30)})
		sd.s.Insert("FieldPermissions", Record{"ParentId": sd.profPS["Acme Site Guest Profile"], "SobjectType": obj, "Field": f, "PermissionsRead": true, "PermissionsEdit": obj == "Account", "SystemModstamp": sd.ago(30)})
	}
}
