package shell

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// batch accumulates lines into statements: a dot-command is one line when
// no statement is pending; SQL runs once it ends with a semicolon.
type batch struct {
	name    string // file name, "" interactively
	line    int
	pending strings.Builder
	start   int // line the pending statement started on
	// lastStatement is the text flush ran last, for history.
	lastStatement string
}

func (b *batch) empty() bool { return strings.TrimSpace(b.pending.String()) == "" }

// feed takes one line and runs what it completes.
func (s *Shell) feed(ctx context.Context, b *batch, line string) error {
	b.line++
	if b.empty() {
		b.pending.Reset()
		if trimmed := strings.TrimSpace(line); strings.HasPrefix(trimmed, ".") {
			return s.located(b, b.line, s.dotCommand(ctx, trimmed))
		}
		b.start = b.line
	}
	b.pending.WriteString(line)
	b.pending.WriteByte('\n')
	if !Complete(b.pending.String()) {
		return nil
	}
	return s.flush(ctx, b)
}

// flush runs the pending statements.
func (s *Shell) flush(ctx context.Context, b *batch) error {
	text := b.pending.String()
	b.pending.Reset()
	b.lastStatement = strings.Join(strings.Fields(text), " ")
	for _, st := range Split(text) {
		if err := s.execSQL(ctx, st.SQL); err != nil {
			line := b.start + st.Line - 1
			if b.name != "" {
				line += s.offendingLine(ctx, st.SQL, err)
			}
			return s.located(b, line, err)
		}
	}
	return nil
}

// located names the file and line of a failure in a script.
func (s *Shell) located(b *batch, line int, err error) error {
	if err == nil || errors.Is(err, errQuit) || b.name == "" {
		return err
	}
	var le *lineError
	if errors.As(err, &le) {
		return err // already located in a nested .read
	}
	return &lineError{file: b.name, line: line, err: err}
}

type lineError struct {
	file string
	line int
	err  error
}

func (e *lineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.file, e.line, e.err) }
func (e *lineError) Unwrap() error { return e.err }

// RunScript runs a script's statements and dot-commands. The first failure
// stops it, unless ContinueOnError, which reports each and goes on.
func (s *Shell) RunScript(ctx context.Context, name, text string) error {
	b := &batch{name: name}
	lines := strings.Split(text, "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	for _, line := range lines {
		err := s.scriptStep(s.feed(ctx, b, strings.TrimSuffix(line, "\r")))
		if errors.Is(err, errQuit) || s.quit {
			s.quit = true // .quit or .exit ends every script, nested ones included
			return nil
		}
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if !b.empty() { // a last statement without its semicolon
		return s.scriptStep(s.flush(ctx, b))
	}
	return nil
}

// Quit says whether a script ended the session with .quit or .exit.
func (s *Shell) Quit() bool { return s.quit }

func (s *Shell) scriptStep(err error) error {
	if err == nil || errors.Is(err, errQuit) {
		return err
	}
	s.failed = true
	if s.cfg.ContinueOnError {
		s.errorf("Error: %s", oneLine(err.Error()))
		return nil
	}
	return err
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}
