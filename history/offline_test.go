package history_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/history"
)

// TestOffline_EqualsLive: right after a snapshot, every served table —
// relationship columns and salesforce_user_permission included — returns
// exactly the rows, columns and types the live table does.
func TestOffline_EqualsLive(t *testing.T) {
	r := newRig(t, 150)
	r.snap.EventsSince = 20 * 365 * 24 * time.Hour // the whole of the event tables, as live has them
	r.take()
	ctx := context.Background()
	tables := append(history.DefaultTables(allSpecs()), "salesforce_user_permission", "salesforce_user_object_access", "salesforce_user_field_access")
	live := map[string]string{}
	for _, table := range tables {
		live[table] = dump(t, r, table)
	}
	must(t, history.Attach(ctx, r.h.Conn, r.store))
	id, _, err := r.store.Latest(ctx, r.snap.Org.ID)
	must(t, err)
	served, err := history.Serve(ctx, r.h.Conn, r.snap.Org.ID, id)
	must(t, err)
	if len(served) != len(tables) {
		t.Fatalf("served %d tables, want %d: %v", len(served), len(tables), served)
	}
	r.srv.ResetCounters()
	for _, table := range tables {
		if got := dump(t, r, table); got != live[table] {
			t.Errorf("%s offline differs from live:\n%s", table, firstDiff(live[table], got))
		}
	}
	if n := r.srv.Counters.Requests.Load(); n != 0 {
		t.Fatalf("the served tables sent %d requests", n)
	}
}

// dump renders a table's rows, each value with its Go type, in a stable
// order, under the column names.
func dump(t *testing.T, r *rig, table string) string {
	cols, rows, err := r.h.Session.Query(context.Background(), "select * from "+table)
	must(t, err)
	var lines []string
	for _, row := range rows {
		var vals []string
		for _, v := range row {
			vals = append(vals, fmt.Sprintf("%T:%v", v, v))
		}
		lines = append(lines, strings.Join(vals, "|"))
	}
	sort.Strings(lines)
	return strings.Join(cols, ",") + "\n" + strings.Join(lines, "\n")
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n live    %s\n offline %s", i, al[i], bl[i])
		}
	}
	return fmt.Sprintf("live %d lines, offline %d", len(al), len(bl))
}
