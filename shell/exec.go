package shell

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sfsql/sfsql/output"
)

// ErrInterrupted is a statement Ctrl-C cancelled; a script stops with it
// (sfsql exits 130, as shells do for SIGINT).
var ErrInterrupted = errors.New("interrupted")

// execSQL runs one statement under its own context: an interrupt cancels
// the statement (and its HTTP request), not the session.
func (s *Shell) execSQL(parent context.Context, stmt string) error {
	stmt, err := s.bindings(stmt)
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
	s.stopProgress = prog.stop // the pager takes the terminal
	before := s.counters()
	start := time.Now()
	err = s.query(ctx, stmt)
	prog.stop()
	if ctx.Err() != nil && parent.Err() == nil {
		err = ErrInterrupted
	}
	err = s.didYouMean(stmt, err)
	s.warnLowAllowance()
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

// warnLowAllowance says once, when Sforce-Limit-Info shows less than a
// tenth of the org's daily API allowance left.
func (s *Shell) warnLowAllowance() {
	st := s.engine().Stats()
	if s.warnedAllowance || st.APIMax <= 0 || st.APIUsed*10 < st.APIMax*9 {
		return
	}
	s.warnedAllowance = true
	fmt.Fprintf(s.cfg.Stderr, "warning: the org has used %d of its %d daily API requests (less than 10%% left)\n", st.APIUsed, st.APIMax)
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

func (s *Shell) query(ctx context.Context, stmt string) error {
	rows, err := s.conn().QueryContext(ctx, stmt)
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
	out, closePager := s.pager()
	err = s.encode(rows, cols, out)
	if perr := closePager(); err == nil {
		err = perr
	}
	if errors.Is(err, errPagerQuit) {
		return nil // the user has seen enough; the rest is not fetched
	}
	return err
}

func (s *Shell) encode(rows *sql.Rows, cols []string, out io.Writer) error {
	enc, err := output.New(s.mode, out, s.encoderOptions())
	if err != nil {
		return err
	}
	if err := enc.Begin(cols); err != nil {
		return err
	}
	if err := eachRow(rows, len(cols), enc.Row); err != nil {
		return err
	}
	return enc.End()
}

// eachRow scans every row into one reused slice of values and hands it on.
func eachRow(rows *sql.Rows, n int, f func(values []any) error) error {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := f(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *Shell) encoderOptions() output.Options {
	opt := output.Options{Headers: s.headers, NullValue: s.nullValue, Footer: s.footer, Expanded: s.expanded, ColumnWidths: s.widths}
	if s.mode == "table" && s.out == s.cfg.Stdout && s.cfg.StdoutIsTTY && s.cfg.Width != nil {
		opt.MaxWidth = s.cfg.Width()
	}
	return opt
}

// bindings writes the statement's :name, @name and $name parameters as
// the literals of their --param values: SQLite then sees constants, so a
// filter on a parameter pushes down to Salesforce like one on a literal
// (a bound value looks to a virtual table like a join's). A parameter
// without a value is an error, not a NULL.
func (s *Shell) bindings(stmt string) (string, error) {
	var b strings.Builder
	var missing []string
	last := 0
	for _, tok := range parameterSpans(stmt) {
		name := stmt[tok[0]:tok[1]]
		if name == "?" {
			return "", fmt.Errorf("positional parameters (?) have no values here: use :name with --param name=VALUE")
		}
		v, ok := s.cfg.Params[name[1:]]
		if !ok {
			if !slices.Contains(missing, name[1:]) {
				missing = append(missing, name[1:])
			}
			continue
		}
		b.WriteString(stmt[last:tok[0]])
		if tok[0] > 0 && (stmt[tok[0]-1] == '-' || isNameByte(stmt[tok[0]-1])) {
			b.WriteByte(' ') // 5-:d with d=-7 is 5 - -7, not 5 and a -- comment
		}
		b.WriteString(sqlLiteral(paramValue(v)))
		last = tok[1]
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return "", fmt.Errorf("no value for parameter %s: pass --param %s=VALUE", strings.Join(missing, ", "), missing[0])
	}
	b.WriteString(stmt[last:])
	return b.String(), nil
}

// sqlLiteral is a value as SQL text.
func sqlLiteral(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return s
	}
	return "'" + strings.ReplaceAll(fmt.Sprint(v), "'", "''") + "'"
}

// paramValue binds a --param as SQLite would read the literal: an integer
// or a real as a number (so is_active = :a still pushes down), anything
// else as text. Quote it to keep digits as text: --param "zip='02134'".
func paramValue(v string) any {
	if i, err := strconv.ParseInt(v, 10, 64); err == nil && strconv.FormatInt(i, 10) == v {
		return i // 42, -7; not 007 or +5, which stay text (a zip code keeps its zero)
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && !strings.ContainsAny(v, "xXnN") && !leadingZero(v) {
		return f
	}
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'")
	}
	return v
}

func leadingZero(v string) bool {
	v = strings.TrimPrefix(v, "-")
	return len(v) > 1 && v[0] == '0' && v[1] != '.'
}

// parameterSpans finds a statement's parameters (":name", "@name",
// "$name", or "?") outside quotes and comments: [start, end) of each.
func parameterSpans(stmt string) [][2]int {
	var out [][2]int
	for i := 0; i < len(stmt); {
		if next, _ := opaque(stmt, i); next > i {
			i = next
			continue
		}
		switch c := stmt[i]; {
		case c == '?':
			out = append(out, [2]int{i, i + 1})
		case (c == ':' || c == '@' || c == '$') && i+1 < len(stmt) && isNameByte(stmt[i+1]):
			j := i + 1
			for j < len(stmt) && isNameByte(stmt[j]) {
				j++
			}
			if !isDigits(stmt[i+1 : j]) {
				out = append(out, [2]int{i, j})
			}
			i = j
			continue
		}
		i++
	}
	return out
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
