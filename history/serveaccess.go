package history

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/sfsql/sfsql/access"
	"github.com/sfsql/sfsql/vtab"
	"github.com/sfsql/sfsql/vtab/tables"
)

// serveAccess computes the effective permission and access tables from
// the served snapshot, as the live tables compute them from scans
// (package access), as of the snapshot's time: an assignment that had
// expired by then does not count.
func serveAccess(ctx context.Context, conn *sql.Conn, at time.Time, shapes map[string]storedShape) ([]string, error) {
	r := &servedReader{ctx: ctx, conn: conn, perms: permissionColumns(shapes)}
	for _, t := range []string{"salesforce_user", "salesforce_permission_set", "salesforce_permission_set_assignment", "salesforce_permission_set_group"} {
		if !r.has(t) {
			return nil, nil // not snapshotted: the tables need the org
		}
	}
	org, err := r.org(at)
	if err != nil {
		return nil, err
	}
	if err := writeAccess(ctx, conn, tables.UserPermission.Table, tables.UserPermission.Columns, permissionRows(org)); err != nil {
		return nil, err
	}
	served := []string{tables.UserPermission.Table}
	if !r.has("salesforce_object_permissions") {
		return served, nil
	}
	if err := writeAccess(ctx, conn, tables.UserObjectAccess.Table, tables.UserObjectAccess.Columns, objectRows(org)); err != nil {
		return nil, err
	}
	served = append(served, tables.UserObjectAccess.Table)
	if r.has("salesforce_field_permissions") {
		if err := writeAccess(ctx, conn, tables.UserFieldAccess.Table, tables.UserFieldAccess.Columns, fieldRows(org)); err != nil {
			return nil, err
		}
		served = append(served, tables.UserFieldAccess.Table)
	}
	return served, nil
}

func permissionRows(org *access.Org) [][]any {
	var out [][]any
	for _, g := range org.SystemPermissions(nil) {
		out = append(out, g.Row())
	}
	return out
}

func objectRows(org *access.Org) [][]any {
	var out [][]any
	for _, a := range org.ObjectAccess(nil) {
		out = append(out, a.Row())
	}
	return out
}

func fieldRows(org *access.Org) [][]any {
	var out [][]any
	for _, a := range org.FieldAccess(nil) {
		out = append(out, a.Row())
	}
	return out
}

// writeAccess makes a temp table of the columns and fills it.
func writeAccess(ctx context.Context, conn *sql.Conn, table string, cols []vtab.Column, rows [][]any) error {
	var defs, marks []string
	for _, c := range cols {
		defs = append(defs, ident(c.Name)+" "+c.SQLType)
		marks = append(marks, "?")
	}
	if _, err := conn.ExecContext(ctx, "CREATE TEMP TABLE "+ident(table)+" ("+strings.Join(defs, ", ")+")"); err != nil {
		return fmt.Errorf("serve %s: %w", table, err)
	}
	if _, err := conn.ExecContext(ctx, "SAVEPOINT serve_access"); err != nil {
		return err
	}
	err := insertAll(ctx, conn, "INSERT INTO temp."+ident(table)+" VALUES ("+strings.Join(marks, ", ")+")", rows)
	if err != nil {
		conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK TO serve_access")
		err = fmt.Errorf("serve %s: %w", table, err)
	}
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "RELEASE serve_access"); err == nil {
		err = rerr
	}
	return err
}

func insertAll(ctx context.Context, conn *sql.Conn, insert string, rows [][]any) error {
	stmt, err := conn.PrepareContext(ctx, insert)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, r := range rows {
		if _, err := stmt.ExecContext(ctx, r...); err != nil {
			return err
		}
	}
	return nil
}

// ServedAccess reads what effective access is resolved from out of the
// served snapshot (the tables Serve made), as of the snapshot's time: what
// sfsql explain-access answers offline and as of a time.
func ServedAccess(ctx context.Context, conn *sql.Conn, snapshot int64) (*access.Org, error) {
	var taken string
	if err := conn.QueryRowContext(ctx, "SELECT taken_at FROM "+Schema+".snapshots WHERE id = ?", snapshot).Scan(&taken); err != nil {
		return nil, fmt.Errorf("snapshot %d: %w", snapshot, err)
	}
	when, _ := time.Parse(time.RFC3339Nano, taken)
	r := &servedReader{ctx: ctx, conn: conn}
	if !r.has("salesforce_permission_set_assignment") || !r.has("salesforce_object_permissions") {
		return nil, fmt.Errorf("snapshot %d has no permission set assignments or object permissions: effective access needs them", snapshot)
	}
	return r.org(when)
}
