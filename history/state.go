package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/sfsql/sfsql/salesforce"
)

// states loads where every table of an org stood.
func (s *Store) states(ctx context.Context, org string) (map[string]*state, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT table_name, snapshot_id, rows, coalesce(watermark, ''), coalesce(covered, ''),
		coalesce(del_covered, ''), read_at, shape FROM table_state WHERE org_id = ?`, org)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]*state{}
	for rows.Next() {
		var table, wm, cov, del, read, shape string
		st := &state{}
		if err := rows.Scan(&table, &st.snapshot, &st.rows, &wm, &cov, &del, &read, &shape); err != nil {
			return nil, err
		}
		st.watermark, st.covered, st.delCovered, st.readAt = parseStamp(wm), parseStamp(cov), parseStamp(del), parseStamp(read)
		if err := json.Unmarshal([]byte(shape), &st.shape); err != nil {
			return nil, err
		}
		out[table] = st
	}
	return out, rows.Err()
}

func parseStamp(s string) time.Time {
	t, _ := salesforce.ParseTime(s)
	return t
}

func stampOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return stamp(t)
}

// saveState records where the table now stands (its current records: n),
// and rebuilds its views when its columns moved.
func (w *writer) saveState(ctx context.Context, r *tableRead, n int) error {
	shape := shapeOf(r.shape).json()
	var old string
	err := w.tx.QueryRowContext(ctx, `SELECT shape FROM table_state WHERE org_id = ? AND table_name = ?`, w.org, r.table).Scan(&old)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	args := []any{w.id, n, stampOrNull(r.next.watermark), stampOrNull(r.next.covered), stampOrNull(r.next.delCovered), stamp(r.next.readAt)}
	if old == shape {
		// The common case of a quiet round: the shape stays, only the marks move.
		_, err := w.tx.ExecContext(ctx, `UPDATE table_state SET snapshot_id = ?, rows = ?, watermark = ?, covered = ?, del_covered = ?, read_at = ?
			WHERE org_id = ? AND table_name = ?`, append(args, w.org, r.table)...)
		return err
	}
	if _, err := w.tx.ExecContext(ctx, `INSERT OR REPLACE INTO table_state (snapshot_id, rows, watermark, covered, del_covered, read_at, org_id, table_name, shape)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, w.org, r.table, shape)...); err != nil {
		return err
	}
	return refreshTableViews(ctx, w.tx, r.table)
}

// currentIDs says which of ids the store holds as current records of a
// table (all of them when ids is nil).
func (s *Store) currentIDs(ctx context.Context, org, table string, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	q := `SELECT record_id FROM versions WHERE org_id = ? AND table_name = ? AND valid_to IS NULL`
	run := func(extra string, args ...any) error {
		rows, err := s.db.QueryContext(ctx, q+extra, append([]any{org, table}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out[id] = true
		}
		return rows.Err()
	}
	if ids == nil {
		return out, run("")
	}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		if err := run(" AND record_id IN ("+strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")+")", args...); err != nil {
			return nil, err
		}
	}
	return out, nil
}
