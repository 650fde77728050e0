package shell

import (
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Local tables live in the session's own in-memory database ("main"):
// .import loads a CSV file into one, CREATE TABLE … AS SELECT keeps a
// query's rows in one, .save writes them to a SQLite file and .dump prints
// them as SQL. Salesforce tables are never part of it.

// cmdImport is sqlite3's .import for CSV: a new table takes its columns
// from the first row; an existing one gets every row (but --skip N).
func (s *Shell) cmdImport(ctx context.Context, args []string, _ string) error {
	file, table, skip, err := importArgs(args)
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf(".import: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = 0 // every row as wide as the first
	exists, err := s.localTableExists(ctx, table)
	if err != nil {
		return err
	}
	n, err := s.importRows(ctx, r, table, exists, skip)
	if err != nil {
		return fmt.Errorf(".import %s: %w", file, err)
	}
	if s.interactive {
		fmt.Fprintf(s.cfg.Stderr, "imported %d rows into %s\n", n, table)
	}
	return nil
}

func importArgs(args []string) (file, table string, skip int, err error) {
	var rest []string
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "--csv":
		case "--skip":
			if i+1 == len(args) {
				return "", "", 0, errors.New("usage: .import [--csv] [--skip N] FILE TABLE")
			}
			i++
			if skip, err = strconv.Atoi(args[i]); err != nil || skip < 0 {
				return "", "", 0, fmt.Errorf(".import --skip: %q is not a row count", args[i])
			}
		default:
			rest = append(rest, args[i])
		}
	}
	if len(rest) != 2 {
		return "", "", 0, errors.New("usage: .import [--csv] [--skip N] FILE TABLE")
	}
	return rest[0], rest[1], skip, nil
}

// importRows inserts the rows in one transaction: a bad row leaves no
// part of the file behind.
func (s *Shell) importRows(ctx context.Context, r *csv.Reader, table string, exists bool, skip int) (int, error) {
	if _, err := s.conn().ExecContext(ctx, "SAVEPOINT sfsql_import"); err != nil {
		return 0, err
	}
	n, err := s.insertCSV(ctx, r, table, exists, skip)
	if err != nil {
		s.conn().ExecContext(ctx, "ROLLBACK TO sfsql_import")
		s.conn().ExecContext(ctx, "RELEASE sfsql_import")
		return 0, err
	}
	_, err = s.conn().ExecContext(ctx, "RELEASE sfsql_import")
	return n, err
}

func (s *Shell) insertCSV(ctx context.Context, r *csv.Reader, table string, exists bool, skip int) (int, error) {
	var insert *sql.Stmt
	defer func() {
		if insert != nil {
			insert.Close()
		}
	}()
	n := 0
	for line := 1; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
		if line <= skip {
			continue
		}
		if insert == nil {
			if insert, err = s.prepareInsert(ctx, table, rec, exists); err != nil {
				return 0, err
			}
			if !exists {
				continue // the first row named the columns
			}
		}
		if _, err := insert.ExecContext(ctx, anySlice(rec)...); err != nil {
			return 0, fmt.Errorf("line %d: %w", line, err)
		}
		n++
	}
}

// prepareInsert creates the table from a header row when it is new.
func (s *Shell) prepareInsert(ctx context.Context, table string, first []string, exists bool) (*sql.Stmt, error) {
	if !exists {
		cols := make([]string, len(first))
		for i, c := range first {
			cols[i] = quoteIdent(c) + " TEXT"
		}
		if _, err := s.conn().ExecContext(ctx, "CREATE TABLE main."+quoteIdent(table)+"("+strings.Join(cols, ", ")+")"); err != nil {
			return nil, err
		}
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(first)), ", ")
	return s.conn().PrepareContext(ctx, "INSERT INTO main."+quoteIdent(table)+" VALUES ("+marks+")")
}

func (s *Shell) localTableExists(ctx context.Context, table string) (bool, error) {
	var n int
	err := s.conn().QueryRowContext(ctx, "SELECT count(*) FROM main.sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE", table).Scan(&n)
	return n > 0, err
}

// cmdSave writes the local tables to a new SQLite file (VACUUM INTO).
func (s *Shell) cmdSave(ctx context.Context, args []string, _ string) error {
	if len(args) != 1 {
		return errors.New("usage: .save FILE")
	}
	tables, err := s.localTables(ctx)
	if err != nil {
		return err
	}
	if len(tables) == 0 {
		return errors.New(".save: no local tables to save (keep rows with create table NAME as select …, or .import)")
	}
	if _, err := os.Stat(args[0]); err == nil {
		return fmt.Errorf(".save: %s exists; give a new file", args[0])
	}
	_, err = s.conn().ExecContext(ctx, "VACUUM main INTO ?", args[0])
	return err
}

// localTables are the tables of the session's own database.
func (s *Shell) localTables(ctx context.Context) ([]string, error) {
	rows, err := s.conn().QueryContext(ctx, "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
