package rules_test

import (
	"strings"
	"testing"

	"github.com/sfsql/sfsql/rules"
)

func TestParse_HeaderAndBody(t *testing.T) {
	r, err := rules.Parse("x.sql", `-- id: ACME-1
-- title: Admins outside the list
-- severity: high
-- rationale: Because admins
--   can do anything: even this.
-- remediation: Remove them.
-- references: SBS-ACS-004; https://example.com/a:b
-- tables: salesforce_user, salesforce_user_permission
select id as resource_id, username as resource_name, 'x;y' as reason from salesforce_user;
`)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "ACME-1" || r.Rationale != "Because admins can do anything: even this." || len(r.References) != 2 ||
		r.References[1] != "https://example.com/a:b" || len(r.Tables) != 2 || strings.HasSuffix(r.SQL, ";") {
		t.Fatalf("%+v", r)
	}
}

func TestParse_MalformedFilesNameFileAndLine(t *testing.T) {
	head := "-- id: ACME-1\n-- title: T\n-- severity: high\n-- rationale: R\n-- remediation: M\n"
	for _, c := range []struct{ text, want string }{
		{"-- id: ACME-1\n-- sevrity: high\nselect 1", `bad.sql:2: unknown header key "sevrity"`},
		{"select 1", "bad.sql:1: id \"\""},
		{strings.Replace(head, "high", "urgent", 1) + "select 1", `bad.sql:1: severity "urgent"`},
		{head, "bad.sql:6: no SELECT after the header"},
		{head + "delete from salesforce_user", "bad.sql:6: the rule's body must be one SELECT"},
		{head + "select 1; select 2", "bad.sql:6: the rule's body must be one statement"},
		{"-- just a comment\nselect 1", "bad.sql:1: a rule starts with a header line"},
	} {
		_, err := rules.Parse("bad.sql", c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.text, err, c.want)
		}
	}
}
