package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCheck_DemoPrintsEveryRule: sfsql --demo check lists the 40 rules
// with statuses and exits 1, for the critical findings the demo has.
func TestCheck_DemoPrintsEveryRule(t *testing.T) {
	code, out, errOut := run(t, map[string]string{"HOME": t.TempDir()}, "--demo", "check", "--format", "csv")
	if code != 1 || !strings.Contains(errOut, "findings at or above --fail-on") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rulesPart := strings.SplitN(out, "\n\n", 2)[0]
	if n := strings.Count(strings.TrimSpace(rulesPart), "\n"); n != 40 {
		t.Fatalf("%d rule rows:\n%s", n, rulesPart)
	}
	for _, want := range []string{"PRIV-01,critical,fail,", "GST-01,critical,fail,", "MON-05,high,fail,", "AUTH-05,high,fail,", "AUTH-06,medium,fail,", "PRIV-07,critical,skip,", "PRIV-06,critical,pass,"} {
		if !strings.Contains(out, want) {
			t.Errorf("the demo's check lacks %q", want)
		}
	}
}

// TestCheck_ExitStatuses: 0 with nothing at or above --fail-on, 1 with a
// finding that is, 2 when a rule could not run.
func TestCheck_ExitStatuses(t *testing.T) {
	h := newHistoryEnv(t)
	if code, _, errOut := h.run("check", "--only", "PRIV-06"); code != 0 {
		t.Fatalf("a passing rule: exit %d %s", code, errOut)
	}
	if code, _, _ := h.run("check", "--only", "CFG-01", "--fail-on", "critical"); code != 0 {
		t.Fatalf("a high finding with --fail-on critical: exit %d", code)
	}
	if code, _, _ := h.run("check", "--only", "GST-01"); code != 1 {
		t.Fatalf("a critical finding: exit %d", code)
	}
	dir := t.TempDir()
	broken := "-- id: ACME-1\n-- title: Broken\n-- severity: low\n-- rationale: R\n-- remediation: M\n-- tables: salesforce_user\n" +
		"select nonexistent as resource_id, username as resource_name, 'r' as reason from salesforce_user\n"
	if err := os.WriteFile(filepath.Join(dir, "acme.sql"), []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := h.run("check", "--rules", dir, "--only", "ACME-1", "--format", "csv"); code != 2 || !strings.Contains(out, "ACME-1,low,error,") {
		t.Fatalf("a rule that cannot run: exit %d\n%s%s", code, out, errOut)
	}
	if err := os.WriteFile(filepath.Join(dir, "acme.sql"), []byte("-- id: ACME-1\n-- sevrity: low\nselect 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := h.run("check", "--rules", dir); code != 1 || !strings.Contains(errOut, "acme.sql:2: unknown header key") {
		t.Fatalf("a malformed rule file: exit %d %s", code, errOut)
	}
}

// TestCheck_MuteFindingsAndOffline: a mute keeps the finding, shown and
// not failing; findings lists the lifecycle; --offline checks the
// snapshot with no request.
func TestCheck_MuteFindingsAndOffline(t *testing.T) {
	h := newHistoryEnv(t)
	if code, _, _ := h.run("check", "--only", "GST-01"); code != 1 {
		t.Fatal("GST-01 should fail on the seeded org")
	}
	open := h.ok("findings", "--status", "open", "--format", "csv")
	if !strings.Contains(open, "GST-01,critical,open,Acme Site Guest Profile · Account,") {
		t.Fatalf("findings:\n%s", open)
	}
	h.ok("mute", "GST-01", "Acme Site Guest Profile · Account", "--reason", "a public knowledge base", "--until", "2027-03-01")
	code, out, _ := h.run("check", "--only", "GST-01", "--format", "csv")
	if code != 0 || !strings.Contains(out, "muted: a public knowledge base") {
		t.Fatalf("after the mute: exit %d\n%s", code, out)
	}
	if muted := h.ok("findings", "--status", "muted", "--format", "csv"); !strings.Contains(muted, "GST-01,critical,muted,") {
		t.Fatalf("muted findings:\n%s", muted)
	}
	h.ok("snapshot")
	h.srv.ResetCounters()
	code, out, errOut := h.run("--offline", "check", "--only", "PRIV-01,GST-01", "--format", "json")
	if code != 1 {
		t.Fatalf("offline check: exit %d %s", code, errOut)
	}
	var doc struct {
		Rules []struct {
			ID       string            `json:"id"`
			Status   string            `json:"status"`
			Findings []json.RawMessage `json:"findings"`
		} `json:"rules"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Rules) != 2 || doc.Rules[1].Status != "fail" || len(doc.Rules[1].Findings) == 0 {
		t.Fatalf("offline check: %v\n%s", err, out)
	}
	if n := h.srv.Counters.Requests.Load(); n != 0 {
		t.Fatalf("an offline check sent %d requests", n)
	}
	h.clock.Advance(time.Hour)
	// As of half an hour ago: the snapshot, with the mute (exit 0, the finding shown muted).
	code, out, errOut = h.run("--as-of", h.clock.Now().Add(-30*time.Minute).Format(time.RFC3339), "check", "--only", "GST-01", "--format", "csv")
	if code != 0 || !strings.Contains(out, "GST-01,critical,fail,1,") || !strings.Contains(out, "muted: a public knowledge base") || h.srv.Counters.Requests.Load() != 0 {
		t.Fatalf("as-of check: exit %d\n%s%s", code, out, errOut)
	}
}

func TestRules_ListAndShow(t *testing.T) {
	code, out, _ := run(t, nil, "rules", "--format", "csv")
	if code != 0 || strings.Count(out, "\n") != 41 || !strings.Contains(out, "PRIV-01,critical,Modify All Data held outside the allow-list") {
		t.Fatalf("rules: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, nil, "rules", "show", "priv-01")
	if code != 0 || !strings.Contains(out, "Rationale: Modify All Data bypasses sharing") || !strings.Contains(out, "from salesforce_user_permission p") {
		t.Fatalf("rules show: exit %d\n%s", code, out)
	}
}
