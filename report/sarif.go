package report

import (
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/sfsql/sfsql/rules"
	"github.com/sfsql/sfsql/vtab"
)

// SARIF 2.1.0: one run, the rules as the tool's rules, each finding a
// result with a logical location (the Salesforce resource), muted ones as
// suppressed, rules that could not run as tool notifications.
type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool              sarifTool         `json:"tool"`
	AutomationDetails *sarifAutomation  `json:"automationDetails,omitempty"`
	Invocations       []sarifInvocation `json:"invocations"`
	Results           []sarifResult     `json:"results"`
	Properties        map[string]string `json:"properties,omitempty"`
}

type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifText         `json:"help"`
	DefaultConfiguration map[string]string `json:"defaultConfiguration"`
	Properties           map[string]any    `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	EndTimeUTC                 string              `json:"endTimeUtc"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level      string         `json:"level"`
	Message    sarifText      `json:"message"`
	Descriptor map[string]any `json:"descriptor"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	LogicalLocations []map[string]string `json:"logicalLocations"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

// sarifLevel maps severities: critical and high are errors.
func sarifLevel(severity string) string {
	switch severity {
	case "critical", "high":
		return "error"
	case "medium":
		return "warning"
	}
	return "note"
}

func writeSARIF(w io.Writer, results []rules.Result, m Meta) error {
	return encodeSARIF(w, []sarifRun{sarifRunOf(results, m)})
}

func encodeSARIF(w io.Writer, runs []sarifRun) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Version: "2.1.0", Schema: "https://json.schemastore.org/sarif-2.1.0.json", Runs: runs})
}

// sarifRunOf is one org's run; its automation id and properties name the org.
func sarifRunOf(results []rules.Result, m Meta) sarifRun {
	run := sarifRun{AutomationDetails: &sarifAutomation{ID: "sfsql/check/" + m.Org},
		Properties: map[string]string{"org_id": m.Org, "org_name": m.OrgName, "instance": m.Instance}, Tool: sarifTool{Driver: sarifDriver{Name: "sfsql", Version: vtab.Version, InformationURI: "https://github.com/sfsql/sfsql"}},
		Results: []sarifResult{}}
	inv := sarifInvocation{ExecutionSuccessful: true, EndTimeUTC: m.At.UTC().Format(time.RFC3339)}
	for i, r := range results {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{ID: r.Rule.ID, Name: ruleName(r.Rule.Title),
			ShortDescription: sarifText{r.Rule.Title}, FullDescription: sarifText{r.Rule.Rationale}, Help: sarifText{r.Rule.Remediation},
			DefaultConfiguration: map[string]string{"level": sarifLevel(r.Rule.Severity)},
			Properties:           map[string]any{"severity": r.Rule.Severity, "status": r.Status, "references": r.Rule.References}})
		if r.Status == rules.Error || r.Status == rules.Skip {
			level := "note"
			if r.Status == rules.Error {
				level, inv.ExecutionSuccessful = "error", false
			}
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{Level: level,
				Message: sarifText{r.Rule.ID + " " + r.Status + ": " + r.Why}, Descriptor: map[string]any{"id": r.Rule.ID, "index": i}})
		}
		for _, f := range r.Findings {
			res := sarifResult{RuleID: r.Rule.ID, RuleIndex: i, Level: sarifLevel(f.Severity), Message: sarifText{f.ResourceName + ": " + f.Reason},
				Locations:           []sarifLocation{{LogicalLocations: []map[string]string{{"name": f.ResourceName, "fullyQualifiedName": m.Org + "/" + f.ResourceID, "kind": "resource"}}}},
				PartialFingerprints: map[string]string{"findingId/v1": rules.FindingID(m.Org, f.RuleID, f.ResourceID)}}
			if f.Muted {
				res.Suppressions = []sarifSuppression{{Kind: "external", Justification: f.MuteReason}}
			}
			run.Results = append(run.Results, res)
		}
	}
	run.Invocations = []sarifInvocation{inv}
	return run
}

// ruleName is the SARIF rule name: the title in PascalCase words.
func ruleName(title string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') }) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}
