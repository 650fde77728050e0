package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	hist "github.com/sfsql/sfsql/history"
	"github.com/sfsql/sfsql/notify"
	checkreport "github.com/sfsql/sfsql/report"
	"github.com/sfsql/sfsql/rules"
)

// Exit statuses of sfsql check (README): 0 nothing at or above --fail-on,
// 1 an unmuted finding at or above it, 2 a rule could not run (an API or
// SQL error: never a pass).
var (
	errFindings  = errors.New("findings at or above --fail-on")
	errRuleError = errors.New("a rule could not run")
)

// loadRules is the built-in pack, plus --rules DIR, narrowed by --only.
func loadRules(f *flags) ([]*rules.Rule, error) {
	all, err := rules.Builtin()
	if err != nil {
		return nil, err
	}
	if f.rulesDir != "" {
		mine, err := rules.LoadDir(f.rulesDir)
		if err != nil {
			return nil, err
		}
		if all, err = rules.Merge(all, mine); err != nil {
			return nil, err
		}
	}
	return rules.Select(all, f.only)
}

// ruleRun prepares one evaluation on this workspace's session.
func (w *workspace) ruleRun(ctx context.Context, rs []*rules.Rule, receivers []notify.Receiver) (*rules.Run, error) {
	org, err := w.identify(ctx)
	if err != nil {
		return nil, err
	}
	run := &rules.Run{Session: w.sess, Rules: rs, Org: rules.Org{ID: org.ID, Name: org.OrgName, Instance: org.Instance},
		Params: rules.Params{OrgID: org.ID}, Notify: receivers, MinSeverity: w.f.minSeverity, Now: w.io.Now()}
	if w.store == nil {
		return run, nil
	}
	run.Store = w.store.DB()
	run.Params.SnapshotID = w.viewer.Served
	if !w.offline {
		run.Record = true
		if id, _, err := w.store.Latest(ctx, org.ID); err == nil {
			run.Params.SnapshotID = id
		}
	}
	run.Key = fmt.Sprintf("%d:%s", run.Params.SnapshotID, run.Now.UTC().Format(time.RFC3339Nano))
	return run, nil
}

// runCheck evaluates the rules and reports in --format.
func (w *workspace) runCheck(ctx context.Context) error {
	rep, err := w.evaluate(ctx)
	if err != nil {
		return err
	}
	if err := checkreport.Write(w.io.Stdout, w.f.format, rep.Results, rep.Meta); err != nil {
		return err
	}
	return w.verdict(rep.Results)
}

// evaluate runs the rules (at or above --min-severity when given).
func (w *workspace) evaluate(ctx context.Context) (checkreport.OrgReport, error) {
	rs, err := loadRules(w.f)
	if err != nil {
		return checkreport.OrgReport{}, err
	}
	if w.f.minSeveritySet {
		rs = atLeast(rs, w.f.minSeverity)
	}
	run, err := w.ruleRun(ctx, rs, nil)
	if err != nil {
		return checkreport.OrgReport{}, err
	}
	results, _, err := run.Execute(ctx)
	meta := checkreport.Meta{Org: run.Org.ID, OrgName: run.Org.Name, Instance: run.Org.Instance, At: run.Now, FailOn: w.f.failOn}
	return checkreport.OrgReport{Results: results, Meta: meta}, err
}

// verdict is check's exit status: a rule that could not run, or a finding
// at or above --fail-on.
func (w *workspace) verdict(results []rules.Result) error {
	switch {
	case rules.Errored(results):
		return errRuleError
	case rules.Failing(results, w.f.failOn):
		return errFindings
	}
	return nil
}

// runRules lists the rules, or shows one; it needs no org.
func runRules(f *flags, io IO) error {
	rs, err := loadRules(f)
	if err != nil {
		return err
	}
	if len(f.verbArgs) == 2 {
		rs, err = rules.Select(rs, f.verbArgs[1])
		if err != nil {
			return err
		}
		return checkreport.ShowRule(io.Stdout, rs[0])
	}
	return checkreport.ListRules(io.Stdout, f.format, rs)
}

// runMute records a mute in the store.
func (w *workspace) runMute(ctx context.Context) error {
	rule, resource := strings.ToUpper(w.f.verbArgs[0]), w.f.verbArgs[1]
	all, err := loadRules(w.f)
	if err != nil {
		return err
	}
	if _, err := rules.Select(all, rule); err != nil {
		return fmt.Errorf("mute: no rule %s (sfsql rules lists them)", rule)
	}
	var until *time.Time
	if w.f.until != "" {
		t, err := hist.ParseWhen(w.f.until, w.io.Now())
		if err != nil {
			return fmt.Errorf("--until: %w", err)
		}
		until = &t
	}
	if err := rules.Mute(ctx, w.store.DB(), rule, resource, "", w.f.reason, until, w.io.Now()); err != nil {
		return err
	}
	msg := fmt.Sprintf("muted %s for %s", rule, resource)
	if until != nil {
		msg += " until " + until.Format("2006-01-02")
	}
	fmt.Fprintln(w.io.Stdout, msg)
	return nil
}

// findingsQuery is sfsql findings: the lifecycle from the store.
func (w *workspace) findingsQuery(ctx context.Context) (string, error) {
	where := []string{"1 = 1"}
	if org, err := w.identify(ctx); err == nil {
		where = append(where, "org_id = "+sqlQuote(org.ID))
	}
	if w.f.status != "" {
		where = append(where, "status = "+sqlQuote(w.f.status))
	}
	if w.f.since.set {
		where = append(where, "last_seen >= "+sqlQuote(w.io.Now().UTC().Add(-w.f.since.d).Format("2006-01-02T15:04:05.000Z")))
	}
	return `SELECT rule_id, severity, status, resource_name, reason, first_seen, last_seen, resolved_at, finding_id
FROM salesforce_findings WHERE ` + strings.Join(where, " AND ") + `
ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, rule_id, resource_name;`, nil
}

// atLeast keeps the rules at or above a severity.
func atLeast(rs []*rules.Rule, severity string) []*rules.Rule {
	var out []*rules.Rule
	for _, r := range rs {
		if rules.SeverityRank(r.Severity) <= rules.SeverityRank(severity) {
			out = append(out, r)
		}
	}
	return out
}
