package main

import (
	"fmt"
	"time"
)

// accessMatrix measures effective access over an org of users: one user's
// (by username, then by Id), one object's, and the whole matrix of both
// tables, each cold (no cache).
func accessMatrix(users int, latency time.Duration) {
	srv := newOrg(users, latency)
	defer srv.Close()
	h := open(srv, 0, 0)
	defer h.Close()
	h.Query("select 1 from salesforce_user limit 0")
	fmt.Printf("  (access org: %d users, %d assignments, %d object grants, %d field grants)\n", users,
		len(srv.Store.Rows("PermissionSetAssignment")), len(srv.Store.Rows("ObjectPermissions")), len(srv.Store.Rows("FieldPermissions")))
	admin := srv.Store.Rows("User")[0]
	for _, s := range []struct{ name, sql string }{
		{"one user's object access (username)", "select * from salesforce_user_object_access where username = '" + admin["Username"].(string) + "'"},
		{"one user's field access (user_id)", "select * from salesforce_user_field_access where user_id = '" + admin["Id"].(string) + "'"},
		{"one object's access (Account)", "select * from salesforce_user_object_access where sobject_type = 'Account'"},
		{fmt.Sprintf("object access matrix, %d users", users), "select * from salesforce_user_object_access"},
		{fmt.Sprintf("field access matrix, %d users", users), "select * from salesforce_user_field_access"},
	} {
		h.Engine.ClearCache()
		run(h, s.name, s.sql)
	}
}
