package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/sfsql/sfsql/notify"
)

// Org names the org in notifications.
type Org struct {
	ID, Name, Instance string
}

// Messages turns a run's transitions into notifications at or above
// minSeverity: one message per rule and event (many new findings of one
// rule are one message), or, on an org's first run, one summary of what
// is open instead of a message per existing finding. run distinguishes
// the runs in the idempotency keys.
func Messages(org Org, lc *Lifecycle, results []Result, minSeverity, run string) []notify.Message {
	limit := SeverityRank(minSeverity)
	if lc.FirstRun {
		return summary(org, results, limit, run)
	}
	type group struct{ rule, event string }
	groups := map[group][]Transition{}
	var order []group
	for _, t := range lc.Transitions {
		if SeverityRank(t.Finding.Severity) > limit {
			continue
		}
		event := t.Event
		if event == "reopened" {
			event = "opened"
		}
		g := group{t.Finding.RuleID, event}
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], t)
	}
	titles := titlesOf(results)
	var out []notify.Message
	for _, g := range order {
		ts := groups[g]
		m := notify.Message{Event: g.event, OrgID: org.ID, OrgName: org.Name, Rule: g.rule, Title: titles[g.rule], Severity: ts[0].Finding.Severity}
		for _, t := range ts {
			m.Findings = append(m.Findings, item(org, t.ID, t.Finding, t.Event))
		}
		m.Text = messageText(org, m)
		m.Key = key(org.ID, run, g.event, g.rule, m.Findings)
		out = append(out, m)
	}
	return out
}

func summary(org Org, results []Result, limit int, run string) []notify.Message {
	m := notify.Message{Event: "summary", OrgID: org.ID, OrgName: org.Name}
	counts := map[string]int{}
	for _, res := range results {
		for _, f := range res.Findings {
			if !f.Muted && SeverityRank(f.Severity) <= limit {
				counts[f.RuleID]++
				m.Findings = append(m.Findings, item(org, FindingID(org.ID, f.RuleID, f.ResourceID), f, "open"))
			}
		}
	}
	var rules []string
	for r, n := range counts {
		rules = append(rules, fmt.Sprintf("%s (%d)", r, n))
	}
	sort.Strings(rules)
	m.Text = fmt.Sprintf("sfsql is now watching %s: %d open findings", orgLabel(org), len(m.Findings))
	if len(rules) > 0 {
		m.Text += ": " + strings.Join(rules, ", ")
	}
	m.Key = key(org.ID, run, "summary", "", m.Findings)
	return []notify.Message{m}
}

func titlesOf(results []Result) map[string]string {
	out := map[string]string{}
	for _, r := range results {
		out[r.Rule.ID] = r.Rule.Title
	}
	return out
}

var recordID = regexp.MustCompile(`^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$`)

func item(org Org, id string, f Finding, event string) notify.Item {
	it := notify.Item{FindingID: id, Rule: f.RuleID, Severity: f.Severity, ResourceID: f.ResourceID, ResourceName: f.ResourceName, Reason: f.Reason, Event: event}
	if org.Instance != "" && recordID.MatchString(f.ResourceID) {
		it.Link = strings.TrimRight(org.Instance, "/") + "/" + f.ResourceID
	}
	return it
}

// messageText is the Slack-compatible line: what happened, where, to whom.
func messageText(org Org, m notify.Message) string {
	verb := map[string]string{"opened": "new", "resolved": "resolved"}[m.Event]
	var names []string
	for i, f := range m.Findings {
		if i == 5 {
			names = append(names, fmt.Sprintf("and %d more", len(m.Findings)-5))
			break
		}
		names = append(names, f.ResourceName)
	}
	return fmt.Sprintf("[%s] %s %s in %s: %s — %s", strings.ToUpper(m.Severity), m.Rule, verb, orgLabel(org), m.Title, strings.Join(names, ", "))
}

func orgLabel(org Org) string {
	if org.Name != "" {
		return org.Name + " (" + org.ID + ")"
	}
	return org.ID
}

func key(org, run, event, rule string, items []notify.Item) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s", org, run, event, rule)
	for _, it := range items {
		fmt.Fprintf(h, "\x00%s", it.FindingID)
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}
