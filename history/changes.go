package history

import (
	"context"
	"encoding/json"
	"strings"
)

// writeChanges names each change's record and actor, then stores it.
// The actor is LastModifiedById (CreatedById for an addition) where the
// table has it, and nobody for a removal: Salesforce does not say who
// deleted a record, and sfsql does not guess.
func (w *writer) writeChanges(ctx context.Context) error {
	names := map[string]any{}
	for i := range w.changes {
		c := &w.changes[i]
		c.name = w.recordName(ctx, c)
		by := actorOf(c)
		if by != "" {
			if _, ok := names[by]; !ok {
				names[by] = w.username(ctx, by)
			}
		}
		fields, _ := json.Marshal(c.fields)
		if _, err := w.tx.ExecContext(ctx, `INSERT INTO changes (snapshot_id, org_id, table_name, record_id, record_name, change, changed_fields, before, after, changed_by_id, changed_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, w.id, w.org, c.table, c.id, nullable(c.name), c.kind, string(fields),
			jsonOrNull(c.before), jsonOrNull(c.after), nullable(by), names[by]); err != nil {
			return err
		}
	}
	return nil
}

func jsonOrNull(m map[string]any) any {
	if m == nil {
		return nil
	}
	data, _ := json.Marshal(m)
	return string(data)
}

func actorOf(c *change) string {
	if c.after == nil {
		return ""
	}
	keys := []string{"last_modified_by_id"}
	if c.kind == "added" {
		keys = []string{"created_by_id", "last_modified_by_id"}
	}
	for _, k := range keys {
		if s, ok := c.after[k].(string); ok && s != "" {
			return s
		}
	}
	return ""
}

func (w *writer) username(ctx context.Context, id string) any {
	var name any
	w.tx.QueryRowContext(ctx, `SELECT json_extract(data, '$.username') FROM versions WHERE org_id = ? AND table_name = 'salesforce_user' AND record_id = ? ORDER BY valid_from DESC LIMIT 1`,
		w.org, id).Scan(&name)
	return name
}

// recordName is what a change summary calls the record: its username or
// name, else its relationship columns (an assignment: the user and the
// permission set) as of the version involved.
func (w *writer) recordName(ctx context.Context, c *change) string {
	data := c.after
	if data == nil {
		data = c.before
	}
	for _, k := range []string{"username", "name", "master_label", "developer_name", "label"} {
		if s, ok := data[k].(string); ok && s != "" {
			return s
		}
	}
	var exprs []string
	for _, col := range c.read.shape.Columns {
		if len(col.Relation) > 0 {
			exprs = append(exprs, columnExpr(col, c.atVersion, ""))
		}
	}
	if len(exprs) == 0 {
		return ""
	}
	q := "SELECT " + strings.Join(exprs, ", ") + " FROM versions v WHERE v.org_id = ? AND v.table_name = ? AND v.record_id = ? AND v.valid_from = ?"
	vals := make([]any, len(exprs))
	ptrs := make([]any, len(exprs))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if w.tx.QueryRowContext(ctx, q, w.org, c.table, c.id, c.atVersion).Scan(ptrs...) != nil {
		return ""
	}
	var parts []string
	for _, v := range vals {
		switch s := v.(type) {
		case string:
			parts = append(parts, s)
		case []byte:
			parts = append(parts, string(s))
		}
	}
	return strings.Join(parts, " · ")
}
