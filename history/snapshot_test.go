package history_test

import (
	"testing"
	"time"
)

func TestSnapshot_FirstThenQuiet(t *testing.T) {
	r := newRig(t, 300)
	first := r.take()
	t.Logf("first: %+v", first)
	r.clock.Advance(5 * time.Minute)
	r.srv.ResetCounters()
	quiet := r.take()
	t.Logf("quiet: %+v requests=%d", quiet, r.srv.Counters.Requests.Load())
	if quiet.Added+quiet.Removed+quiet.Modified != 0 {
		t.Fatalf("quiet round found changes: %+v", quiet)
	}
}
