// Package report writes what sfsql check found: the rule statuses and the
// findings, in the shell's formats, as SARIF 2.1.0, or as a self-contained
// HTML page.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sfsql/sfsql/output"
	"github.com/sfsql/sfsql/rules"
)

// Meta is what a report says about its run.
type Meta struct {
	Org, OrgName, Instance string
	At                     time.Time
	FailOn                 string
}

// Write reports results in a format: table, csv, markdown, line and jsonl
// print the rules, then the findings; json one document; sarif; html.
func Write(w io.Writer, format string, results []rules.Result, m Meta) error {
	switch format {
	case "json":
		return writeJSON(w, results, m)
	case "sarif":
		return writeSARIF(w, results, m)
	case "html":
		return writeHTML(w, results, m)
	}
	if err := writeRules(w, format, results); err != nil {
		return err
	}
	if format != "jsonl" {
		fmt.Fprintln(w) // the rules, a blank line, the findings
	}
	return writeFindings(w, format, results)
}

func writeRules(w io.Writer, format string, results []rules.Result) error {
	enc, err := output.New(format, w, output.Options{Headers: true})
	if err != nil {
		return err
	}
	enc.Begin([]string{"rule", "severity", "status", "findings", "title"})
	for _, r := range results {
		title := r.Rule.Title
		if r.Why != "" {
			title += " — " + r.Why
		}
		enc.Row([]any{r.Rule.ID, r.Rule.Severity, r.Status, int64(len(r.Findings)), title})
	}
	return enc.End()
}

// humanCap is how many findings of one rule the human formats list;
// csv, json and the rest carry them all.
const humanCap = 25

func writeFindings(w io.Writer, format string, results []rules.Result) error {
	enc, err := output.New(format, w, output.Options{Headers: true})
	if err != nil {
		return err
	}
	human := format == "table" || format == "markdown" || format == "line"
	enc.Begin([]string{"rule", "severity", "resource", "reason", "muted"})
	for _, r := range results {
		for i, f := range r.Findings {
			if human && i == humanCap {
				enc.Row([]any{f.RuleID, f.Severity, fmt.Sprintf("… and %d more", len(r.Findings)-humanCap), "--format csv or json lists them all", nil})
				break
			}
			var muted any
			if f.Muted {
				muted = "muted: " + f.MuteReason
			}
			enc.Row([]any{f.RuleID, f.Severity, f.ResourceName, f.Reason, muted})
		}
	}
	return enc.End()
}

type jsonRule struct {
	ID       string        `json:"id"`
	Title    string        `json:"title"`
	Severity string        `json:"severity"`
	Status   string        `json:"status"`
	Why      string        `json:"why,omitempty"`
	Findings []jsonFinding `json:"findings"`
}

type jsonFinding struct {
	ID           string         `json:"finding_id"`
	ResourceID   string         `json:"resource_id"`
	ResourceName string         `json:"resource_name"`
	Reason       string         `json:"reason"`
	Muted        bool           `json:"muted"`
	MuteReason   string         `json:"mute_reason,omitempty"`
	Details      map[string]any `json:"details,omitempty"`
}

type jsonDoc struct {
	Org     string     `json:"org_id"`
	OrgName string     `json:"org_name,omitempty"`
	At      string     `json:"checked_at"`
	Summary Summary    `json:"summary"`
	Rules   []jsonRule `json:"rules"`
}

func jsonDocOf(results []rules.Result, m Meta) jsonDoc {
	doc := jsonDoc{m.Org, m.OrgName, m.At.UTC().Format(time.RFC3339), Summarize(results), nil}
	for _, r := range results {
		jr := jsonRule{ID: r.Rule.ID, Title: r.Rule.Title, Severity: r.Rule.Severity, Status: r.Status, Why: r.Why, Findings: []jsonFinding{}}
		for _, f := range r.Findings {
			jr.Findings = append(jr.Findings, jsonFinding{rules.FindingID(m.Org, f.RuleID, f.ResourceID), f.ResourceID, f.ResourceName, f.Reason, f.Muted, f.MuteReason, f.Details})
		}
		doc.Rules = append(doc.Rules, jr)
	}
	return doc
}

func writeJSON(w io.Writer, results []rules.Result, m Meta) error {
	return encodeJSON(w, jsonDocOf(results, m))
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// OrgReport is one org's results in a report over several orgs.
type OrgReport struct {
	Results []rules.Result
	Meta    Meta
}

// ManyFormats are the formats one document of several orgs is written in.
var ManyFormats = []string{"json", "sarif"}

// WriteMany writes several orgs' results as one document: json, an array
// of the one-org documents; sarif, one run per org.
func WriteMany(w io.Writer, format string, reports []OrgReport) error {
	switch format {
	case "json":
		docs := make([]jsonDoc, len(reports))
		for i, r := range reports {
			docs[i] = jsonDocOf(r.Results, r.Meta)
		}
		return encodeJSON(w, docs)
	case "sarif":
		runs := make([]sarifRun, len(reports))
		for i, r := range reports {
			runs[i] = sarifRunOf(r.Results, r.Meta)
		}
		return encodeSARIF(w, runs)
	}
	return fmt.Errorf("no report of several orgs in %s", format)
}

// Summary counts statuses, and unmuted findings by severity.
type Summary struct {
	Statuses   map[string]int `json:"statuses"`
	BySeverity map[string]int `json:"findings_by_severity"`
	Muted      int            `json:"muted"`
}

// Summarize counts a run.
func Summarize(results []rules.Result) Summary {
	s := Summary{Statuses: map[string]int{}, BySeverity: map[string]int{}}
	for _, r := range results {
		s.Statuses[r.Status]++
		for _, f := range r.Findings {
			if f.Muted {
				s.Muted++
			} else {
				s.BySeverity[f.Severity]++
			}
		}
	}
	return s
}

// ListRules prints id, severity and title of each rule.
func ListRules(w io.Writer, format string, rs []*rules.Rule) error {
	if format == "sarif" || format == "html" {
		format = "table"
	}
	enc, err := output.New(format, w, output.Options{Headers: true})
	if err != nil {
		return err
	}
	enc.Begin([]string{"id", "severity", "title"})
	for _, r := range rs {
		enc.Row([]any{r.ID, r.Severity, r.Title})
	}
	return enc.End()
}

// ShowRule prints one rule in full.
func ShowRule(w io.Writer, r *rules.Rule) error {
	fmt.Fprintf(w, "%s · %s · %s\n\nRationale: %s\n\nRemediation: %s\n\n", r.ID, r.Severity, r.Title, r.Rationale, r.Remediation)
	if len(r.References) > 0 {
		fmt.Fprintf(w, "References:\n  %s\n\n", strings.Join(r.References, "\n  "))
	}
	fmt.Fprintf(w, "Tables: %s\nFile: %s\n\n%s;\n", strings.Join(r.Tables, ", "), r.File, r.SQL)
	return nil
}
