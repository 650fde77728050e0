package history_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/history"
)

// TestStore_NewerSchemaIsRefusedUntouched: a store written by a newer
// sfsql gives a clear error and is not modified.
func TestStore_NewerSchemaIsRefusedUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	s, err := history.Open(context.Background(), path, true, history.Options{})
	must(t, err)
	_, err = s.DB().Exec("PRAGMA user_version = 99")
	must(t, err)
	_, err = s.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	must(t, err)
	s.Close()
	before, err := os.ReadFile(path)
	must(t, err)
	_, err = history.Open(context.Background(), path, false, history.Options{})
	want := fmt.Sprintf("schema version 99 is newer than this sfsql understands (%d): upgrade sfsql", history.SchemaVersion())
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("opening a newer store: %v", err)
	}
	after, err := os.ReadFile(path)
	must(t, err)
	if !bytes.Equal(before, after) {
		t.Fatal("opening a newer store modified it")
	}
	if _, err := history.Open(context.Background(), filepath.Join(t.TempDir(), "none.db"), false, history.Options{}); err == nil ||
		!strings.Contains(err.Error(), "no such store") {
		t.Fatalf("opening a missing store: %v", err)
	}
}

// TestStore_PlainSQLiteReadsTheViews: the views live in the file, so the
// sqlite3 shell (or any SQLite tool) can query the history without sfsql.
func TestStore_PlainSQLiteReadsTheViews(t *testing.T) {
	r := newRig(t, 100)
	r.take()
	r.clock.Advance(time.Hour)
	user := r.srv.Store.Rows("User")[3]["Id"].(string)
	must(t, r.srv.Org.Update(user, fakeorg.Record{"IsActive": false}))
	r.clock.Advance(2 * time.Minute)
	r.take()
	out, err := exec.Command("sqlite3", ":memory:", "ATTACH '"+r.store.Path+"' AS snap; "+
		"select record_id, change, changed_fields from snap.salesforce_user_changes; select count(*) from snap.salesforce_user where is_active = 0 and id = '"+user+"'").CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3: %v: %s", err, out)
	}
	if string(out) != user+`|modified|["is_active"]`+"\n1\n" {
		t.Fatalf("sqlite3 read %q", out)
	}
}

// TestStore_PruneKeepsWhatIsInRange: after a prune the changes of the kept
// snapshots and the state at any kept snapshot are as before.
func TestStore_PruneKeepsWhatIsInRange(t *testing.T) {
	r := newRig(t, 100)
	users := r.srv.Store.Rows("User")
	r.take("salesforce_user")
	var kept []int64
	for i := range 6 {
		r.clock.Advance(30 * 24 * time.Hour)
		must(t, r.srv.Org.Update(users[10+i]["Id"].(string), fakeorg.Record{"Title": "round " + string(rune('a'+i))}))
		r.clock.Advance(2 * time.Minute)
		kept = append(kept, r.take("salesforce_user").ID)
	}
	ctx := context.Background()
	stateAt := func(id int64) string {
		must(t, history.Attach(ctx, r.h.Conn, r.store))
		defer r.h.Conn.ExecContext(ctx, "DETACH DATABASE snap")
		_, err := history.Serve(ctx, r.h.Conn, r.snap.Org.ID, id)
		must(t, err)
		defer history.Unserve(ctx, r.h.Conn)
		return strings.Join(flat(r.rows("select id, title from salesforce_user order by id")), ";")
	}
	// Three snapshots are older than 100 days at the end: the newest of
	// them (kept[1]) stays as the baseline, the two before it go.
	want := map[int64]string{}
	for _, id := range kept[1:] {
		want[id] = stateAt(id)
	}
	var changesBefore int
	must(t, r.store.DB().QueryRow("select count(*) from changes where snapshot_id > ?", kept[1]).Scan(&changesBefore))
	res, err := r.store.Prune(ctx, 100*24*time.Hour)
	must(t, err)
	if res.Snapshots != 2 {
		t.Fatalf("pruned %+v", res)
	}
	for id, w := range want {
		if got := stateAt(id); got != w {
			t.Fatalf("state at snapshot %d changed by the prune", id)
		}
	}
	var changesAfter int
	must(t, r.store.DB().QueryRow("select count(*) from changes").Scan(&changesAfter))
	if changesAfter != changesBefore {
		t.Fatalf("%d changes in range before the prune, %d after", changesBefore, changesAfter)
	}
}

func flat(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, ","))
	}
	return out
}
