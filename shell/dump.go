package shell

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// cmdDump prints the local tables (all, or those named) as SQL that
// rebuilds them, as sqlite3's .dump does.
func (s *Shell) cmdDump(ctx context.Context, args []string, _ string) error {
	tables, err := s.localTables(ctx)
	if err != nil {
		return err
	}
	for _, a := range args {
		if !slices.ContainsFunc(tables, func(t string) bool { return strings.EqualFold(t, a) }) {
			return fmt.Errorf(".dump: no local table %s (.dump dumps tables made with create table or .import)", a)
		}
	}
	fmt.Fprintln(s.out, "BEGIN TRANSACTION;")
	for _, t := range tables {
		if len(args) > 0 && !slices.ContainsFunc(args, func(a string) bool { return strings.EqualFold(t, a) }) {
			continue
		}
		if err := s.dumpTable(ctx, s.out, t); err != nil {
			return err
		}
	}
	fmt.Fprintln(s.out, "COMMIT;")
	return nil
}

func (s *Shell) dumpTable(ctx context.Context, w io.Writer, table string) error {
	var ddl string
	if err := s.conn().QueryRowContext(ctx, "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?", table).Scan(&ddl); err != nil {
		return err
	}
	fmt.Fprintln(w, ddl+";")
	rows, err := s.conn().QueryContext(ctx, "SELECT * FROM main."+quoteIdent(table))
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	return eachRow(rows, len(cols), func(vals []any) error {
		lits := make([]string, len(vals))
		for i, v := range vals {
			lits[i] = dumpLiteral(v)
		}
		_, err := fmt.Fprintf(w, "INSERT INTO %s VALUES(%s);\n", quoteIdent(table), strings.Join(lits, ","))
		return err
	})
}

// dumpLiteral is a value as SQL that reads back the same: NULL, a number,
// a quoted string or a blob.
func dumpLiteral(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return "X'" + hex.EncodeToString(x) + "'"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return sqlLiteral(x)
	case time.Time:
		return "'" + x.Format("2006-01-02 15:04:05.999999999-07:00") + "'"
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return "'" + strings.ReplaceAll(fmt.Sprint(v), "'", "''") + "'"
}
