package rules

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/sfsql/sfsql/session"
)

// Statuses of a rule in one run. An API failure is an error, never a pass.
const (
	Pass  = "pass"
	Fail  = "fail"
	Skip  = "skip"
	Error = "error"
)

// Finding is one violation a rule returned.
type Finding struct {
	RuleID, Severity         string
	ResourceID, ResourceName string
	Reason                   string
	Details                  map[string]any // the row's other columns
	Muted                    bool
	MuteReason               string
}

// Result is one rule's outcome in one run.
type Result struct {
	Rule     *Rule
	Status   string
	Why      string // a skip's reason, an error's message
	Findings []Finding
	Elapsed  time.Duration
}

// Params are what rule SQL may name: :org_id, the org's 18-character Id,
// and :snapshot_id, the snapshot being read (the latest live, the served
// one offline or as of a moment; 0 when there is none).
type Params struct {
	OrgID      string
	SnapshotID int64
	// Stored, when set, is every table a rule may read (a watch round's
	// snapshot and the store's views): a rule needing another table is
	// skipped rather than read from the org, so a quiet round stays quiet.
	Stored map[string]bool
}

// Evaluate runs every rule on a session, one at a time: a rule whose
// tables or fields the org lacks is skipped with the reason, a failing
// query (the API or the SQL) is an error.
func Evaluate(ctx context.Context, s *session.Session, rs []*Rule, p Params) []Result {
	out := make([]Result, 0, len(rs))
	for _, r := range rs {
		start := time.Now()
		res := evaluate(ctx, s, r, p)
		res.Elapsed = time.Since(start)
		out = append(out, res)
	}
	return out
}

func evaluate(ctx context.Context, s *session.Session, r *Rule, p Params) Result {
	res := Result{Rule: r}
	if why := notStored(r, p.Stored); why != "" {
		res.Status, res.Why = Skip, why
		return res
	}
	if why, err := missing(ctx, s, r); err != nil {
		res.Status, res.Why = Error, oneLine(err.Error())
		return res
	} else if why != "" {
		res.Status, res.Why = Skip, why
		return res
	}
	var args []any
	if strings.Contains(r.SQL, ":org_id") {
		args = append(args, sql.Named("org_id", p.OrgID))
	}
	if strings.Contains(r.SQL, ":snapshot_id") {
		if p.SnapshotID == 0 {
			res.Status, res.Why = Skip, "no snapshot of this org yet: it compares with the last one (sfsql snapshot)"
			return res
		}
		args = append(args, sql.Named("snapshot_id", p.SnapshotID))
	}
	cols, rows, err := s.Query(ctx, r.SQL, args...)
	if err != nil {
		res.Status, res.Why = Error, oneLine(err.Error())
		return res
	}
	idx := map[string]int{}
	for i, c := range cols {
		idx[c] = i
	}
	for _, need := range []string{"resource_id", "resource_name", "reason"} {
		if _, ok := idx[need]; !ok {
			res.Status, res.Why = Error, fmt.Sprintf("%s: the SELECT returns no %s column", r.File, need)
			return res
		}
	}
	for _, row := range rows {
		f := Finding{RuleID: r.ID, Severity: r.Severity, ResourceID: text(row[idx["resource_id"]]),
			ResourceName: text(row[idx["resource_name"]]), Reason: text(row[idx["reason"]])}
		for i, c := range cols {
			if c != "resource_id" && c != "resource_name" && c != "reason" {
				if f.Details == nil {
					f.Details = map[string]any{}
				}
				f.Details[c] = row[i]
			}
		}
		res.Findings = append(res.Findings, f)
	}
	res.Status = Pass
	if len(res.Findings) > 0 {
		res.Status = Fail
	}
	return res
}

// notStored says why a rule reads a table the snapshot does not hold.
func notStored(r *Rule, stored map[string]bool) string {
	if stored == nil {
		return ""
	}
	for _, t := range r.Tables {
		if !stored[t] {
			return t + " is not in the snapshot this round read (add it to snapshot --tables, or run sfsql check)"
		}
	}
	return ""
}

// missing says why a rule cannot run here: a table the org (or the
// snapshot) does not have, or a field a feature of the org brings.
func missing(ctx context.Context, s *session.Session, r *Rule) (string, error) {
	columns := map[string]map[string]bool{}
	for _, t := range r.Tables {
		cols, why, err := tableColumns(ctx, s, t)
		if why != "" && r.Needs != "" {
			return "needs " + r.Needs, nil
		}
		if err != nil || why != "" {
			return why, err
		}
		columns[t] = cols
	}
	for _, req := range r.Requires {
		t, c, ok := strings.Cut(req, ".")
		if !ok {
			return "", fmt.Errorf("%s: requires %q: want table.column", r.File, req)
		}
		cols, ok := columns[t]
		if !ok {
			var why string
			var err error
			if cols, why, err = tableColumns(ctx, s, t); err != nil || why != "" {
				return why, err
			}
			columns[t] = cols
		}
		if !cols[c] {
			return fmt.Sprintf("the org has no %s.%s (a feature it does not have, or an API version without it)", t, c), nil
		}
	}
	return "", nil
}

// tableColumns lists a table's columns; a table the org or the store
// does not have is a reason to skip, not an error.
func tableColumns(ctx context.Context, s *session.Session, table string) (map[string]bool, string, error) {
	_, rows, err := s.Query(ctx, "SELECT name FROM pragma_table_xinfo(?)", table)
	if err != nil {
		msg := err.Error()
		if strings.Contains(msg, "offline:") || strings.Contains(msg, "NOT_FOUND") || strings.Contains(msg, "INVALID_TYPE") || strings.Contains(msg, "no such table") {
			return nil, "the org has no " + table + ": " + oneLine(msg), nil
		}
		return nil, "", err
	}
	if len(rows) == 0 {
		return nil, "the org has no " + table, nil
	}
	cols := map[string]bool{}
	for _, row := range rows {
		cols[text(row[0])] = true
	}
	return cols, "", nil
}

func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	return fmt.Sprint(v)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
