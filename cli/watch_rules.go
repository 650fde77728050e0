package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	hist "github.com/sfsql/sfsql/history"
	"github.com/sfsql/sfsql/notify"
	"github.com/sfsql/sfsql/rules"
)

// watcher is what a watch round does after its snapshot: the rules on the
// snapshot just taken (no second polling loop: the served tables cost no
// request), the findings lifecycle, and the notifications.
type watcher struct {
	w         *workspace
	rules     []*rules.Rule
	receivers []notify.Receiver
	policy    notify.Policy
}

func (w *workspace) newWatcher() (*watcher, error) {
	rs, err := loadRules(w.f)
	if err != nil {
		return nil, err
	}
	wt := &watcher{w: w, rules: rs}
	for _, spec := range w.f.notify {
		r, err := notify.Parse(spec, w.io.Stdout)
		if err != nil {
			return nil, err
		}
		wt.receivers = append(wt.receivers, r)
	}
	// Retries follow the watch's own cadence, doubling, at most 30 s apart at first.
	wt.policy = notify.Policy{Backoff: min(w.f.every.d, 30*time.Second)}
	return wt, nil
}

// afterSnapshot evaluates the rules on the snapshot and delivers what is
// due. It returns the round's part of the log line.
func (wt *watcher) afterSnapshot(ctx context.Context, snapshot int64) (string, error) {
	w := wt.w
	org, err := w.identify(ctx)
	if err != nil {
		return "", err
	}
	served, err := hist.Serve(ctx, w.sess.Conn, org.ID, snapshot)
	if err != nil {
		return "", err
	}
	defer hist.Unserve(context.WithoutCancel(ctx), w.sess.Conn)
	run, err := w.ruleRun(ctx, wt.rules, wt.receivers)
	if err != nil {
		return "", err
	}
	run.Params.SnapshotID, run.Record, run.Key = snapshot, true, fmt.Sprint(snapshot)
	if run.Params.Stored, err = storedNames(ctx, w, served); err != nil {
		return "", err
	}
	results, lc, err := run.Execute(ctx)
	if err != nil {
		return "", err
	}
	opened, resolved := 0, 0
	for _, t := range lc.Transitions {
		if t.Event == "resolved" {
			resolved++
		} else {
			opened++
		}
	}
	line := fmt.Sprintf("; rules: %d fail, %d findings opened, %d resolved", countStatus(results, rules.Fail), opened, resolved)
	if errs := countStatus(results, rules.Error); errs > 0 {
		line += fmt.Sprintf(", %d rules could not run", errs)
	}
	return line + wt.deliver(ctx), nil
}

// deliver sends what the outbox has due and says what happened; a
// receiver given up on is reported, never dropped silently.
func (wt *watcher) deliver(ctx context.Context) string {
	if len(wt.receivers) == 0 {
		return ""
	}
	rep, err := notify.Deliver(ctx, wt.w.store.DB(), wt.receivers, wt.w.io.Now(), wt.policy)
	if err != nil {
		return "; notifications: " + oneLine(err.Error())
	}
	for _, g := range rep.GaveUp {
		fmt.Fprintf(wt.w.io.Stderr, "sfsql: gave up delivering a notification to %s\n", g)
	}
	line := fmt.Sprintf("; %d notifications delivered", rep.Delivered)
	if len(rep.Failed) > 0 {
		line += fmt.Sprintf(", %d failed (will retry: %s)", len(rep.Failed), strings.Join(rep.Failed, "; "))
	}
	return line
}

func countStatus(results []rules.Result, status string) int {
	n := 0
	for _, r := range results {
		if r.Status == status {
			n++
		}
	}
	return n
}

// storedNames are the tables a watch round's rules may read: the served
// snapshot and the store's own views (changes, findings, …).
func storedNames(ctx context.Context, w *workspace, served []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, t := range served {
		out[t] = true
	}
	_, rows, err := w.sess.Query(ctx, "SELECT name FROM "+hist.Schema+".sqlite_master WHERE type = 'view'")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if name, ok := r[0].(string); ok && !out[name] {
			out[name] = strings.HasSuffix(name, "_changes") || !strings.HasPrefix(name, "salesforce_") || isHistoryView(name)
		}
	}
	return out, nil
}

func isHistoryView(name string) bool {
	switch name {
	case "salesforce_snapshots", "salesforce_changes", "salesforce_field_changes", "salesforce_findings", "salesforce_mutes", "salesforce_notifications":
		return true
	}
	return false
}
