package rules

import (
	"context"
	"database/sql"
	"time"

	"github.com/sfsql/sfsql/notify"
	"github.com/sfsql/sfsql/session"
)

// Run is one evaluation of the rules on a session and what follows from
// it in the store: mutes applied, the lifecycle updated, notifications
// queued — the last two in one transaction, so a crash either keeps both
// or neither.
type Run struct {
	Session     *session.Session
	Rules       []*Rule
	Params      Params
	Store       *sql.DB // nil: no mutes, nothing recorded
	Record      bool    // update the findings lifecycle (live checks, watch rounds)
	Org         Org
	Notify      []notify.Receiver
	MinSeverity string // notify at or above (default critical)
	Key         string // the run in idempotency keys (the snapshot id)
	Now         time.Time
}

// Execute evaluates, then records.
func (r *Run) Execute(ctx context.Context) ([]Result, *Lifecycle, error) {
	results := Evaluate(ctx, r.Session, r.Rules, r.Params)
	if r.Store == nil {
		return results, nil, nil
	}
	if err := ApplyMutes(ctx, r.Store, r.Params.OrgID, results, r.Now); err != nil {
		return nil, nil, err
	}
	if !r.Record {
		return results, nil, nil
	}
	tx, err := r.Store.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	lc, err := Record(ctx, tx, r.Params.OrgID, results, r.Now)
	if err != nil {
		return nil, nil, err
	}
	if len(r.Notify) > 0 {
		min := r.MinSeverity
		if min == "" {
			min = "critical"
		}
		if err := notify.Enqueue(ctx, tx, r.Notify, Messages(r.Org, lc, results, min, r.Key), r.Now); err != nil {
			return nil, nil, err
		}
	}
	return results, lc, tx.Commit()
}

// Failing says whether an unmuted finding is at or above the severity.
func Failing(results []Result, failOn string) bool {
	limit := SeverityRank(failOn)
	for _, res := range results {
		for _, f := range res.Findings {
			if !f.Muted && SeverityRank(f.Severity) <= limit {
				return true
			}
		}
	}
	return false
}

// Errored says whether a rule could not run.
func Errored(results []Result) bool {
	for _, res := range results {
		if res.Status == Error {
			return true
		}
	}
	return false
}
