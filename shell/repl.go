package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/chzyer/readline"
)

// LineReader is what the REPL reads from: readline in a terminal, scripted
// input in tests. Readline returns readline.ErrInterrupt on Ctrl-C and
// io.EOF on Ctrl-D.
type LineReader interface {
	Readline() (string, error)
	SetPrompt(prompt string)
	SaveHistory(line string) error
}

const (
	prompt             = "sfsql> "
	continuationPrompt = "   ...> "
)

// Interactive runs the REPL until .quit or end of input. Errors print as
// one line and the prompt returns; a statement Ctrl-C interrupts is
// cancelled, and Ctrl-C at the prompt drops the pending input.
func (s *Shell) Interactive(ctx context.Context, lr LineReader) error {
	s.interactive = true
	defer func() { s.interactive = false }()
	b := &batch{}
	for {
		if b.empty() {
			lr.SetPrompt(prompt)
		} else {
			lr.SetPrompt(continuationPrompt)
		}
		line, err := lr.Readline()
		switch {
		case errors.Is(err, readline.ErrInterrupt):
			b.pending.Reset()
			continue
		case errors.Is(err, io.EOF):
			if !b.empty() {
				fmt.Fprintln(s.cfg.Stderr, "Unfinished statement (no closing ;) not run: "+oneLine(b.pending.String()))
			}
			return nil
		case err != nil:
			return err
		}
		wasEmpty := b.empty()
		err = s.feed(ctx, b, line)
		s.pendingInput = b.pending.String()
		s.remember(lr, b, line, wasEmpty)
		if errors.Is(err, errQuit) {
			return nil
		}
		if err != nil {
			s.failed = true
			fmt.Fprintf(s.cfg.Stderr, "Error: %s\n", oneLine(err.Error()))
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// remember saves a complete entry, a dot-command or a whole (possibly
// multi-line) statement, as one history item.
func (s *Shell) remember(lr LineReader, b *batch, line string, startedEmpty bool) {
	switch {
	case !b.empty():
		return // the statement goes on
	case startedEmpty && strings.HasPrefix(strings.TrimSpace(line), "."):
		lr.SaveHistory(strings.TrimSpace(line))
	case b.lastStatement != "":
		lr.SaveHistory(b.lastStatement)
		b.lastStatement = ""
	}
}
