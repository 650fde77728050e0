package rules_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/sfsql/sfsql/history"
	"github.com/sfsql/sfsql/rules"
)

// TestRecord_Lifecycle walks one finding through open, resolved and
// reopened; a rule that errors or skips resolves nothing; only an org's
// first run is its first, findings or not.
func TestRecord_Lifecycle(t *testing.T) {
	store, err := history.Open(context.Background(), filepath.Join(t.TempDir(), "h.db"), true, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	rule := &rules.Rule{ID: "PRIV-01", Severity: "critical"}
	finding := rules.Finding{RuleID: "PRIV-01", Severity: "critical", ResourceID: "005A", ResourceName: "ada", Reason: "holds MAD"}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	record := func(status string, findings ...rules.Finding) *rules.Lifecycle {
		tx, err := store.DB().Begin()
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
		lc, err := rules.Record(context.Background(), tx, "00DX", []rules.Result{{Rule: rule, Status: status, Findings: findings}}, now)
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		return lc
	}
	events := func(lc *rules.Lifecycle) string {
		var out []string
		for _, tr := range lc.Transitions {
			out = append(out, tr.Event)
		}
		return fmt.Sprint(lc.FirstRun, out)
	}
	for i, c := range []struct {
		status   string
		findings []rules.Finding
		want     string
	}{
		{rules.Pass, nil, "true []"},
		{rules.Pass, nil, "false []"},
		{rules.Fail, []rules.Finding{finding, finding}, "false [opened]"},
		{rules.Fail, []rules.Finding{finding}, "false []"},
		{rules.Error, nil, "false []"},
		{rules.Skip, nil, "false []"},
		{rules.Pass, nil, "false [resolved]"},
		{rules.Fail, []rules.Finding{finding}, "false [reopened]"},
	} {
		if got := events(record(c.status, c.findings...)); got != c.want {
			t.Fatalf("run %d (%s): %s, want %s", i+1, c.status, got, c.want)
		}
	}
	var status string
	var reopened int
	if err := store.DB().QueryRow(`select status, reopened from salesforce_findings where finding_id = ?`, rules.FindingID("00DX", "PRIV-01", "005A")).Scan(&status, &reopened); err != nil {
		t.Fatal(err)
	}
	if status != "open" || reopened != 1 {
		t.Fatalf("status %s, reopened %d", status, reopened)
	}
}
