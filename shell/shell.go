// Package shell runs SQL and dot-commands for sfsql: the interactive REPL,
// scripts and .read, with the output modes and settings they share.
package shell

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"

	"github.com/sfsql/sfsql/output"
	"github.com/sfsql/sfsql/session"
	"github.com/sfsql/sfsql/vtab"
)

// Connection describes what the shell is connected to, for .connection.
type Connection struct {
	Name        string
	InstanceURL string
	APIVersion  string
	BatchSize   int
}

// Config sets up a shell.
type Config struct {
	Session        *session.Session
	Connection     Connection
	Stdout, Stderr io.Writer
	StdoutIsTTY    bool
	StderrIsTTY    bool
	Width          func() int // terminal width, for table mode on a terminal
	Height         func() int // terminal height, for the pager
	// Pager is the command (run by /bin/sh) a long result goes through in
	// the REPL on a terminal; "" pages nothing.
	Pager           string
	Format          string
	Headers         bool
	Params          map[string]string
	ContinueOnError bool
	Interrupts      <-chan os.Signal // SIGINT while a statement runs cancels it
	SOQLTrace       bool
	// Switch opens another saved connection for .connection NAME; close
	// releases it.
	Switch func(ctx context.Context, name string) (s *session.Session, info Connection, close func(), err error)
	// Stored serves the history store's state for .offline and .asof; nil
	// when no store is in use.
	Stored Stored
}

// Shell holds the settings dot-commands change.
type Shell struct {
	cfg       Config
	mode      string
	headers   bool
	nullValue string
	out       io.Writer
	outFile   *os.File
	once      bool
	timer     bool
	soql      bool
	failed    bool // a statement failed (scripts with --continue-on-error)
	quit      bool // a script said .quit or .exit
	// pendingInput is the REPL's unfinished statement, so completion
	// knows the tables named on its earlier lines.
	pendingInput string
	depth        int    // .read nesting
	closeConn    func() // releases a connection opened by .connection
	unobserve    func() // stops .soql's observer of the engine
	// interactive is set in the REPL: progress shows there only, never in
	// scripts or pipes.
	interactive bool
	paging      bool   // .pager
	footer      bool   // .footer: "(N rows)" under a table
	expanded    string // .expanded: on, off or auto
	widths      []int  // .width
	// warnedAllowance: the low daily API allowance was reported.
	warnedAllowance bool
	// stopProgress ends the running statement's progress line.
	stopProgress func()
}

// errQuit ends the session (.quit).
var errQuit = errors.New("quit")

// New makes a shell.
func New(cfg Config) (*Shell, error) {
	if cfg.Format == "" {
		cfg.Format = "table"
	}
	if _, err := output.New(cfg.Format, io.Discard, output.Options{}); err != nil {
		return nil, err
	}
	cfg.Params = maps.Clone(cfg.Params) // .parameter changes this session's only
	s := &Shell{cfg: cfg, mode: cfg.Format, headers: cfg.Headers, nullValue: "NULL", out: cfg.Stdout, soql: cfg.SOQLTrace,
		paging: true, footer: cfg.StdoutIsTTY, expanded: "auto"}
	s.observe()
	return s, nil
}

// observe has the engine report its scans to .soql.
func (s *Shell) observe() {
	if s.unobserve != nil {
		s.unobserve()
	}
	s.unobserve = s.engine().Observe(vtab.Observer{Scan: func(q string) {
		if s.soql {
			fmt.Fprintln(s.cfg.Stderr, "SOQL: "+q)
		}
	}})
}

func (s *Shell) engine() *vtab.Engine { return s.cfg.Session.Engine }
func (s *Shell) conn() *sql.Conn      { return s.cfg.Session.Conn }

// Close releases an open .output file.
func (s *Shell) Close() {
	s.resetOutput()
	if s.closeConn != nil {
		s.closeConn()
	}
}

func (s *Shell) resetOutput() {
	if s.outFile != nil {
		s.outFile.Close()
		s.outFile = nil
	}
	s.out, s.once = s.cfg.Stdout, false
}

// Failed reports whether any statement failed.
func (s *Shell) Failed() bool { return s.failed }

func (s *Shell) errorf(format string, args ...any) {
	fmt.Fprintf(s.cfg.Stderr, format+"\n", args...)
}
