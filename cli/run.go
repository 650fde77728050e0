// Package cli runs sfsql from the command line: flags, connection,
// statements, output.
package cli

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sfsql/sfsql/output"
	"github.com/sfsql/sfsql/vtab"
	"github.com/sfsql/sfsql/vtab/bridge/auto"
	"github.com/sfsql/sfsql/vtab/tables"
)

// IO is where a run reads and writes.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	StdinIsTTY     bool
}

// Main runs sfsql and returns the exit status.
func Main(ctx context.Context, args []string, io IO) int {
	if err := Run(ctx, args, io); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(io.Stderr, "sfsql: "+oneLine(err.Error()))
		return 1
	}
	return 0
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// Run parses args, connects, and executes the statements.
func Run(ctx context.Context, args []string, io IO) error {
	f, err := parseFlags(args, io.Stderr)
	if err != nil {
		return err
	}
	if io.Getenv == nil {
		io.Getenv = os.Getenv
	}
	conn, err := connect(f, io.Getenv)
	if err != nil {
		return err
	}
	defer conn.close()
	s, err := open(ctx, conn, f, io.Stderr)
	if err != nil {
		return err
	}
	defer s.close()
	sources, err := inputs(f, io)
	if err != nil {
		return err
	}
	for _, src := range sources {
		if err := s.runScript(ctx, src.name, src.text, io.Stdout); err != nil {
			return err
		}
	}
	return nil
}

type source struct{ name, text string }

// inputs gathers -c, script files, or piped standard input.
func inputs(f *flags, io IO) ([]source, error) {
	var out []source
	if f.command != "" {
		out = append(out, source{"-c", f.command})
	}
	for _, file := range f.files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("read script: %w", err)
		}
		out = append(out, source{file, string(data)})
	}
	if len(out) == 0 && !io.StdinIsTTY && io.Stdin != nil {
		data, err := readAll(io.Stdin)
		if err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
		out = append(out, source{"stdin", data})
	}
	if len(out) == 0 {
		return nil, errors.New("nothing to run: give SQL with -c, a .sql file, or on standard input")
	}
	return out, nil
}

func readAll(r io.Reader) (string, error) {
	data, err := io.ReadAll(r)
	return string(data), err
}

// session is an open SQLite connection with the sfsql tables.
type session struct {
	db     *sql.DB
	conn   *sql.Conn
	engine *vtab.Engine
	f      *flags
}

func open(ctx context.Context, c *connection, f *flags, stderr io.Writer) (*session, error) {
	s := &session{f: f}
	err := auto.Register(func() (*vtab.Engine, error) {
		e := vtab.New(vtab.Options{Client: c.client, Catalogue: tables.All, CacheTTL: f.cacheTTL})
		if f.soqlTrace {
			e.OnScan = func(q string) { fmt.Fprintln(stderr, "SOQL: "+q) }
		}
		s.engine = e
		return e, nil
	})
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open SQLite: %w", err)
	}
	s.db, s.conn = db, conn
	// Listing the org's objects is the first request: if the org cannot be
	// reached or refuses the token, nothing else will work either.
	if s.engine != nil {
		if err := s.engine.DiscoverErr(); err != nil {
			s.close()
			return nil, err
		}
	}
	return s, nil
}

func (s *session) close() {
	s.conn.Close()
	s.db.Close()
}

// runScript executes each statement of a script; the first failure stops
// it with the file and line.
func (s *session) runScript(ctx context.Context, name, text string, w io.Writer) error {
	for _, st := range Split(text) {
		if err := s.exec(ctx, st.SQL, w); err != nil {
			if name == "-c" {
				return err
			}
			return fmt.Errorf("%s:%d: %w", name, st.Line, err)
		}
	}
	return nil
}

// exec runs one statement and writes its rows.
func (s *session) exec(ctx context.Context, stmt string, w io.Writer) error {
	if s.engine != nil {
		s.engine.SetContext(ctx)
	}
	rows, err := s.conn.QueryContext(ctx, stmt)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	if len(cols) == 0 {
		return rows.Err()
	}
	enc, err := output.New(s.f.format, w, output.Options{Headers: s.f.headers})
	if err != nil {
		return err
	}
	if err := enc.Begin(cols); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := enc.Row(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return enc.End()
}
