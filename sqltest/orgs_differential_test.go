package sqltest

import (
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
)

// loadUnionReference copies an object of every org into one plain table:
// the oracle of a several-org table, each org's rows once, a field an org
// lacks NULL for its rows.
func loadUnionReference(t *testing.T, h *Harness, orgs []NamedOrg, name, object string, cols []refColumn) {
	t.Helper()
	var defs, marks []string
	for _, c := range cols {
		defs = append(defs, c.name+" "+c.sqlType())
		marks = append(marks, "?")
	}
	h.MustQuery(t, "create table "+name+"("+strings.Join(defs, ", ")+")")
	insert := "insert into " + name + " values (" + strings.Join(marks, ", ") + ")"
	for _, o := range orgs {
		var paths []string
		var have []refColumn
		for _, c := range cols {
			if strings.Contains(c.path, ".") || o.Srv.Store.Schema.Object(object).Field(c.path) != nil {
				paths = append(paths, c.path)
				have = append(have, c)
			}
		}
		for _, rec := range rawRecords(t, o.Srv, "SELECT "+strings.Join(paths, ", ")+" FROM "+object) {
			var vals []any
			for _, c := range cols {
				var v any
				for _, hc := range have {
					if hc == c {
						v = refValue(t, rec, c)
					}
				}
				vals = append(vals, v)
			}
			if _, err := h.Conn.ExecContext(t.Context(), insert, vals...); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestDifferential_SeveralOrgs: the generated queries — filters of every
// operator and collation, joins, parameters, counts — over two orgs, one
// with the tricky values and a custom field, the other lacking Department
// and the custom field, return what SQLite computes on the union of the
// orgs' raw records: a term one org cannot take is never dropped, and no
// row is lost or doubled.
func TestDifferential_SeveralOrgs(t *testing.T) {
	t.Parallel()
	a := NewOrg(t, fakeorg.SeedOptions{Users: 200, OrgNumber: 1})
	plantTricky(a)
	b := NewOrg(t, fakeorg.SeedOptions{Users: 120, Seed: 2, OrgNumber: 2})
	b.Store.Schema.Object("User").RemoveField("Department")
	orgs := []NamedOrg{{Name: "a", Srv: a, KnownID: true}, {Name: "b", Srv: b, KnownID: true}}
	h := OpenOrgs(t, orgs, OrgsOptions{Options: Options{CacheTTL: time.Minute}})
	loadUnionReference(t, h, orgs, "ref_user", "User", refUserColumns)
	loadUnionReference(t, h, orgs, "ref_profile", "Profile", refProfileColumns)
	loadUnionReference(t, h, orgs, "ref_role", "UserRole", refRoleColumns)
	plantAllowList(t, h)
	g := newGenerator(t, h, 47)
	h.SOQL = nil
	n := 1500
	if testing.Short() {
		n = 300
	}
	mismatches := 0
	for i := 0; i < n && mismatches < 10; i++ {
		if !compareOnce(t, h, g.next()) {
			mismatches++
		}
	}
	pushed := 0
	for _, q := range h.SOQL {
		if strings.Contains(q, " WHERE ") {
			pushed++
		}
	}
	if pushed < len(h.SOQL)/5 {
		t.Fatalf("too little pushdown to prove anything: %d of %d scans have a WHERE", pushed, len(h.SOQL))
	}
}
