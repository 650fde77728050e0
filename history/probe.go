package history

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sfsql/sfsql/salesforce"
)

// probe is a table's first questions of a round, sent with other tables'
// in composite calls, and what to do with the answers.
type probe struct {
	subs   []salesforce.Subrequest
	handle func(ctx context.Context, answers []salesforce.SubResponse) error
}

// reader runs one round's reads against one org.
type reader struct {
	client      *salesforce.Client
	store       *Store
	org         string
	now         time.Time
	eventsSince time.Duration
}

// probeFor plans a table's first subrequests by its mode.
func (rd *reader) probeFor(r *tableRead) *probe {
	c := rd.client
	query := func(soql string) salesforce.Subrequest {
		return salesforce.Subrequest{Path: c.QueryPath(soql, salesforce.QueryOptions{Tooling: r.shape.Tooling}), Query: true}
	}
	switch r.mode {
	case modeReplication:
		end := rd.now
		if !end.Truncate(time.Minute).After(r.prev.covered) || !end.Truncate(time.Minute).After(r.prev.delCovered) {
			r.skipped = "the replication resources cover whole minutes; this one is not over"
			r.next = *r.prev
			return nil
		}
		return &probe{
			subs: []salesforce.Subrequest{{Path: c.UpdatedPath(r.shape.Object, r.prev.covered, end)}, {Path: c.DeletedPath(r.shape.Object, r.prev.delCovered, end)}},
			handle: func(ctx context.Context, a []salesforce.SubResponse) error {
				return rd.replicated(ctx, r, a)
			},
		}
	case modeDelta:
		return &probe{subs: []salesforce.Subrequest{query(r.probeQuery())}, handle: func(ctx context.Context, a []salesforce.SubResponse) error {
			return rd.counted(ctx, r, a[0])
		}}
	}
	since := rd.now.Add(-rd.eventsSince)
	if r.mode == modeEvents && r.prev != nil {
		// Events are logged late at times (and a skewed clock can date them
		// ahead): read again from a margin before the newest stored one.
		since = r.prev.watermark
		if r.prev.readAt.Before(since) {
			since = r.prev.readAt
		}
		since = since.Add(-eventOverlap)
	}
	return &probe{subs: []salesforce.Subrequest{query(r.fullQuery(since))}, handle: func(ctx context.Context, a []salesforce.SubResponse) error {
		return rd.fetched(ctx, r, a[0])
	}}
}

// run sends the probes packed into as few composite calls as the limits
// allow (25 subrequests, 5 of them queries), then handles each answer.
func (rd *reader) run(ctx context.Context, probes []*probe) error {
	var batch []*probe
	subs, queries := 0, 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := rd.send(ctx, batch)
		batch, subs, queries = nil, 0, 0
		return err
	}
	for _, p := range probes {
		q := 0
		for _, s := range p.subs {
			if s.Query {
				q++
			}
		}
		if subs+len(p.subs) > salesforce.MaxSubrequests || queries+q > salesforce.MaxQuerySubrequests {
			if err := flush(); err != nil {
				return err
			}
		}
		batch = append(batch, p)
		subs, queries = subs+len(p.subs), queries+q
	}
	return flush()
}

func (rd *reader) send(ctx context.Context, batch []*probe) error {
	var subs []salesforce.Subrequest
	for _, p := range batch {
		subs = append(subs, p.subs...)
	}
	answers, err := rd.client.Composite(ctx, subs)
	if err != nil {
		return err
	}
	i := 0
	for _, p := range batch {
		if err := p.handle(ctx, answers[i:i+len(p.subs)]); err != nil {
			return err
		}
		i += len(p.subs)
	}
	return nil
}

// fetched handles the first page of a full or events read.
func (rd *reader) fetched(ctx context.Context, r *tableRead, a salesforce.SubResponse) error {
	if err := a.Err(); err != nil {
		return fmt.Errorf("%s: %w", r.table, err)
	}
	var first salesforce.Page
	if err := json.Unmarshal(a.Body, &first); err != nil {
		return fmt.Errorf("%s: %w", r.table, err)
	}
	recs, err := r.collect(ctx, rd.client, &first)
	if err != nil {
		return fmt.Errorf("%s: %w", r.table, err)
	}
	r.records, r.complete = recs, r.mode == modeFull
	r.next = state{readAt: rd.now}
	if r.prev != nil && r.mode == modeEvents {
		r.next.watermark = r.prev.watermark
	}
	r.advanceWatermark(recs)
	if r.mode == modeFull {
		// A full read starts replication afresh from the minute it began.
		r.next.covered, r.next.delCovered = rd.now.Truncate(time.Minute), rd.now.Truncate(time.Minute)
	}
	return nil
}

// fallBack reads a table in full when its cheap probe was refused.
func (rd *reader) fallBack(ctx context.Context, r *tableRead) error {
	r.mode = modeFull
	recs, err := r.query(ctx, rd.client, r.fullQuery(time.Time{}))
	if err != nil {
		return fmt.Errorf("%s: %w", r.table, err)
	}
	r.records, r.complete = recs, true
	r.next = state{readAt: rd.now, covered: rd.now.Truncate(time.Minute), delCovered: rd.now.Truncate(time.Minute)}
	r.advanceWatermark(recs)
	return nil
}
