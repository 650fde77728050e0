package history

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sfsql/sfsql/salesforce"
	"github.com/sfsql/sfsql/soql"
)

// step is one or more subrequests and what to do with their answers.
// Handling may ask for more steps — the next page, records by Id, an
// Ids-only scan — which travel in the next composite calls with every
// other table's, so a round costs its steps divided by the composite
// limits, not one request each.
type step struct {
	subs   []salesforce.Subrequest
	handle func(ctx context.Context, answers []salesforce.SubResponse) ([]*step, error)
}

// reader runs one round's reads against one org.
type reader struct {
	client      *salesforce.Client
	store       *Store
	org         string
	now         time.Time
	eventsSince time.Duration
}

// run sends steps packed into as few composite calls as the limits allow
// (25 subrequests, 5 of them queries), handles the answers, and goes on
// with the steps they ask for until none are left.
func (rd *reader) run(ctx context.Context, steps []*step) error {
	for len(steps) > 0 {
		var next []*step
		for _, batch := range pack(steps) {
			more, err := rd.send(ctx, batch)
			if err != nil {
				return err
			}
			next = append(next, more...)
		}
		steps = next
	}
	return nil
}

func pack(steps []*step) [][]*step {
	var out [][]*step
	var batch []*step
	subs, queries := 0, 0
	for _, s := range steps {
		q := 0
		for _, sub := range s.subs {
			if sub.Query {
				q++
			}
		}
		if len(batch) > 0 && (subs+len(s.subs) > salesforce.MaxSubrequests || queries+q > salesforce.MaxQuerySubrequests) {
			out, batch, subs, queries = append(out, batch), nil, 0, 0
		}
		batch = append(batch, s)
		subs, queries = subs+len(s.subs), queries+q
	}
	if len(batch) > 0 {
		out = append(out, batch)
	}
	return out
}

func (rd *reader) send(ctx context.Context, batch []*step) ([]*step, error) {
	var subs []salesforce.Subrequest
	for _, s := range batch {
		subs = append(subs, s.subs...)
	}
	answers, err := rd.client.Composite(ctx, subs)
	if err != nil {
		return nil, err
	}
	var next []*step
	i := 0
	for _, s := range batch {
		more, err := s.handle(ctx, answers[i:i+len(s.subs)])
		if err != nil {
			return nil, err
		}
		next = append(next, more...)
		i += len(s.subs)
	}
	return next, nil
}

// then is a continuation: what to do once a chain of steps is over.
type then func(ctx context.Context) ([]*step, error)

// queryStep reads a SOQL result page by page (each page a subrequest),
// giving every page's records to each, then goes on with done.
func (rd *reader) queryStep(r *tableRead, text string, each func([]record), done then) *step {
	path := rd.client.QueryPath(text, salesforce.QueryOptions{Tooling: r.shape.Tooling})
	return rd.pageStep(r, path, each, done)
}

func (rd *reader) pageStep(r *tableRead, path string, each func([]record), done then) *step {
	return &step{subs: []salesforce.Subrequest{{Path: path, Query: true}}, handle: func(ctx context.Context, a []salesforce.SubResponse) ([]*step, error) {
		if err := a[0].Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", r.table, err)
		}
		var page salesforce.Page
		if err := json.Unmarshal(a[0].Body, &page); err != nil {
			return nil, fmt.Errorf("%s: %w", r.table, err)
		}
		recs, err := r.decodePage(page.Records)
		if err != nil {
			return nil, err
		}
		each(recs)
		if !page.Done && page.NextRecordsURL != "" {
			return []*step{rd.pageStep(r, page.NextRecordsURL, each, done)}, nil
		}
		return done(ctx)
	}}
}

// idScanStep is the Ids-only scan: every Id the object has now.
func (rd *reader) idScanStep(r *tableRead, done func(ctx context.Context, present map[string]bool) ([]*step, error)) *step {
	present := map[string]bool{}
	q := soql.Query{From: r.shape.Object, Items: []soql.SelectItem{{Path: soql.Field("Id")}}, Limit: -1, Offset: -1}
	return rd.queryStep(r, q.String(), func(recs []record) {
		for _, rec := range recs {
			present[rec.id] = true
		}
	}, func(ctx context.Context) ([]*step, error) { return done(ctx, present) })
}

// inlineRetrieve is how many Ids a GET collections subrequest carries;
// more go as POSTs of 2,000 outside the composite call.
const inlineRetrieve = 200

// retrieveStep fetches records by Id: up to inlineRetrieve in one
// subrequest of the next composite call, more by direct POSTs. Ids that
// come back null are gone.
func (rd *reader) retrieveStep(ctx context.Context, r *tableRead, ids []string, done func(ctx context.Context, found []record, gone []string) ([]*step, error)) ([]*step, error) {
	if len(ids) == 0 {
		return done(ctx, nil, nil)
	}
	if len(ids) > inlineRetrieve {
		found, gone, err := r.retrieve(ctx, rd.client, ids)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.table, err)
		}
		return done(ctx, found, gone)
	}
	path := rd.client.CollectionPath(r.shape.Object, ids, r.shape.Own())
	return []*step{{subs: []salesforce.Subrequest{{Path: path, Query: true}}, handle: func(ctx context.Context, a []salesforce.SubResponse) ([]*step, error) {
		if err := a[0].Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", r.table, err)
		}
		var raws []json.RawMessage
		if err := json.Unmarshal(a[0].Body, &raws); err != nil || len(raws) != len(ids) {
			return nil, fmt.Errorf("%s: %d records for %d Ids", r.table, len(raws), len(ids))
		}
		var found []record
		var gone []string
		for i, raw := range raws {
			if string(raw) == "null" {
				gone = append(gone, ids[i])
				continue
			}
			recs, err := r.decodePage([]json.RawMessage{raw})
			if err != nil {
				return nil, err
			}
			found = append(found, recs...)
		}
		return done(ctx, found, gone)
	}}}, nil
}
