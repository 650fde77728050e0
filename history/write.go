package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"
)

// change is one row of the changes table before it is written.
type change struct {
	table, id, kind string
	fields          []string
	before, after   map[string]any
	name            string
	atVersion       int64 // the snapshot whose versions name the record
	read            *tableRead
}

// writer applies one snapshot's reads inside its transaction.
type writer struct {
	tx      *sql.Tx
	insert  *sql.Stmt // a new version
	closeV  *sql.Stmt // the end of the current one
	org     string
	id      int64
	res     *Result
	changes []change
}

// commit writes a snapshot in one transaction: new versions, closed
// versions, changes, table states and views.
func (s *Store) commit(ctx context.Context, org Org, now time.Time, reads []*tableRead, requests, bytes int64) (*Result, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := upsertOrg(ctx, tx, org, stamp(now)); err != nil {
		return nil, err
	}
	var tables []string
	for _, r := range reads {
		tables = append(tables, r.table)
	}
	tablesJSON, _ := json.Marshal(tables)
	row, err := tx.ExecContext(ctx, `INSERT INTO snapshots (org_id, taken_at, tables, requests, bytes, status) VALUES (?, ?, ?, ?, ?, 'complete')`,
		org.ID, stamp(now), string(tablesJSON), requests, bytes)
	if err != nil {
		return nil, err
	}
	id, _ := row.LastInsertId()
	res := &Result{ID: id, Tables: tables, Requests: requests, Bytes: bytes, Skipped: map[string]string{}, Modes: map[string]string{}}
	w := &writer{tx: tx, org: org.ID, id: id, res: res}
	if w.insert, err = tx.PrepareContext(ctx, `INSERT INTO versions (org_id, table_name, record_id, valid_from, data) VALUES (?, ?, ?, ?, ?)`); err != nil {
		return nil, err
	}
	if w.closeV, err = tx.PrepareContext(ctx, `UPDATE versions SET valid_to = ? WHERE org_id = ? AND table_name = ? AND record_id = ? AND valid_to IS NULL`); err != nil {
		return nil, err
	}
	for _, r := range reads {
		if err := w.apply(ctx, r); err != nil {
			return nil, err
		}
	}
	if err := w.writeChanges(ctx); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE snapshots SET rows = ? WHERE id = ?`, res.Rows, id); err != nil {
		return nil, err
	}
	return res, tx.Commit()
}

func upsertOrg(ctx context.Context, tx *sql.Tx, org Org, now string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO orgs (org_id, name, org_name, instance, first_seen) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (org_id) DO UPDATE SET name = excluded.name, org_name = coalesce(excluded.org_name, org_name), instance = excluded.instance`,
		org.ID, org.Name, nullable(org.OrgName), org.Instance, now)
	return err
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// recordFailure keeps a failed snapshot's error and nothing else.
func (s *Store) recordFailure(ctx context.Context, org Org, now time.Time, tables []string, requests, bytes int64, cause error) {
	tablesJSON, _ := json.Marshal(tables)
	s.db.ExecContext(context.WithoutCancel(ctx), `INSERT INTO snapshots (org_id, taken_at, tables, requests, bytes, status, error) VALUES (?, ?, ?, ?, ?, 'failed', ?)`,
		org.ID, stamp(now), string(tablesJSON), requests, bytes, cause.Error())
}

// apply writes one table's read: each record version once, closing the one
// it replaces; removals close theirs.
func (w *writer) apply(ctx context.Context, r *tableRead) error {
	if r.shape == nil {
		w.res.Skipped[r.table] = r.skipped
		return nil
	}
	if r.unchanged {
		w.res.Modes[r.table] = r.mode.String() + " (nothing new: the minute is not over)"
		w.res.Rows += r.prev.rows
		return nil
	}
	w.res.Modes[r.table] = r.mode.String()
	current, err := w.current(ctx, r)
	if err != nil {
		return err
	}
	report := r.prev != nil && r.mode != modeEvents // a first read is the baseline; events are history already
	ignored := map[string]bool{}
	for _, c := range r.shape.History.Ignored() {
		ignored[c] = true
	}
	seen := map[string]bool{}
	for _, rec := range r.records {
		seen[rec.id] = true
		if err := w.upsert(ctx, r, rec, current, report, ignored); err != nil {
			return err
		}
	}
	if r.mode != modeEvents {
		for _, id := range w.removals(r, current, seen) {
			if err := w.remove(ctx, r, id, current[id], report); err != nil {
				return err
			}
			delete(current, id)
		}
	}
	n, err := w.countRows(ctx, r.table)
	if err != nil {
		return err
	}
	w.res.Rows += n
	return w.saveState(ctx, r, n)
}

// removals are the stored records the read shows gone.
func (w *writer) removals(r *tableRead, current map[string]string, seen map[string]bool) []string {
	var out []string
	switch {
	case r.complete:
		for id := range current {
			if !seen[id] {
				out = append(out, id)
			}
		}
	case r.present != nil:
		for id := range current {
			if !r.present[id] && !seen[id] {
				out = append(out, id)
			}
		}
	}
	for _, id := range r.removed {
		if _, ok := current[id]; ok && !seen[id] {
			out = append(out, id)
		}
	}
	return dedupe(out)
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func (w *writer) upsert(ctx context.Context, r *tableRead, rec record, current map[string]string, report bool, ignored map[string]bool) error {
	data := encodeData(r.shape.Columns, rec.data)
	old, exists := current[rec.id]
	if exists && old == data {
		return nil
	}
	if exists {
		if err := w.close(ctx, r.table, rec.id); err != nil {
			return err
		}
	}
	if _, err := w.insert.ExecContext(ctx, w.org, r.table, rec.id, w.id, data); err != nil {
		return err
	}
	current[rec.id] = data
	if !report {
		return nil
	}
	if !exists {
		w.res.Added++
		w.changes = append(w.changes, change{table: r.table, id: rec.id, kind: "added", fields: []string{}, after: rec.data, atVersion: w.id, read: r})
		return nil
	}
	before := complete(r.shape.Columns, decodeData(old))
	fields := changedFields(r, before, rec.data, ignored)
	if len(fields) == 0 {
		return nil // only activity moved: a new version, not a change
	}
	w.res.Modified++
	w.changes = append(w.changes, change{table: r.table, id: rec.id, kind: "modified", fields: fields, before: before, after: rec.data, atVersion: w.id, read: r})
	return nil
}

// changedFields lists, in column order, the columns whose values differ,
// leaving out the ones that move on their own and the ones only one side
// has (a field the org gained or lost is not a change of every record).
func changedFields(r *tableRead, before, after map[string]any, ignored map[string]bool) []string {
	had := map[string]bool{}
	for _, c := range r.prev.shape.Columns {
		had[c.Name] = c.Field != ""
	}
	var out []string
	for _, c := range r.shape.Columns {
		if c.Field == "" || ignored[c.Name] {
			continue
		}
		if !had[c.Name] {
			continue
		}
		if valueJSON(before[c.Name]) != valueJSON(after[c.Name]) {
			out = append(out, c.Name)
		}
	}
	return out
}

func (w *writer) remove(ctx context.Context, r *tableRead, id, old string, report bool) error {
	var from int64
	if err := w.tx.QueryRowContext(ctx, `SELECT valid_from FROM versions WHERE org_id = ? AND table_name = ? AND record_id = ? AND valid_to IS NULL`,
		w.org, r.table, id).Scan(&from); err != nil {
		return err
	}
	if err := w.close(ctx, r.table, id); err != nil {
		return err
	}
	if !report {
		return nil
	}
	before := complete(r.shape.Columns, decodeData(old))
	w.res.Removed++
	w.changes = append(w.changes, change{table: r.table, id: id, kind: "removed", fields: []string{}, before: before, atVersion: from, read: r})
	return nil
}

func (w *writer) close(ctx context.Context, table, id string) error {
	_, err := w.closeV.ExecContext(ctx, w.id, w.org, table, id)
	return err
}

// current loads the stored current versions the read can touch: all of
// them when it may remove any, else those of the records it brings.
func (w *writer) current(ctx context.Context, r *tableRead) (map[string]string, error) {
	out := map[string]string{}
	scan := func(rows *sql.Rows, err error) error {
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, data string
			if err := rows.Scan(&id, &data); err != nil {
				return err
			}
			out[id] = data
		}
		return rows.Err()
	}
	const q = `SELECT record_id, data FROM versions WHERE org_id = ? AND table_name = ? AND valid_to IS NULL`
	if r.complete || r.present != nil {
		return out, scan(w.tx.QueryContext(ctx, q, w.org, r.table))
	}
	ids := append([]string(nil), r.removed...)
	for _, rec := range r.records {
		ids = append(ids, rec.id)
	}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := []any{w.org, r.table}
		for _, id := range chunk {
			args = append(args, id)
		}
		in := strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")
		if err := scan(w.tx.QueryContext(ctx, q+" AND record_id IN ("+in+")", args...)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (w *writer) countRows(ctx context.Context, table string) (int, error) {
	var n int
	err := w.tx.QueryRowContext(ctx, `SELECT count(*) FROM versions WHERE org_id = ? AND table_name = ? AND valid_to IS NULL`, w.org, table).Scan(&n)
	return n, err
}
