package fakeorg

import (
	"sort"
	"time"
)

// auditLine is one Setup Audit Trail entry.
type auditLine struct {
	at                       time.Time
	by                       string
	action, section, display string
}

// auditTrail derives the Setup Audit Trail from the seeded records, so the
// two tell one story: the users who joined and left, the permission sets
// and groups assigned, the temporary Modify All Data set (made by the
// second admin thirty days ago and given to three users, one of whom left
// since), the sfsql app, and the weakened session and password settings
// the health check reports. Like Salesforce, it keeps 180 days.
func (sd *seeder) auditTrail() {
	if len(sd.users) == 0 {
		return
	}
	second := sd.users[min(1, len(sd.users)-1)].id
	var lines []auditLine
	add := func(at time.Time, by, action, section, display string) {
		lines = append(lines, auditLine{at, by, action, section, display})
	}
	for _, u := range sd.users {
		add(u.created, sd.admin, "createduser", "Manage Users", "Created new user "+u.username)
		if !u.left.IsZero() {
			add(u.left, sd.admin, "deactivateduser", "Manage Users", "Deactivated user "+u.username)
		}
	}
	for _, g := range sd.granted {
		by, action, display := sd.admin, "PermSetAssign", "Permission set "+g.label+": assigned to user "+g.user.username
		if g.group {
			action, display = "PermSetGroupAssign", "Permission set group "+g.label+": assigned to user "+g.user.username
		}
		if g.label == permissionSetLabel("Modify_All_Data_Temp") {
			by = second
		}
		add(g.at, by, action, "Manage Users", display)
	}
	temp := permissionSetLabel("Modify_All_Data_Temp")
	made := sd.s.Get(sd.permsets["Modify_All_Data_Temp"])["CreatedDate"].(time.Time)
	add(made, second, "PermSetCreate", "Manage Users", "Created permission set "+temp)
	add(made.Add(5*time.Minute), second, "PermSetEnableUserPerm", "Manage Users",
		"Permission set "+temp+": Modify All Data was changed from False to True")
	for _, app := range sd.s.Rows("ConnectedApplication") {
		if created, _ := app["CreatedDate"].(time.Time); app["Name"] == "sfsql" {
			add(created, sd.admin, "createdConnectedApp", "Connected Apps", "Created connected app sfsql")
		}
	}
	add(sd.daysAgoAt(45, 16, 42), second, "changedSessionTimeout", "Session Settings", "Changed session timeout from 2 hours to 24 hours")
	add(sd.daysAgoAt(60, 11, 5), second, "changedPasswordPolicy", "Password Policies", "Changed minimum password length from 12 to 8")
	sd.writeAudit(lines)
}

// writeAudit inserts the last 180 days' lines in time order.
func (sd *seeder) writeAudit(lines []auditLine) {
	since := sd.now.AddDate(0, 0, -180)
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].at.Before(lines[j].at) })
	for _, l := range lines {
		if l.at.Before(since) || l.at.After(sd.now) {
			continue
		}
		sd.s.Insert("SetupAuditTrail", Record{"Action": l.action, "Section": l.section, "Display": l.display,
			"CreatedDate": l.at, "CreatedById": l.by, "SystemModstamp": l.at, "DelegateUser": nil})
	}
}

// daysAgoAt is a fixed time of day, days before now: the planted events
// happen at office hours, the same every run.
func (sd *seeder) daysAgoAt(days, hour, minute int) time.Time {
	d := sd.now.AddDate(0, 0, -days).Truncate(24 * time.Hour)
	return d.Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute)
}
