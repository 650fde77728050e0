package history

import (
	"context"
	"time"

	"github.com/sfsql/sfsql/salesforce"
)

// firstSteps plans a table's first subrequests by its mode.
func (rd *reader) firstSteps(r *tableRead) []*step {
	c := rd.client
	switch r.mode {
	case modeReplication:
		end := rd.now
		if !end.Truncate(time.Minute).After(r.prev.covered) || !end.Truncate(time.Minute).After(r.prev.delCovered) {
			// The resources cover whole minutes: nothing new can be asked.
			r.unchanged = true
			return nil
		}
		subs := []salesforce.Subrequest{{Path: c.UpdatedPath(r.shape.Object, r.prev.covered, end)}, {Path: c.DeletedPath(r.shape.Object, r.prev.delCovered, end)}}
		return []*step{{subs: subs, handle: func(ctx context.Context, a []salesforce.SubResponse) ([]*step, error) {
			return rd.replicated(ctx, r, a)
		}}}
	case modeDelta:
		sub := salesforce.Subrequest{Path: c.QueryPath(r.probeQuery(), salesforce.QueryOptions{Tooling: r.shape.Tooling}), Query: true}
		return []*step{{subs: []salesforce.Subrequest{sub}, handle: func(ctx context.Context, a []salesforce.SubResponse) ([]*step, error) {
			return rd.counted(ctx, r, a[0])
		}}}
	}
	return []*step{rd.readAllStep(r)}
}

// readAllStep reads a table in full, or an event table from a margin
// before its newest stored row.
func (rd *reader) readAllStep(r *tableRead) *step {
	since := rd.now.Add(-rd.eventsSince)
	r.next = state{readAt: rd.now}
	if r.mode == modeEvents && r.prev != nil {
		// Events are logged late at times (and a skewed clock can date them
		// ahead): read again from a margin before the newest stored one.
		since = r.prev.watermark
		if r.prev.readAt.Before(since) {
			since = r.prev.readAt
		}
		since = since.Add(-eventOverlap)
		r.next.watermark = r.prev.watermark
	}
	if r.mode == modeFull {
		// A full read starts replication afresh from the minute it began.
		r.next.covered, r.next.delCovered = rd.now.Truncate(time.Minute), rd.now.Truncate(time.Minute)
	}
	var recs []record
	return rd.queryStep(r, r.fullQuery(since), func(page []record) { recs = append(recs, page...) }, func(context.Context) ([]*step, error) {
		r.records, r.complete = recs, r.mode == modeFull
		r.advanceWatermark(recs)
		return nil, nil
	})
}

// fallBack reads a table in full when its cheap probe was refused.
func (rd *reader) fallBack(r *tableRead) []*step {
	r.mode = modeFull
	return []*step{rd.readAllStep(r)}
}
