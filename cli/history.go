package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	hist "github.com/sfsql/sfsql/history"
	"github.com/sfsql/sfsql/shell"
)

// snapshotter is the history writer of this run's org.
func (w *workspace) snapshotter(ctx context.Context) (*hist.Snapshotter, []string, error) {
	org, err := w.identify(ctx)
	if err != nil {
		return nil, nil, err
	}
	tables := hist.DefaultTables(w.sess.Engine.Specs())
	if w.f.tables != "" {
		if tables, err = hist.ResolveTables(strings.Split(w.f.tables, ","), w.sess.Engine.Specs()); err != nil {
			return nil, nil, err
		}
	}
	s := &hist.Snapshotter{Store: w.store, Engine: w.sess.Engine, Client: w.sess.Engine.Client(), Org: org, EventsSince: w.f.eventsSince.d, Log: w.f.trace}
	return s, tables, nil
}

// runSnapshot takes one snapshot and prints what it found and cost.
func (w *workspace) runSnapshot(ctx context.Context) error {
	s, tables, err := w.snapshotter(ctx)
	if err != nil {
		return err
	}
	res, err := s.Take(ctx, tables)
	if err != nil {
		return fmt.Errorf("snapshot failed (recorded in %s): %w", w.store.Path, err)
	}
	fmt.Fprintln(w.io.Stdout, summary(res))
	for t, why := range res.Skipped {
		fmt.Fprintf(w.io.Stderr, "sfsql: %s skipped: %s\n", t, why)
	}
	return nil
}

func summary(r *hist.Result) string {
	return fmt.Sprintf("snapshot %d: %d tables, %d records; %d added, %d removed, %d modified; %d API requests, %s",
		r.ID, len(r.Tables), r.Rows, r.Added, r.Removed, r.Modified, r.Requests, kilobytes(r.Bytes))
}

func kilobytes(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%.1f kB", float64(n)/1024)
}

// runPrune applies the retention.
func (w *workspace) runPrune(ctx context.Context) error {
	res, err := w.store.Prune(ctx, w.f.olderThan.d)
	if err != nil {
		return err
	}
	fmt.Fprintf(w.io.Stdout, "pruned %d snapshots, %d record versions, %d changes older than %s\n",
		res.Snapshots, res.Versions, res.Changes, w.f.olderThan.d)
	return nil
}

// changesQuery is sfsql changes: the readable summary, through the shell
// so every output format works.
func (w *workspace) changesQuery(ctx context.Context) (string, error) {
	org, err := w.identify(ctx)
	if err != nil {
		return "", err
	}
	since := 7 * 24 * time.Hour
	if w.f.since.set {
		since = w.f.since.d
	}
	from := w.io.Now().UTC().Add(-since).Format("2006-01-02T15:04:05.000Z")
	where := "org_id = " + sqlQuote(org.ID) + " AND taken_at >= " + sqlQuote(from)
	if w.f.table != "" {
		tables, err := hist.ResolveTables([]string{w.f.table}, w.sess.Engine.Specs())
		if err != nil {
			return "", err
		}
		where += " AND table_name = " + sqlQuote(tables[0])
	}
	return `SELECT taken_at, substr(table_name, 12) AS "table", coalesce(record_name, record_id) AS record, change,
  (SELECT group_concat(value, ', ') FROM json_each(changed_fields)) AS fields,
  coalesce(changed_by, changed_by_id) AS changed_by
FROM salesforce_changes WHERE ` + where + ` ORDER BY snapshot_id, table_name, record;`, nil
}

func sqlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// runVerb runs a history verb.
func (w *workspace) runVerb(ctx context.Context, sh *shell.Shell) error {
	switch w.f.verb {
	case "snapshot":
		return w.runSnapshot(ctx)
	case "prune":
		return w.runPrune(ctx)
	case "watch":
		return w.runWatch(ctx)
	case "check":
		return w.runCheck(ctx)
	case "mute":
		return w.runMute(ctx)
	case "explain-access":
		return w.runExplainAccess(ctx)
	case "findings":
		q, err := w.findingsQuery(ctx)
		if err != nil {
			return err
		}
		return w.runQuery(ctx, sh, q)
	case "changes":
		q, err := w.changesQuery(ctx)
		if err != nil {
			return err
		}
		return w.runQuery(ctx, sh, q)
	}
	return errors.New("unknown verb " + w.f.verb)
}

// runQuery prints a verb's SQL through the shell, in --format.
func (w *workspace) runQuery(ctx context.Context, sh *shell.Shell, q string) error {
	if err := sh.RunScript(ctx, "", q); err != nil {
		return err
	}
	if sh.Failed() {
		return errFailed
	}
	return nil
}
