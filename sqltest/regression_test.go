package sqltest

import (
	"strings"
	"testing"

	"github.com/sfsql/sfsql/fakeorg"
)

// TestRegression_WrongAnswersOfIssue8 pins each wrong answer found by
// trying sfsql as a new user and an attacker would: sfsql must return
// what SQLite returns on the reference copy.
func TestRegression_WrongAnswersOfIssue8(t *testing.T) {
	h, _ := differentialSetup(t, 1)
	admin := h.MustQuery(t, "select upper(username) from ref_user where manager_id is not null limit 1")[0][0][2:]
	login := h.MustQuery(t, "select last_login_date from ref_user where last_login_date like '%.061Z' or last_login_date like '%.122Z' limit 1")[0][0][2:]
	cases := []struct{ name, query string }{
		{"COLLATE NOCASE constant", "select id from salesforce_user where username = '" + admin + "' collate nocase"},
		{"COLLATE NOCASE join on upper()", "select count(*) from salesforce_user u join salesforce_user v on u.username = upper(v.username) collate nocase"},
		{"COLLATE RTRIM", "select id from salesforce_user where title = 'TRAIL   ' collate rtrim"},
		{"IS joins NULL to NULL", "select count(*) from salesforce_user u join allow p on u.manager_id is p.v"},
		{"IS NOT", "select count(*) from salesforce_user where manager_id is not 'x'"},
		{"datetime milliseconds", "select id from salesforce_user where last_login_date = '" + login + "'"},
		{"int64 bound", "select count(*) from salesforce_user where number_of_failed_logins < 9223372036854775807"},
		{"1e300 bound", "select count(*) from salesforce_user where number_of_failed_logins < 1e300"},
		{"1e400 bound on a double", "select count(*) from salesforce_user where latitude < 1e400"},
		{"year 9999", "select count(*) from salesforce_user where created_date < '9999-12-31'"},
		{"17 digits", "select count(*) from salesforce_user where latitude = 12345678901234567"}, // a float equals it, the integer does not
		{"2^53+1", "select count(*) from salesforce_user where latitude = 9007199254740993"},
		{"multi-select picklist", "select count(*) from salesforce_user where interests__c = 'A;B'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !compareOnce(t, h, differential{query: c.query}) {
				t.Fail()
			}
		})
	}
}

// Deleted records are asked for however the query spells it.
func TestRegression_DeletedRecordsWhateverTheSpelling(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 20})
	h := Open(t, srv, Options{})
	for _, q := range []string{"is_deleted = 1", "is_deleted <> 0", "is_deleted >= 1", "is_deleted is not 0", "not is_deleted = 0", "is_deleted > 0.5", "is_deleted in (1)"} {
		rows := h.MustQuery(t, "select count(*) from salesforce_account where "+q)
		if rows[0][0] != "i:1" {
			t.Errorf("%s: %v deleted accounts, want 1", q, rows)
		}
	}
}

// TwoFactorMethodsInfo has no Id field; it is a table like any other.
func TestRegression_ObjectWithoutId(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 60})
	h := Open(t, srv, Options{})
	want := len(srv.Store.Rows("TwoFactorMethodsInfo"))
	rows := h.MustQuery(t, "select user_id, has_totp from salesforce_two_factor_methods_info")
	or := h.MustQuery(t, "select count(*) from salesforce_two_factor_methods_info where has_totp = 1 or has_security_key = 1")
	if want == 0 || len(rows) != want || or[0][0] == "i:0" {
		t.Fatalf("%d rows of %d, or-query %v", len(rows), want, or)
	}
}

// .schema and the README said multi-select picklists push = LIKE IN; the
// planner pushes their NULL tests only, and the operator column is now the
// planner's own answer.
func TestRegression_MultiSelectPushdownAsDocumented(t *testing.T) {
	h, _ := differentialSetup(t, 1)
	cols, err := h.Engine.Columns("salesforce_user")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cols {
		if c.Name == "interests__c" && c.Pushdown != "IS NULL" {
			t.Fatalf("interests__c (multi-select) says it pushes %q", c.Pushdown)
		}
	}
	h.SOQL = nil
	h.MustQuery(t, "select count(*) from salesforce_user where interests__c = 'A;B' or interests__c is null")
	for _, q := range h.SOQL {
		if strings.Contains(q, "Interests__c = '") || strings.Contains(q, "Interests__c IN") {
			t.Fatalf("a multi-select comparison reached SOQL: %s", q)
		}
	}
}
