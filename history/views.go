package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sfsql/sfsql/vtab"
)

// The store's own views: they work in any SQLite tool that opens the file.
const baseViews = `
CREATE VIEW IF NOT EXISTS salesforce_snapshots AS
  SELECT id, org_id, taken_at, tables, rows, requests, bytes, status, error FROM snapshots;
CREATE VIEW IF NOT EXISTS salesforce_changes AS
  SELECT c.snapshot_id, c.org_id, s.taken_at, c.table_name, c.record_id, c.record_name, c.change,
         c.changed_fields, c.before, c.after, c.changed_by_id, c.changed_by
  FROM changes c JOIN snapshots s ON s.id = c.snapshot_id;
CREATE VIEW IF NOT EXISTS salesforce_field_changes AS
  SELECT c.snapshot_id, c.org_id, s.taken_at, c.table_name, c.record_id, c.record_name, c.change,
         f.value AS field, json_extract(c.before, '$.' || f.value) AS old_value,
         json_extract(c.after, '$.' || f.value) AS new_value, c.changed_by_id, c.changed_by
  FROM changes c JOIN snapshots s ON s.id = c.snapshot_id, json_each(c.changed_fields) f;
`

func (s *Store) ensureViews(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, baseViews)
	return err
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// refreshTableViews rebuilds a table's state view (salesforce_user: the
// latest stored state of every org) and its changes view
// (salesforce_user_changes) over the union of the org's shapes.
func refreshTableViews(ctx context.Context, x execer, table string) error {
	cols, err := unionColumns(ctx, x, table)
	if err != nil {
		return err
	}
	state := stateSelect(table, cols, "", 0, "")
	var extracted []string
	for _, c := range cols {
		if c.Field != "" {
			extracted = append(extracted, fmt.Sprintf("json_extract(coalesce(c.after, c.before), %s) AS %s", quote("$."+c.Name), ident(c.Name)))
		}
	}
	changes := "SELECT c.*" + prefixComma(extracted) + " FROM salesforce_changes c WHERE c.table_name = " + quote(table)
	for _, stmt := range []string{
		"DROP VIEW IF EXISTS " + ident(table), "CREATE VIEW " + ident(table) + " AS " + state,
		"DROP VIEW IF EXISTS " + ident(table+"_changes"), "CREATE VIEW " + ident(table+"_changes") + " AS " + changes,
	} {
		if _, err := x.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("view of %s: %w", table, err)
		}
	}
	return nil
}

func prefixComma(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return ", " + strings.Join(list, ", ")
}

// unionColumns is every column any org's shape of the table has, in
// first-seen order.
func unionColumns(ctx context.Context, x execer, table string) ([]vtab.ShapeColumn, error) {
	rows, err := x.QueryContext(ctx, "SELECT shape FROM table_state WHERE table_name = ? ORDER BY org_id", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []vtab.ShapeColumn
	seen := map[string]bool{}
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		var sh storedShape
		if err := json.Unmarshal([]byte(raw), &sh); err != nil {
			return nil, err
		}
		for _, c := range sh.Columns {
			if !seen[c.Name] {
				seen[c.Name] = true
				out = append(out, c)
			}
		}
	}
	return out, rows.Err()
}

// stateSelect is the SELECT of a table's stored state: one row per record
// valid at snapshot at (0: the current versions), for one org (or every
// org, with an org_id column, when org is ""). schema prefixes the store's
// tables ("snap." from a session's temp views).
func stateSelect(table string, cols []vtab.ShapeColumn, org string, at int64, schema string) string {
	var items []string
	if org == "" {
		items = append(items, "v.org_id AS org_id")
	}
	for _, c := range cols {
		items = append(items, columnExpr(c, at, schema)+" AS "+ident(c.Name))
	}
	where := "v.table_name = " + quote(table) + " AND " + valid("v", at)
	if org != "" {
		where = "v.org_id = " + quote(org) + " AND " + where
	}
	return "SELECT " + strings.Join(items, ", ") + " FROM " + schema + "versions v WHERE " + where
}

func columnExpr(c vtab.ShapeColumn, at int64, schema string) string {
	if c.Bool {
		return "coalesce(json_extract(v.data, " + quote("$."+c.Name) + "), 0)"
	}
	if c.Field != "" {
		return "json_extract(v.data, " + quote("$."+c.Name) + ")"
	}
	if len(c.Relation) == 0 {
		return "NULL"
	}
	// Follow the hops through the stored parent tables, as of the same
	// snapshot: Profile.UserLicense.Name is two lookups.
	key := "json_extract(v.data, " + quote("$."+c.Relation[0].Column) + ")"
	for i, h := range c.Relation {
		next := c.Target
		if i+1 < len(c.Relation) {
			next = c.Relation[i+1].Column
		}
		p := fmt.Sprintf("p%d", i)
		key = fmt.Sprintf("(SELECT json_extract(%s.data, %s) FROM %sversions %s WHERE %s.org_id = v.org_id AND %s.table_name = %s AND %s.record_id = %s AND %s)",
			p, quote("$."+next), schema, p, p, p, quote(h.Table), p, key, valid(p, at))
	}
	return key
}

// valid is the condition of a version being the one at snapshot at.
func valid(alias string, at int64) string {
	if at == 0 {
		return alias + ".valid_to IS NULL"
	}
	return fmt.Sprintf("%s.valid_from <= %d AND (%s.valid_to IS NULL OR %s.valid_to > %d)", alias, at, alias, alias, at)
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
