package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Schema is the name a session attaches the store under: snap.salesforce_user
// is the latest stored state beside the live salesforce_user, and the
// history views (salesforce_changes, …) resolve without it.
const Schema = "snap"

// Attach makes the store readable on a session connection, read-only.
// SQLite resolves an unqualified name to an attached schema's table before
// it instantiates an eponymous virtual table, so snap.salesforce_user would
// answer for salesforce_user: temp views named like the live tables point
// them back at main.
func Attach(ctx context.Context, conn *sql.Conn, s *Store) error {
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS "+Schema, s.AttachURI()); err != nil {
		return fmt.Errorf("attach store %s: %w", s.Path, err)
	}
	return linkLive(ctx, conn)
}

// linkLive makes every name the store shares with a live table mean the
// live table: CREATE TEMP VIEW salesforce_user AS SELECT * FROM
// main.salesforce_user (constraints still reach the virtual table).
func linkLive(ctx context.Context, conn *sql.Conn) error {
	// The state views are the snapshotted tables'; the store's other views
	// (salesforce_changes, salesforce_findings, …) have no live twin.
	rows, err := conn.QueryContext(ctx, `SELECT DISTINCT table_name FROM `+Schema+`.table_state`)
	if err != nil {
		return err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		names = append(names, n)
	}
	rows.Close()
	for _, n := range names {
		if _, err := conn.ExecContext(ctx, "CREATE TEMP VIEW IF NOT EXISTS "+ident(n)+" AS SELECT * FROM main."+ident(n)); err != nil {
			return fmt.Errorf("link %s: %w", n, err)
		}
	}
	return nil
}

// ErrNoSnapshot means the store holds no snapshot of the org yet.
var ErrNoSnapshot = errors.New("no snapshot")

// Latest is the newest complete snapshot of an org.
func (s *Store) Latest(ctx context.Context, org string) (int64, time.Time, error) {
	return s.snapshotAt(ctx, org, "9999")
}

// AsOf is the newest complete snapshot of an org taken at or before t.
func (s *Store) AsOf(ctx context.Context, org string, t time.Time) (int64, time.Time, error) {
	id, at, err := s.snapshotAt(ctx, org, stamp(t))
	if errors.Is(err, ErrNoSnapshot) {
		var first string
		if s.db.QueryRowContext(ctx, `SELECT min(taken_at) FROM snapshots WHERE org_id = ? AND status = 'complete'`, org).Scan(&first) == nil && first != "" {
			return 0, time.Time{}, fmt.Errorf("--as-of %s is before the first snapshot of this org (%s)", stamp(t), first)
		}
	}
	return id, at, err
}

func (s *Store) snapshotAt(ctx context.Context, org, before string) (int64, time.Time, error) {
	var id int64
	var taken string
	err := s.db.QueryRowContext(ctx, `SELECT id, taken_at FROM snapshots WHERE org_id = ? AND status = 'complete' AND taken_at <= ?
		ORDER BY taken_at DESC, id DESC LIMIT 1`, org, before).Scan(&id, &taken)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, fmt.Errorf("%w of org %s in store %s: take one with sfsql snapshot", ErrNoSnapshot, org, s.Path)
	}
	return id, parseStamp(taken), err
}

// OrgFor finds the stored org of a connection name, or the only org.
func (s *Store) OrgFor(ctx context.Context, name string) (Org, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT org_id, name, coalesce(org_name, ''), coalesce(instance, '') FROM orgs ORDER BY first_seen`)
	if err != nil {
		return Org{}, err
	}
	defer rows.Close()
	var all []Org
	for rows.Next() {
		var o Org
		if err := rows.Scan(&o.ID, &o.Name, &o.OrgName, &o.Instance); err != nil {
			return Org{}, err
		}
		if name != "" && o.Name == name {
			return o, nil
		}
		all = append(all, o)
	}
	switch {
	case len(all) == 1 && name == "":
		return all[0], nil
	case len(all) == 0:
		return Org{}, fmt.Errorf("store %s holds no snapshot yet: take one with sfsql snapshot", s.Path)
	case name == "":
		return Org{}, fmt.Errorf("store %s holds %d orgs: name one with -C", s.Path, len(all))
	}
	return Org{}, fmt.Errorf("store %s holds no snapshot of connection %q", s.Path, name)
}

// Serve shadows the catalogue tables on a session connection with the
// stored state of an org at a snapshot: temp views of the same names and
// columns, so the same SQL runs offline. It returns the tables served.
func Serve(ctx context.Context, conn *sql.Conn, org string, at int64) ([]string, error) {
	if err := dropTempViews(ctx, conn); err != nil {
		return nil, err
	}
	shapes, err := storedShapes(ctx, conn, org)
	if err != nil {
		return nil, err
	}
	var served []string
	for _, table := range sortedKeys(shapes) {
		sel := stateSelect(table, shapes[table].Columns, org, at, Schema+".")
		// Materialized once: the rules and joins then read plain tables
		// (SQLite indexes them as it needs) instead of re-extracting JSON.
		if _, err := conn.ExecContext(ctx, "CREATE TEMP TABLE "+ident(table)+" AS "+sel); err != nil {
			return nil, fmt.Errorf("serve %s: %w", table, err)
		}
		served = append(served, table)
	}
	var taken string
	if err := conn.QueryRowContext(ctx, "SELECT taken_at FROM "+Schema+".snapshots WHERE id = ?", at).Scan(&taken); err != nil {
		return nil, fmt.Errorf("serve: snapshot %d: %w", at, err)
	}
	when, _ := time.Parse(time.RFC3339Nano, taken)
	more, err := serveAccess(ctx, conn, when, shapes)
	if err != nil {
		return nil, err
	}
	return append(served, more...), nil
}

// Unserve drops the temp views of stored state: the live tables answer
// again.
func Unserve(ctx context.Context, conn *sql.Conn) error {
	if err := dropTempViews(ctx, conn); err != nil {
		return err
	}
	return linkLive(ctx, conn)
}

func dropTempViews(ctx context.Context, conn *sql.Conn) error {
	rows, err := conn.QueryContext(ctx, `SELECT type, name FROM temp.sqlite_master WHERE type IN ('view', 'table') AND name LIKE 'salesforce\_%' ESCAPE '\'`)
	if err != nil {
		return err
	}
	var drops []string
	for rows.Next() {
		var kind, n string
		rows.Scan(&kind, &n)
		drops = append(drops, "DROP "+strings.ToUpper(kind)+" temp."+ident(n))
	}
	rows.Close()
	for _, d := range drops {
		if _, err := conn.ExecContext(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

func storedShapes(ctx context.Context, conn *sql.Conn, org string) (map[string]storedShape, error) {
	rows, err := conn.QueryContext(ctx, "SELECT table_name, shape FROM "+Schema+".table_state WHERE org_id = ?", org)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]storedShape{}
	for rows.Next() {
		var table, raw string
		if err := rows.Scan(&table, &raw); err != nil {
			return nil, err
		}
		var sh storedShape
		if err := json.Unmarshal([]byte(raw), &sh); err != nil {
			return nil, err
		}
		out[table] = sh
	}
	return out, rows.Err()
}

func sortedKeys(m map[string]storedShape) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
