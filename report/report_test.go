package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/report"
	"github.com/sfsql/sfsql/rules"
)

// sample is a run of three rules: one failing (one finding muted), one
// passing, one that could not run.
func sample() []rules.Result {
	r1 := &rules.Rule{ID: "PRIV-01", Title: "Modify All Data held outside the allow-list", Severity: "critical",
		Rationale: "Bypasses sharing.", Remediation: "Remove it.", References: []string{"SBS-ACS-004"}}
	r2 := &rules.Rule{ID: "CFG-01", Title: "Health Check score below 80", Severity: "high", Rationale: "Posture.", Remediation: "Fix."}
	r3 := &rules.Rule{ID: "AUTH-05", Title: "MFA not enforced <org-wide>", Severity: "high", Rationale: "R.", Remediation: "M."}
	return []rules.Result{
		{Rule: r1, Status: rules.Fail, Findings: []rules.Finding{
			{RuleID: "PRIV-01", Severity: "critical", ResourceID: "005000000000001AAA", ResourceName: "ada@acme.com", Reason: "holds <Modify All Data>"},
			{RuleID: "PRIV-01", Severity: "critical", ResourceID: "005000000000002AAA", ResourceName: "bob@acme.com", Reason: "break-glass", Muted: true, MuteReason: "approved"},
		}},
		{Rule: r2, Status: rules.Pass},
		{Rule: r3, Status: rules.Error, Why: "API down"},
	}
}

var meta = report.Meta{Org: "00D000000000001EAA", OrgName: "Acme", At: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC), FailOn: "high"}

// TestSARIF_HasTheRequiredProperties checks the SARIF 2.1.0 schema's
// required properties and enums on the report.
func TestSARIF_HasTheRequiredProperties(t *testing.T) {
	var b bytes.Buffer
	if err := report.Write(&b, "sarif", sample(), meta); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Invocations []struct {
				ExecutionSuccessful *bool `json:"executionSuccessful"`
			} `json:"invocations"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Suppressions []struct {
					Kind string `json:"kind"`
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name == "" {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful == nil || *run.Invocations[0].ExecutionSuccessful {
		t.Fatal("a rule that could not run must make the invocation unsuccessful")
	}
	if len(run.Results) != 2 {
		t.Fatalf("%d results", len(run.Results))
	}
	for _, r := range run.Results {
		if r.Message.Text == "" || r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Fatalf("result %+v", r)
		}
		if r.Level != "error" && r.Level != "warning" && r.Level != "note" && r.Level != "none" {
			t.Fatalf("level %q", r.Level)
		}
	}
	if len(run.Results[1].Suppressions) != 1 || run.Results[1].Suppressions[0].Kind != "external" {
		t.Fatal("a muted finding is a suppressed result")
	}
}

// TestHTML_RendersInAHeadlessBrowser renders the report in Chromium and
// reads the page back: summary, sections, escaped text; no external
// resource in the file.
func TestHTML_RendersInAHeadlessBrowser(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("this test needs Chromium (apt-get install chromium; .ci/run installs it)")
	}
	var b bytes.Buffer
	if err := report.Write(&b, "html", sample(), meta); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if regexp.MustCompile(`(?i)<script|<link|<img|<iframe|src=|url\(|@import`).MatchString(page) {
		t.Fatal("the report loads an external resource")
	}
	file := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir="+t.TempDir(), "--dump-dom", "file://"+file).Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	dom := string(out)
	for _, want := range []string{"sfsql check of Acme (00D000000000001EAA)", `<section id="PRIV-01">`, "holds &lt;Modify All Data&gt;",
		"muted: approved", "MFA not enforced &lt;org-wide&gt;", "API down", "Remove it."} {
		if !strings.Contains(dom, want) {
			t.Errorf("the rendered page lacks %q", want)
		}
	}
}

// TestJSON_IsOneDocument: the json format is one object with the summary.
func TestJSON_IsOneDocument(t *testing.T) {
	var b bytes.Buffer
	if err := report.Write(&b, "json", sample(), meta); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Summary report.Summary `json:"summary"`
		Rules   []struct {
			Status   string `json:"status"`
			Findings []struct {
				ID    string `json:"finding_id"`
				Muted bool   `json:"muted"`
			} `json:"findings"`
		} `json:"rules"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Rules) != 3 || doc.Summary.BySeverity["critical"] != 1 || doc.Summary.Muted != 1 || doc.Rules[0].Findings[0].ID == "" {
		t.Fatalf("%+v", doc)
	}
}
