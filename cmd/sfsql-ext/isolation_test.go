package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/sqltest"
)

// TestHosts_OnlyTheLoadingConnectionHasTheTables: in one Python process,
// a connection that did not load sfsql.so has no salesforce tables and no
// sfsql functions, while the one that did has both.
func TestHosts_OnlyTheLoadingConnectionHasTheTables(t *testing.T) {
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 20})
	run := runScript(pythonPath(t), "testdata/two_connections.py")
	r := run(t, orgEnv(t, srv), "1:select count(*) from salesforce_user", "2:select count(*) from salesforce_user",
		"2:select sfsql_version()", "1:select count(*) from salesforce_user_role")
	if r[0].err != "" || !reflect.DeepEqual(r[0].rows, []any{[]any{20.0}}) || r[3].err != "" {
		t.Fatalf("the loading connection: %+v", r)
	}
	if !strings.Contains(r[1].err, "no such table: salesforce_user") || !strings.Contains(r[2].err, "no such function: sfsql_version") {
		t.Fatalf("the other connection: %+v", r)
	}
}

// TestHosts_SwitchOrgsWithDifferentFieldSets: org A has a custom field and
// the standard Department; org B lacks both and has other users. After
// sfsql_connect('b') the tables are the union of A's and B's rows, B's
// reading NULL for the fields it lacks; after sfsql_disconnect('a') they
// are B's alone: Department (a spec column) reads NULL instead of
// failing, A's custom field is gone, and none of A's cached rows is
// served; connecting A again and dropping B brings A's columns and rows.
func TestHosts_SwitchOrgsWithDifferentFieldSets(t *testing.T) {
	a := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 20})
	b := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 30, Seed: 2})
	a.Store.Schema.Object("User").AddField(fakeorg.Field{Name: "Clearance__c", Type: "string", Nillable: true, Label: "Clearance", Filterable: true, Sortable: true})
	for _, u := range a.Store.Rows("User")[:3] {
		a.Store.Update(u["Id"].(string), fakeorg.Record{"Clearance__c": "top"})
	}
	b.Store.Schema.Object("User").RemoveField("Department")
	config := t.TempDir()
	store := &auth.Store{Dir: config}
	for name, srv := range map[string]*fakeorg.Server{"a": a, "b": b} {
		srv.AddConnectedApp(fakeorg.ConnectedApp{ClientID: "cc", ClientSecret: "s", RunAs: "ada.admin0@acme.example.com"})
		store.Save(&auth.Connection{Name: name, Method: auth.MethodClientCredentials, InstanceURL: srv.URL, ClientID: "cc"}, &auth.Secrets{ClientSecret: "s"})
	}
	statements := []string{
		"select sfsql_connect('a')",
		"select count(*), count(clearance__c), count(department) > 0 from salesforce_user",
		"select sfsql_connect('b')",
		"select connection, count(*), count(department) > 0, count(clearance__c) from salesforce_user group by 1 order by 1",
		"select sfsql_disconnect('a')",
		"select count(*), count(department) from salesforce_user",
		"select clearance__c from salesforce_user",
		"select sfsql_connect('a')",
		"select sfsql_disconnect('b')",
		"select count(*), count(clearance__c) from salesforce_user",
		"select sfsql_disconnect('a')",
	}
	for _, h := range hosts(t)[1:] { // python3 and node: one connection across statements
		t.Run(h.name, func(t *testing.T) {
			r := h.run(t, env("SFSQL_CONFIG_DIR="+config, "SFSQL_CACHE_DIR="+t.TempDir(), "HOME="+t.TempDir()), statements...)
			want := [][]any{{20.0, 3.0, 1.0}, {30.0, 0.0}, {20.0, 3.0}}
			union := []any{[]any{"a", 20.0, 1.0, 3.0}, []any{"b", 30.0, 0.0, 0.0}}
			if !reflect.DeepEqual(r[1].rows, []any{want[0]}) || !reflect.DeepEqual(r[3].rows, union) ||
				!reflect.DeepEqual(r[5].rows, []any{want[1]}) || !strings.Contains(r[6].err, "no such column: clearance__c") ||
				!reflect.DeepEqual(r[9].rows, []any{want[2]}) || !strings.Contains(r[10].err, "the only org of this session") {
				t.Fatalf("%+v", r)
			}
		})
	}
}
