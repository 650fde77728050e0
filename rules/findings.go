package rules

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"time"
)

// FindingID is a finding's stable id: the same org, rule and resource
// always give the same id, run after run.
func FindingID(org, rule, resource string) string {
	sum := sha256.Sum256([]byte(org + "\x00" + rule + "\x00" + resource))
	return hex.EncodeToString(sum[:10])
}

// Transition is a change of a finding's state in one run.
type Transition struct {
	Event   string // opened, reopened, resolved
	Finding Finding
	ID      string
}

// Lifecycle is the outcome of recording a run: what opened and resolved,
// and whether the org had no findings recorded before (its first run).
type Lifecycle struct {
	Transitions []Transition
	FirstRun    bool
}

const stampLayout = "2006-01-02T15:04:05.000Z"

// ApplyMutes marks the findings the store's mute list covers (rule and
// resource id or name, in this org or every org, not expired).
func ApplyMutes(ctx context.Context, db *sql.DB, org string, results []Result, now time.Time) error {
	rows, err := db.QueryContext(ctx, `SELECT rule_id, resource, reason FROM mutes WHERE (org_id = '' OR org_id = ?) AND (until IS NULL OR until > ?)`,
		org, now.UTC().Format(stampLayout))
	if err != nil {
		return err
	}
	defer rows.Close()
	type key struct{ rule, resource string }
	mutes := map[key]string{}
	for rows.Next() {
		var k key
		var reason string
		if err := rows.Scan(&k.rule, &k.resource, &reason); err != nil {
			return err
		}
		mutes[k] = reason
	}
	for i := range results {
		for j := range results[i].Findings {
			f := &results[i].Findings[j]
			for _, res := range []string{f.ResourceID, f.ResourceName} {
				if reason, ok := mutes[key{f.RuleID, res}]; ok && res != "" {
					f.Muted, f.MuteReason = true, reason
				}
			}
		}
	}
	return rows.Err()
}

// Record updates the findings of one run in tx: new ones open (or start
// muted), gone ones resolve, resolved ones that return reopen. Rules that
// were skipped or failed to run leave their findings as they were: an
// error is never a resolution.
func Record(ctx context.Context, tx *sql.Tx, org string, results []Result, now time.Time) (*Lifecycle, error) {
	at := now.UTC().Format(stampLayout)
	lc := &Lifecycle{}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM rule_runs WHERE org_id = ?`, org).Scan(&n); err != nil {
		return nil, err
	}
	lc.FirstRun = n == 0
	if _, err := tx.ExecContext(ctx, `INSERT INTO rule_runs (org_id, first_at, last_at, runs) VALUES (?, ?, ?, 1)
		ON CONFLICT (org_id) DO UPDATE SET last_at = excluded.last_at, runs = runs + 1`, org, at, at); err != nil {
		return nil, err
	}
	for _, res := range results {
		if res.Status != Pass && res.Status != Fail {
			continue
		}
		if err := recordRule(ctx, tx, org, res, at, lc); err != nil {
			return nil, err
		}
	}
	return lc, nil
}

func recordRule(ctx context.Context, tx *sql.Tx, org string, res Result, at string, lc *Lifecycle) error {
	known, err := knownFindings(ctx, tx, org, res.Rule.ID)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, f := range res.Findings {
		id := FindingID(org, f.RuleID, f.ResourceID)
		if seen[id] {
			continue // one finding per resource, whatever rows the SQL returned
		}
		seen[id] = true
		status := "open"
		if f.Muted {
			status = "muted"
		}
		prev, exists := known[id]
		switch {
		case !exists:
			if _, err := tx.ExecContext(ctx, `INSERT INTO findings (id, org_id, rule_id, severity, resource_id, resource_name, reason, status, first_seen, last_seen)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, org, f.RuleID, f.Severity, f.ResourceID, f.ResourceName, f.Reason, status, at, at); err != nil {
				return err
			}
			if !f.Muted {
				lc.Transitions = append(lc.Transitions, Transition{Event: "opened", Finding: f, ID: id})
			}
		default:
			reopened := prev == "resolved"
			if _, err := tx.ExecContext(ctx, `UPDATE findings SET status = ?, last_seen = ?, reason = ?, resource_name = ?, severity = ?,
				resolved_at = CASE WHEN ? THEN NULL ELSE resolved_at END, reopened = reopened + ? WHERE id = ?`,
				status, at, f.Reason, f.ResourceName, f.Severity, reopened, boolInt(reopened), id); err != nil {
				return err
			}
			if reopened && !f.Muted {
				lc.Transitions = append(lc.Transitions, Transition{Event: "reopened", Finding: f, ID: id})
			}
		}
	}
	return resolveGone(ctx, tx, known, seen, at, lc)
}

// resolveGone resolves the findings of a rule that this run no longer
// returned.
func resolveGone(ctx context.Context, tx *sql.Tx, known map[string]string, seen map[string]bool, at string, lc *Lifecycle) error {
	for id, status := range known {
		if seen[id] || status == "resolved" {
			continue
		}
		var f Finding
		if err := tx.QueryRowContext(ctx, `SELECT rule_id, severity, resource_id, coalesce(resource_name, ''), coalesce(reason, '') FROM findings WHERE id = ?`, id).
			Scan(&f.RuleID, &f.Severity, &f.ResourceID, &f.ResourceName, &f.Reason); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE findings SET status = 'resolved', resolved_at = ? WHERE id = ?`, at, id); err != nil {
			return err
		}
		if status == "open" {
			lc.Transitions = append(lc.Transitions, Transition{Event: "resolved", Finding: f, ID: id})
		}
	}
	return nil
}

func knownFindings(ctx context.Context, tx *sql.Tx, org, rule string) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, status FROM findings WHERE org_id = ? AND rule_id = ?`, org, rule)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, status string
		if err := rows.Scan(&id, &status); err != nil {
			return nil, err
		}
		out[id] = status
	}
	return out, rows.Err()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Mute adds (or replaces) a mute: the finding stays visible, no longer
// fails a check, and is not notified.
func Mute(ctx context.Context, db *sql.DB, rule, resource, org, reason string, until *time.Time, now time.Time) error {
	var u any
	if until != nil {
		u = until.UTC().Format(stampLayout)
	}
	_, err := db.ExecContext(ctx, `INSERT OR REPLACE INTO mutes (rule_id, resource, org_id, reason, until, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		rule, resource, org, reason, u, now.UTC().Format(stampLayout))
	return err
}
