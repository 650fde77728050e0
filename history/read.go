package history

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sfsql/sfsql/salesforce"
	"github.com/sfsql/sfsql/soql"
	"github.com/sfsql/sfsql/vtab"
)

// record is one stored row: its key (the 18-character Id) and its own
// columns.
type record struct {
	id   string
	data map[string]any
}

// tableRead is what one snapshot learned of one table.
type tableRead struct {
	table string
	shape *vtab.Shape
	mode  mode
	prev  *state

	records   []record        // records to store (added or possibly changed)
	complete  bool            // records is the whole table
	present   map[string]bool // an Ids-only scan: every Id the table has now
	removed   []string        // Ids the org says are gone
	next      state
	skipped   string // why the table could not be read (the org lacks it)
	unchanged bool   // nothing could be asked this time: the stored state stands
}

// overlap is the safety margin of stamp deltas: a change stamped within it
// of the last read is looked for again.
const overlap = time.Minute

// eventOverlap is how far before the newest stored event a read of an
// event table starts again: rows already stored are skipped by Id.
const eventOverlap = 5 * time.Minute

// selectOwn is SELECT <own fields> FROM <object> [WHERE field >= since],
// rendered by the one SOQL renderer.
func (r *tableRead) selectOwn(field string, since time.Time) string {
	q := soql.Query{From: r.shape.Object, Limit: -1, Offset: -1}
	for _, f := range r.shape.Own() {
		q.Items = append(q.Items, soql.SelectItem{Path: soql.Field(f)})
	}
	if field != "" {
		q.Where = soql.Compare{Path: soql.Field(field), Op: ">=", Value: soql.Value{Kind: soql.KindDateTime, Time: since.UTC()}}
	}
	if r.shape.OneRow {
		q.Limit = 1
	}
	return q.String()
}

// fullQuery reads every record (events: every record newer than since).
func (r *tableRead) fullQuery(since time.Time) string {
	if r.mode == modeEvents {
		return r.selectOwn(r.shape.History.EventTime, since)
	}
	return r.selectOwn("", time.Time{})
}

// probeQuery is the quiet-round question: SELECT COUNT(Id) c,
// MAX(SystemModstamp) m.
func (r *tableRead) probeQuery() string {
	q := soql.Query{From: r.shape.Object, Limit: -1, Offset: -1, Items: []soql.SelectItem{
		{Path: soql.Field("Id"), Aggregate: "COUNT", Alias: "c"}, {Path: soql.Field(r.shape.Stamp), Aggregate: "MAX", Alias: "m"}}}
	return q.String()
}

// deltaQuery reads the records stamped since the last read, less the
// overlap.
func (r *tableRead) deltaQuery() string {
	return r.selectOwn(r.shape.Stamp, r.prev.watermark.Add(-overlap))
}

// decodePage turns a page's records into stored records.
func (r *tableRead) decodePage(raws []json.RawMessage) ([]record, error) {
	out := make([]record, 0, len(raws))
	for _, raw := range raws {
		if string(raw) == "null" {
			continue
		}
		data, err := r.shape.Decode(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.table, err)
		}
		out = append(out, record{id: r.keyOf(data), data: data})
	}
	return out, nil
}

// keyOf is a record's Id; a table without one (TwoFactorMethodsInfo) is
// keyed by its user, else by its content.
func (r *tableRead) keyOf(data map[string]any) string {
	if r.shape.HasID {
		id, _ := data["id"].(string)
		return id
	}
	if u, ok := data["user_id"].(string); ok {
		return u
	}
	raw, _ := json.Marshal(data)
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:9])
}

// stampOf is a record's stamp (or event time) for the watermark.
func (r *tableRead) stampOf(data map[string]any) time.Time {
	field := r.shape.Stamp
	if r.mode == modeEvents {
		field = r.shape.History.EventTime
	}
	if field == "" {
		return time.Time{}
	}
	s, _ := data[vtab.SnakeCase(field)].(string)
	t, _ := salesforce.ParseTime(s)
	return t
}

func (r *tableRead) advanceWatermark(recs []record) {
	for _, rec := range recs {
		if t := r.stampOf(rec.data); t.After(r.next.watermark) {
			r.next.watermark = t
		}
	}
}

// retrieve fetches records by Id, 2,000 per call; Ids that come back null
// are gone.
func (r *tableRead) retrieve(ctx context.Context, c *salesforce.Client, ids []string) (found []record, gone []string, err error) {
	for start := 0; start < len(ids); start += 2000 {
		chunk := ids[start:min(start+2000, len(ids))]
		raws, err := c.Retrieve(ctx, r.shape.Object, chunk, r.shape.Own())
		if err != nil {
			return nil, nil, err
		}
		for i, raw := range raws {
			if string(raw) == "null" || len(raw) == 0 {
				gone = append(gone, chunk[i])
				continue
			}
			recs, err := r.decodePage([]json.RawMessage{raw})
			if err != nil {
				return nil, nil, err
			}
			found = append(found, recs...)
		}
	}
	return found, gone, nil
}
