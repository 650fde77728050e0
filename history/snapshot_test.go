package history_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/history"
)

func TestSnapshot_FirstThenQuiet(t *testing.T) {
	r := newRig(t, 300)
	r.take()
	r.clock.Advance(5 * time.Minute)
	r.srv.ResetCounters()
	quiet := r.take()
	if quiet.Added+quiet.Removed+quiet.Modified != 0 {
		t.Fatalf("quiet round found changes: %+v", quiet)
	}
	if n := r.srv.Counters.Requests.Load(); n > 3 || quiet.Requests != n {
		t.Fatalf("a quiet round of the default catalogue sent %d requests (recorded %d), want at most 3", n, quiet.Requests)
	}
}

// TestSnapshot_FailureIsRecordedAndChangesNothing: an API failure in the
// middle of a round leaves a failed snapshot with its error and the store
// as it was; the next round works.
func TestSnapshot_FailureIsRecordedAndChangesNothing(t *testing.T) {
	r := newRig(t, 200)
	r.take()
	before := currentState(t, r.store)
	user := r.srv.Store.Rows("User")[5]["Id"].(string)
	r.clock.Advance(time.Hour)
	must(t, r.srv.Org.Update(user, fakeorg.Record{"IsActive": false}))
	r.clock.Advance(2 * time.Minute)
	r.srv.SetFaults(fakeorg.Faults{LimitExceeded: true})
	if _, err := r.snap.Take(context.Background(), history.DefaultTables(allSpecs())); err == nil || !strings.Contains(err.Error(), "REQUEST_LIMIT_EXCEEDED") {
		t.Fatalf("a round against an org over its limit: %v", err)
	}
	r.srv.SetFaults(fakeorg.Faults{})
	var status, msg string
	must(t, r.store.DB().QueryRow(`select status, error from snapshots order by id desc limit 1`).Scan(&status, &msg))
	if status != "failed" || !strings.Contains(msg, "REQUEST_LIMIT_EXCEEDED") {
		t.Fatalf("the failed round was recorded as %s: %s", status, msg)
	}
	if after := currentState(t, r.store); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatal("a failed round changed the stored state")
	}
	if res := r.take(); res.Modified != 1 {
		t.Fatalf("the round after the failure: %+v", res)
	}
}
