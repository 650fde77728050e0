package shell

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
)

// errPagerQuit is a pager the user closed before the end of the output:
// the statement stops there, without an error.
var errPagerQuit = errors.New("pager closed")

// pagedOutput holds a result's first screen; once the result is longer
// than the terminal, it starts the pager and sends everything through it.
// A short result goes straight to the terminal.
type pagedOutput struct {
	terminal io.Writer
	command  string
	height   int
	held     bytes.Buffer
	lines    int
	cmd      *exec.Cmd
	pipe     io.WriteCloser
	started  func() // the pager has the terminal now
}

func (p *pagedOutput) Write(b []byte) (int, error) {
	if p.pipe != nil {
		if _, err := p.pipe.Write(b); err != nil {
			return 0, errPagerQuit
		}
		return len(b), nil
	}
	p.held.Write(b)
	p.lines += bytes.Count(b, []byte{'\n'})
	if p.lines < p.height {
		return len(b), nil
	}
	if err := p.start(); err != nil {
		return 0, err
	}
	return len(b), nil
}

func (p *pagedOutput) start() error {
	p.cmd = exec.Command("/bin/sh", "-c", p.command)
	p.cmd.Stdout, p.cmd.Stderr = p.terminal, os.Stderr
	pipe, err := p.cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := p.cmd.Start(); err != nil {
		return errors.New("pager " + p.command + ": " + err.Error())
	}
	p.pipe = pipe
	if p.started != nil {
		p.started()
	}
	if _, err := p.pipe.Write(p.held.Bytes()); err != nil {
		return errPagerQuit
	}
	p.held.Reset()
	return nil
}

// Close prints a short result, or waits for the pager to end.
func (p *pagedOutput) Close() error {
	if p.pipe == nil {
		_, err := p.terminal.Write(p.held.Bytes())
		return err
	}
	p.pipe.Close()
	p.cmd.Wait() // a pager's own exit status is not the statement's
	return nil
}

// pager is where a statement's output goes: through the pager in the REPL
// on a terminal, when one is set and on; else straight on.
func (s *Shell) pager() (io.Writer, func() error) {
	if !s.paging || !s.interactive || s.out != s.cfg.Stdout || !s.cfg.StdoutIsTTY || s.cfg.Pager == "" || s.cfg.Height == nil {
		return s.out, func() error { return nil }
	}
	height := s.cfg.Height()
	if height <= 0 {
		return s.out, func() error { return nil }
	}
	p := &pagedOutput{terminal: s.out, command: s.cfg.Pager, height: height - 1, started: s.stopProgress} // -1: the prompt's line
	return p, p.Close
}
