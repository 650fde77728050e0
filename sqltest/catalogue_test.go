package sqltest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/vtab"
	"github.com/sfsql/sfsql/vtab/tables"
)

// TestCatalogue_ExamplesRunAndTypesHold runs every spec's examples and
// checks that each column's values have its declared SQL type.
func TestCatalogue_ExamplesRunAndTypesHold(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 400})
	h := Open(t, srv, Options{CacheTTL: time.Minute})
	for _, spec := range tables.All {
		t.Run(spec.Table, func(t *testing.T) {
			for _, ex := range spec.Examples {
				if _, err := h.Query(ex); err != nil {
					t.Errorf("example %q: %v", ex, err)
				}
			}
			cols, err := h.Engine.Columns(spec.Table)
			if err != nil {
				t.Fatal(err)
			}
			if spec.Table == "soql" {
				return // a function: its example ran above
			}
			rows := h.MustQuery(t, "select * from "+spec.Table)
			if len(rows) == 0 {
				t.Fatalf("the demo org has no %s rows", spec.Table)
			}
			checkTypes(t, cols, rows)
		})
	}
}

func checkTypes(t *testing.T, cols []vtab.ColumnInfo, rows [][]string) {
	t.Helper()
	prefix := map[string]string{"INTEGER": "i:", "REAL": "f:", "TEXT": "s:"}
	for _, r := range rows {
		for i, c := range cols {
			if v := r[i]; v != "NULL" && !strings.HasPrefix(v, prefix[c.Type]) {
				t.Fatalf("column %s is %s but holds %s", c.Name, c.Type, v)
			}
		}
	}
}

func TestCatalogue_SpecColumnMissingFromOrgIsNull(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 50})
	// An org whose describe lacks a field the spec lists.
	o := srv.Store.Schema.Object("User")
	var kept []fakeorg.Field
	for _, f := range o.Fields {
		if f.Name != "FederationIdentifier" {
			kept = append(kept, f)
		}
	}
	o.Fields = kept
	srv.Store.Schema.Add(o)
	h := Open(t, srv, Options{})
	rows := h.MustQuery(t, "select federation_identifier, username from salesforce_user where federation_identifier is null limit 3")
	if len(rows) != 3 || rows[0][0] != "NULL" {
		t.Fatalf("rows %v", rows)
	}
	for _, q := range h.SOQL {
		if strings.Contains(q, "FederationIdentifier") {
			t.Fatalf("SOQL names a field the org lacks: %s", q)
		}
	}
}

func TestCatalogue_EveryOtherObjectIsATable(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 50})
	h := Open(t, srv, Options{})
	rows := h.MustQuery(t, "select count(*) from salesforce_account where type = 'Customer'")
	if rows[0][0] == "i:0" {
		t.Fatalf("no accounts: %v", rows)
	}
	if rows := h.MustQuery(t, "select source_ip from salesforce_login_ip limit 1"); len(rows) != 0 {
		t.Fatalf("the demo org has no LoginIp rows, got %v", rows)
	}
}

func TestSOQLFunction_RawQueries(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 50})
	h := Open(t, srv, Options{})
	rows := h.MustQuery(t, "select id, object, json_extract(record, '$.Profile.Name') from soql('SELECT Id, Username, Profile.Name FROM User WHERE IsActive = true LIMIT 3')")
	if len(rows) != 3 || rows[0][1] != "s:User" || !strings.HasPrefix(rows[0][2], "s:") {
		t.Fatalf("rows %v", rows)
	}
}

func TestUserPermission_ExpandsProfilesSetsAndGroups(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 200})
	h := Open(t, srv, Options{CacheTTL: time.Minute})
	rows := h.MustQuery(t, `select source_type, count(distinct user_id) from salesforce_user_permission
		where permission = 'ModifyAllData' group by source_type order by 1`)
	got := fmt.Sprint(rows)
	// Seed: 9 admins and 2 integration users by profile; 3 users through
	// Modify_All_Data_Temp.
	want := "[[s:PermissionSet i:3] [s:Profile i:11]]"
	if got != want {
		t.Fatalf("ModifyAllData holders by source: %s, want %s", got, want)
	}
	rows = h.MustQuery(t, `select count(*) from salesforce_user_permission where source_type = 'PermissionSetGroup' and source_name = 'Security Admins' and permission = 'ManageUsers'`)
	if rows[0][0] != "i:4" {
		t.Fatalf("ManageUsers through Security Admins: %v", rows)
	}
	admin := srv.AdminID()
	srv.ResetCounters()
	rows = h.MustQuery(t, "select permission from salesforce_user_permission where user_id = ? and permission = 'AuthorApex'", admin)
	if len(rows) != 1 {
		t.Fatalf("admin AuthorApex rows: %v", rows)
	}
}

// Deleted records (the recycle bin) are asked of queryAll when the query
// wants them.
func TestQueryAll_ForDeletedRecords(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 20})
	h := Open(t, srv, Options{})
	live := h.MustQuery(t, "select count(*) from salesforce_account")
	deleted := h.MustQuery(t, "select name from salesforce_account where is_deleted = 1")
	either := h.MustQuery(t, "select count(*) from salesforce_account where is_deleted in (0, 1)")
	if live[0][0] != "i:49" || len(deleted) != 1 || either[0][0] != "i:50" {
		t.Fatalf("live %v, deleted %v, either %v", live, deleted, either)
	}
}
