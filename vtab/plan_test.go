package vtab

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sfsql/sfsql/salesforce"
	"github.com/sfsql/sfsql/soql"
)

func TestSnakeCase(t *testing.T) {
	cases := map[string]string{
		"IsActive": "is_active", "UserRoleId": "user_role_id", "PermissionsModifyAllData": "permissions_modify_all_data",
		"Foo__c": "foo__c", "SBQQ__Quote__c": "sbqq__quote__c", "Profile.Name": "profile_name", "SobjectType": "sobject_type",
		"IsSSOEnabled": "is_sso_enabled", "Id": "id", "LoginGeoId": "login_geo_id", "PermissionsApiEnabled": "permissions_api_enabled",
		"User": "user", "SetupAuditTrail": "setup_audit_trail",
	}
	for in, want := range cases {
		if got := SnakeCase(in); got != want {
			t.Errorf("SnakeCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func testTable(size Size) *Table {
	d := &salesforce.Description{Name: "User", Fields: []salesforce.Field{
		{Name: "Id", Type: "id", Filterable: true, Sortable: true},
		{Name: "Username", Type: "string", Filterable: true, Sortable: true},
		{Name: "IsActive", Type: "boolean", Filterable: true, Sortable: true},
		{Name: "NumberOfFailedLogins", Type: "int", Filterable: true, Sortable: true},
		{Name: "LastLoginDate", Type: "datetime", Filterable: true, Sortable: true},
		{Name: "ProfileId", Type: "reference", Filterable: true, Sortable: true, RelationshipName: "Profile"},
		{Name: "Address", Type: "address"},
	}}
	spec := Spec{Table: "salesforce_user", Object: "User", Size: size, Columns: []Column{{Path: "Profile.Name", Name: "profile_name"}, {Path: "Gone__c"}}}
	return newTable(nil, spec, d)
}

func colIndex(t *Table, name string) int {
	for i, c := range t.cols {
		if c.name == name {
			return i
		}
	}
	panic(name)
}

func plan(t *testing.T, info *IndexInfo) Plan {
	t.Helper()
	var p Plan
	if err := json.Unmarshal([]byte(info.IdxStr), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func rhs(v Value) *Value { return &v }

func TestBestIndex_OmitsOnlyExactTermsAndGuardsLimit(t *testing.T) {
	tb := testTable(Medium)
	info := &IndexInfo{Constraints: []IndexConstraint{
		{Column: colIndex(tb, "is_active"), Op: OpEQ, Usable: true, RHS: rhs(IntValue(0))},
		{Column: colIndex(tb, "username"), Op: OpLIKE, Usable: true, RHS: rhs(TextValue("a%"))},
		{Column: colIndex(tb, "address"), Op: OpEQ, Usable: true},
		{Column: colIndex(tb, "username"), Op: OpLIMIT, Usable: true, RHS: rhs(IntValue(5))},
	}}
	if err := tb.BestIndex(info); err != nil {
		t.Fatal(err)
	}
	u := info.Usage
	if u[0] != (ConstraintUsage{ArgvIndex: 1, Omit: true}) || u[1] != (ConstraintUsage{ArgvIndex: 2}) || u[2].ArgvIndex != 0 || u[3].ArgvIndex != 0 {
		t.Fatalf("usage %+v: bool = 0 is exact, LIKE is re-checked, address is not filterable, LIMIT must wait", u)
	}
	info = &IndexInfo{Constraints: []IndexConstraint{
		{Column: colIndex(tb, "is_active"), Op: OpEQ, Usable: true, RHS: rhs(IntValue(1))},
		{Column: -1, Op: OpLIMIT, Usable: true, RHS: rhs(IntValue(5))},
		{Column: -1, Op: OpOFFSET, Usable: true, RHS: rhs(IntValue(2))},
	}}
	tb.BestIndex(info)
	if p := plan(t, info); p.Limit != 2 || p.Offset != 3 || !info.Usage[1].Omit || info.Usage[2].Omit {
		t.Fatalf("LIMIT/OFFSET with only exact terms: plan %+v usage %+v", p, info.Usage)
	}
}

func TestBestIndex_JoinLookupsAndOrder(t *testing.T) {
	tb := testTable(Medium)
	info := &IndexInfo{
		Constraints: []IndexConstraint{{Column: colIndex(tb, "profile_id"), Op: OpEQ, Usable: true}},
		OrderBy:     []IndexOrder{{Column: colIndex(tb, "last_login_date"), Desc: true}},
	}
	tb.BestIndex(info)
	p := plan(t, info)
	if !p.Terms[0].Lookup || info.Cost > 100 || !info.OrderByConsumed {
		t.Fatalf("join on a medium object: plan %+v cost %v consumed %v", p, info.Cost, info.OrderByConsumed)
	}
	info = &IndexInfo{Constraints: []IndexConstraint{{Column: colIndex(tb, "profile_id"), Op: OpEQ, Usable: true}}, OrderBy: []IndexOrder{{Column: colIndex(tb, "username")}}}
	testTable(Large).BestIndex(info)
	if p := plan(t, info); !p.Terms[0].Lookup || !p.Terms[0].Adaptive || info.Cost <= 100 || info.OrderByConsumed {
		t.Fatalf("large objects get an adaptive lookup costed as per-value queries, text order is SQLite's: %+v %v %v", p, info.Cost, info.OrderByConsumed)
	}
	full := &IndexInfo{}
	tb.BestIndex(full)
	idx := &IndexInfo{Constraints: []IndexConstraint{{Column: colIndex(tb, "id"), Op: OpEQ, Usable: true, RHS: rhs(TextValue("005000000000001AAA"))}}}
	tb.BestIndex(idx)
	if !(idx.Cost < full.Cost) || idx.Rows != 1 {
		t.Fatalf("Id lookup cost %v rows %d vs full scan %v", idx.Cost, idx.Rows, full.Cost)
	}
}

func TestClause_Rendering(t *testing.T) {
	tb := testTable(Medium)
	c := func(name string) *col { return &tb.cols[colIndex(tb, name)] }
	cases := []struct {
		col  string
		op   int
		v    Value
		want string // "" = skipped, "none" = no row can match
	}{
		{"username", OpEQ, TextValue(`O'Brien\x`), `Username = 'O\'Brien\\x'`},
		{"username", OpLIKE, TextValue("a%_b"), `Username LIKE 'a%_b'`},
		{"username", OpEQ, IntValue(5), `Username = '5'`},
		{"username", OpEQ, FloatValue(5.5), ""},
		{"username", OpEQ, Value{}, "none"},
		{"username", OpIS, Value{}, "Username = null"},
		{"username", OpEQ, Value{Kind: List, L: []Value{TextValue("a"), {}, TextValue("b")}}, "Username IN ('a', 'b')"},
		{"username", OpEQ, Value{Kind: List, L: []Value{{}}}, "none"},
		{"id", OpEQ, TextValue("not-an-id"), "none"},
		{"id", OpEQ, TextValue("005000000000001aaa"), "none"},
		{"id", OpEQ, TextValue("005000000000001AAA"), "Id = '005000000000001AAA'"},
		{"is_active", OpEQ, IntValue(2), "none"},
		{"is_active", OpNE, IntValue(2), "IsActive != null"},
		{"is_active", OpEQ, TextValue("1"), "IsActive = true"},
		{"is_active", OpNE, IntValue(1), "IsActive = false"},
		{"number_of_failed_logins", OpGT, FloatValue(2.5), "NumberOfFailedLogins > 2"},
		{"number_of_failed_logins", OpEQ, FloatValue(2.5), "none"},
		{"number_of_failed_logins", OpLE, IntValue(3), "NumberOfFailedLogins <= 3"},
		{"last_login_date", OpGT, TextValue("2026-11-01T10:00:00.000Z"), "LastLoginDate >= 2026-11-01T00:00:00Z"},
		{"last_login_date", OpLT, TextValue("2026-11-01"), "LastLoginDate < 2026-11-02T00:00:00Z"},
		{"last_login_date", OpEQ, TextValue("2026-11-01T10:00:00Z"), "none"},
		{"last_login_date", OpEQ, TextValue("2026-11-01T10:00:00.000Z"), "LastLoginDate = 2026-11-01T10:00:00Z"},
		{"last_login_date", OpGT, TextValue("2026"), ""},
		{"profile_name", OpEQ, TextValue("x"), "Profile.Name = 'x'"},
		{"username", OpEQ, TextValue(strings.Repeat("x", 4001)), ""},
		{"username", OpEQ, Value{Kind: List, L: make([]Value, 501)}, ""},
		{"last_login_date", OpISNOTNULL, Value{}, "LastLoginDate != null"},
	}
	for _, k := range cases {
		got := whereText(c(k.col).translate(k.op, k.v, true, "BINARY"))
		if got != k.want {
			t.Errorf("%s op %d %+v: %q, want %q", k.col, k.op, k.v, got, k.want)
		}
	}
	if c("gone__c").path != "" || !strings.Contains(tb.Schema(), `"gone__c" TEXT`) {
		t.Errorf("a spec column the org lacks must exist and be NULL: %s", tb.Schema())
	}
}

func TestBestIndex_IsNullIsExactAndAllowsLimit(t *testing.T) {
	tb := testTable(Medium)
	info := &IndexInfo{Constraints: []IndexConstraint{
		{Column: colIndex(tb, "last_login_date"), Op: OpISNOTNULL, Usable: true},
		{Column: -1, Op: OpLIMIT, Usable: true, RHS: rhs(IntValue(3))},
	}}
	tb.BestIndex(info)
	p := plan(t, info)
	if !info.Usage[0].Omit || p.Terms[0].Join || p.Terms[0].Lookup || p.Limit != 2 || p.LimitValue == nil || *p.LimitValue != 3 {
		t.Fatalf("IS NOT NULL has no value but is no join: plan %+v usage %+v", p, info.Usage)
	}
}

// whereText renders a translation's conditions as a WHERE clause would.
func whereText(tr translation) string {
	switch {
	case !tr.pushed:
		return ""
	case tr.none:
		return "none"
	}
	q := soql.Query{From: "X", Where: soql.AndAll(tr.conds), Limit: -1, Offset: -1}
	return strings.TrimPrefix(q.String(), "SELECT  FROM X WHERE ")
}
