package shell

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/sfsql/sfsql/output"
)

// execSQL runs one statement under its own context: an interrupt cancels
// the statement (and its HTTP request), not the session.
func (s *Shell) execSQL(parent context.Context, stmt string) error {
	args, err := s.bindings(stmt)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	stopWatch := s.watchInterrupts(ctx, cancel)
	defer stopWatch()
	defer s.engine().Bind(ctx)()
	prog := s.startProgress()
	defer prog.stop()
	before := s.counters()
	start := time.Now()
	err = s.query(ctx, stmt, args)
	prog.stop()
	if ctx.Err() != nil && parent.Err() == nil {
		err = fmt.Errorf("interrupted")
	}
	if s.timer {
		after := s.counters()
		fmt.Fprintf(s.cfg.Stderr, "Run Time: %.3fs, %d API requests, %d rows fetched\n",
			time.Since(start).Seconds(), after.requests-before.requests, after.rows-before.rows)
	}
	if s.once {
		s.resetOutput()
	}
	return err
}

type counters struct{ requests, rows int64 }

func (s *Shell) counters() counters {
	return counters{s.engine().Stats().Requests, s.engine().RowsFetched()}
}

// watchInterrupts cancels the statement on SIGINT until stopped.
func (s *Shell) watchInterrupts(ctx context.Context, cancel context.CancelFunc) func() {
	if s.cfg.Interrupts == nil {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-s.cfg.Interrupts:
			cancel()
		case <-done:
		case <-ctx.Done():
		}
	}()
	return func() { close(done) }
}

func (s *Shell) query(ctx context.Context, stmt string, args []any) error {
	rows, err := s.conn().QueryContext(ctx, stmt, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil || len(cols) == 0 {
		if err == nil {
			for rows.Next() {
			}
			err = rows.Err()
		}
		return err
	}
	enc, err := output.New(s.mode, s.out, s.encoderOptions())
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

func (s *Shell) encoderOptions() output.Options {
	opt := output.Options{Headers: s.headers, NullValue: s.nullValue}
	if s.mode == "table" && s.out == s.cfg.Stdout && s.cfg.StdoutIsTTY && s.cfg.Width != nil {
		opt.MaxWidth = s.cfg.Width()
	}
	return opt
}

// bindings gives the statement's :name, @name and $name parameters their
// --param values, in SQLite's parameter order (first appearance); a
// parameter without a value is an error, not a NULL.
func (s *Shell) bindings(stmt string) ([]any, error) {
	var args []any
	var missing []string
	for _, token := range parameterTokens(stmt) {
		if token == "?" {
			return nil, fmt.Errorf("positional parameters (?) have no values here: use :name with --param name=VALUE")
		}
		v, ok := s.cfg.Params[token[1:]]
		if !ok {
			if !slices.Contains(missing, token[1:]) {
				missing = append(missing, token[1:])
			}
			continue
		}
		args = append(args, v)
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("no value for parameter %s: pass --param %s=VALUE", strings.Join(missing, ", "), missing[0])
	}
	return args, nil
}

// parameterTokens lists a statement's distinct parameters (":name",
// "@name", "$name", or "?") in order of first appearance, outside quotes
// and comments.
func parameterTokens(stmt string) []string {
	seen := map[string]bool{}
	var names []string
	for i := 0; i < len(stmt); {
		if next, _ := opaque(stmt, i); next > i {
			i = next
			continue
		}
		switch c := stmt[i]; {
		case c == '?':
			if !seen["?"] {
				seen["?"] = true
				names = append(names, "?")
			}
		case (c == ':' || c == '@' || c == '$') && i+1 < len(stmt) && isNameByte(stmt[i+1]):
			j := i + 1
			for j < len(stmt) && isNameByte(stmt[j]) {
				j++
			}
			if token := stmt[i:j]; !seen[token] && !isDigits(token[1:]) {
				seen[token] = true
				names = append(names, token)
			}
			i = j
			continue
		}
		i++
	}
	return names
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
