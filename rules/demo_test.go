package rules_test

import (
	"context"
	"testing"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/rules"
	"github.com/sfsql/sfsql/sqltest"
)

func TestBuiltin_OnTheDemoOrg(t *testing.T) {
	all, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 40 {
		t.Fatalf("%d built-in rules, want 40", len(all))
	}
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{})
	h := sqltest.Open(t, srv, sqltest.Options{CacheTTL: 5 * 60e9})
	for _, res := range rules.Evaluate(context.Background(), h.Session, all, rules.Params{OrgID: srv.OrgID()}) {
		t.Logf("%-8s %-8s %-5s %4d %s", res.Rule.ID, res.Rule.Severity, res.Status, len(res.Findings), res.Why)
		if len(res.Findings) > 0 {
			f := res.Findings[0]
			t.Logf("    e.g. %s %s: %s", f.ResourceID, f.ResourceName, f.Reason)
		}
	}
}
