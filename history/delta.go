package history

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sfsql/sfsql/salesforce"
)

// counted handles COUNT(Id), MAX(stamp): equal to what the store holds and
// nothing stamped near the last read means nothing changed. Otherwise the
// records stamped since the last read (with an overlap) are fetched, and
// an Ids-only scan runs only when the count still disagrees.
func (rd *reader) counted(ctx context.Context, r *tableRead, a salesforce.SubResponse) ([]*step, error) {
	if a.Err() != nil {
		return rd.fallBack(r), nil
	}
	count, newest, err := aggregateAnswer(a.Body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.table, err)
	}
	prev := r.prev
	r.next = *prev
	r.next.readAt = rd.now
	settled := prev.watermark.Before(prev.readAt.Add(-overlap))
	if count == prev.rows && !newest.After(prev.watermark) && settled {
		return nil, nil
	}
	var delta []record
	return []*step{rd.queryStep(r, r.deltaQuery(), func(page []record) { delta = append(delta, page...) }, func(ctx context.Context) ([]*step, error) {
		r.records = delta
		r.advanceWatermark(delta)
		ids := make([]string, len(delta))
		for i, rec := range delta {
			ids[i] = rec.id
		}
		known, err := rd.store.currentIDs(ctx, rd.org, r.table, ids)
		if err != nil {
			return nil, err
		}
		expected := prev.rows
		for _, id := range ids {
			if !known[id] {
				expected++
			}
		}
		if expected == count {
			return nil, nil
		}
		return []*step{rd.rescanStep(r)}, nil
	})}, nil
}

// rescanStep finds removals with an Ids-only scan, and fetches any record
// the scan shows that neither the store nor this round has.
func (rd *reader) rescanStep(r *tableRead) *step {
	return rd.idScanStep(r, func(ctx context.Context, present map[string]bool) ([]*step, error) {
		r.present = present
		stored, err := rd.store.currentIDs(ctx, rd.org, r.table, nil)
		if err != nil {
			return nil, err
		}
		have := map[string]bool{}
		for _, rec := range r.records {
			have[rec.id] = true
		}
		var missing []string
		for id := range present {
			if !stored[id] && !have[id] {
				missing = append(missing, id)
			}
		}
		return rd.retrieveStep(ctx, r, missing, func(_ context.Context, found []record, _ []string) ([]*step, error) {
			r.records = append(r.records, found...)
			r.advanceWatermark(found)
			return nil, nil
		})
	})
}

func aggregateAnswer(body []byte) (int, time.Time, error) {
	var page struct {
		Records []struct {
			C float64 `json:"c"`
			M *string `json:"m"`
		} `json:"records"`
	}
	if err := json.Unmarshal(body, &page); err != nil || len(page.Records) != 1 {
		return 0, time.Time{}, fmt.Errorf("unexpected COUNT() answer")
	}
	rec := page.Records[0]
	var newest time.Time
	if rec.M != nil {
		t, err := salesforce.ParseTime(*rec.M)
		if err != nil {
			return 0, time.Time{}, err
		}
		newest = t
	}
	return int(rec.C), newest, nil
}

// replicated handles sobjects/X/updated and /deleted: the changed records
// are fetched by Id; a deletion log that no longer reaches back to the
// last read (purged recycle bin) means an Ids-only scan.
func (rd *reader) replicated(ctx context.Context, r *tableRead, a []salesforce.SubResponse) ([]*step, error) {
	if a[0].Err() != nil || a[1].Err() != nil {
		return rd.fallBack(r), nil
	}
	var up salesforce.Updated
	var del salesforce.Deleted
	if json.Unmarshal(a[0].Body, &up) != nil || json.Unmarshal(a[1].Body, &del) != nil {
		return nil, fmt.Errorf("%s: unexpected replication answer", r.table)
	}
	covered, err1 := salesforce.ParseTime(up.LatestDateCovered)
	delCovered, err2 := salesforce.ParseTime(del.LatestDateCovered)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("%s: replication answer without latestDateCovered", r.table)
	}
	r.next = *r.prev
	r.next.readAt, r.next.covered, r.next.delCovered = rd.now, covered, delCovered
	return rd.retrieveStep(ctx, r, up.IDs, func(_ context.Context, found []record, gone []string) ([]*step, error) {
		r.records = found
		r.advanceWatermark(found)
		r.removed = gone
		for _, d := range del.DeletedRecords {
			r.removed = append(r.removed, d.ID)
		}
		if earliest, err := salesforce.ParseTime(del.EarliestDateAvailable); err == nil && earliest.After(r.prev.delCovered) {
			return []*step{rd.rescanStep(r)}, nil
		}
		return nil, nil
	})
}
