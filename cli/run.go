// Package cli runs sfsql from the command line: flags, connection, then
// the shell for scripts, -c and the interactive REPL.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/sfsql/sfsql/session"
	"github.com/sfsql/sfsql/shell"
	"github.com/sfsql/sfsql/vtab"
)

// IO is where a run reads and writes.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	StdinIsTTY     bool
	StdoutIsTTY    bool
	StderrIsTTY    bool
	Width          func() int       // terminal width
	Height         func() int       // terminal height
	Interrupts     <-chan os.Signal // SIGINT
	// NewLineReader makes the REPL's line reader (readline on a terminal).
	NewLineReader func(sh *shell.Shell) (shell.LineReader, func(), error)
	// OpenBrowser shows the login page (sfsql login).
	OpenBrowser func(url string) error
	// Now is the clock snapshots are stamped by (default time.Now).
	Now func() time.Time
}

// Main runs sfsql and returns the exit status.
func Main(ctx context.Context, args []string, io IO) int {
	if err := Run(ctx, args, io); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(io.Stderr, "sfsql: "+oneLine(err.Error()))
		if errors.Is(err, errRuleError) {
			return 2
		}
		if errors.Is(err, shell.ErrInterrupted) {
			return 130
		}
		return 1
	}
	return 0
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// errFailed reports that statements failed and were already reported.
var errFailed = errors.New("some statements failed")

// Run parses args, connects, and runs scripts or the REPL; `login` and
// `connections` manage saved connections.
func Run(ctx context.Context, args []string, io IO) error {
	if io.Getenv == nil {
		io.Getenv = os.Getenv
	}
	if io.Now == nil {
		io.Now = time.Now
	}
	if len(args) > 0 {
		switch args[0] {
		case "login":
			return login(ctx, args[1:], io)
		case "connections":
			return connections(ctx, args[1:], io)
		}
	}
	f, err := parseFlags(args, io.Stdout, io.Stderr)
	if err != nil {
		return err
	}
	if f.verb == "rules" {
		return runRules(f, io)
	}
	if f.verb != "" && f.several() {
		return runEachOrg(ctx, f, io)
	}
	var sources []source
	if f.verb == "" {
		if sources, err = inputs(f, io); err != nil {
			return err
		}
	}
	w, err := openWorkspace(ctx, f, io, mentionsHistory(sources))
	if err != nil {
		return err
	}
	defer w.close()
	sh, err := w.shell()
	if err != nil {
		return err
	}
	defer sh.Close()
	if f.verb != "" {
		return w.runVerb(ctx, sh)
	}
	if sources == nil {
		return interactive(ctx, sh, io)
	}
	for _, src := range sources {
		if err := sh.RunScript(ctx, src.name, src.text); err != nil {
			return err
		}
		if sh.Quit() {
			break
		}
	}
	if sh.Failed() {
		return errFailed
	}
	return nil
}

// shell is the workspace's shell: its session, store and flags.
func (w *workspace) shell() (*shell.Shell, error) {
	f, io := w.f, w.io
	var info shell.Connection
	if w.conn != nil {
		info = w.conn.info(f)
	} else {
		info = shell.Connection{Name: w.connectionName() + " (offline)"}
	}
	shellFormat := f.format
	if f.verb == "check" {
		shellFormat = "table" // check writes its own formats (sarif, html)
	}
	cfg := shell.Config{
		Session: w.sess, Connection: info, Stdout: io.Stdout, Stderr: io.Stderr,
		StdoutIsTTY: io.StdoutIsTTY, StderrIsTTY: io.StderrIsTTY, Width: io.Width, Height: io.Height, Pager: pagerCommand(io.Getenv), Format: shellFormat, Headers: f.headers,
		Params: f.params, ContinueOnError: f.continueErr, Interrupts: io.Interrupts, SOQLTrace: f.soqlTrace,
		Switch: switcher(f, io, w),
	}
	if w.viewer != nil {
		cfg.Stored = w.viewer
	}
	return shell.New(cfg)
}

func interactive(ctx context.Context, sh *shell.Shell, io IO) error {
	if io.NewLineReader == nil {
		return errors.New("no terminal: give SQL with -c, a .sql file, or on standard input")
	}
	lr, closeReader, err := io.NewLineReader(sh)
	if err != nil {
		return err
	}
	defer closeReader()
	fmt.Fprintln(io.Stderr, `sfsql `+vtab.Version+` — ".help" lists the dot-commands, ".quit" or Ctrl-D leaves.`)
	return sh.Interactive(ctx, lr)
}

// switcher opens another saved connection for .connection NAME.
func switcher(f *flags, io IO, w *workspace) func(context.Context, string) (*session.Session, shell.Connection, func(), error) {
	return func(ctx context.Context, name string) (*session.Session, shell.Connection, func(), error) {
		g := *f
		g.demo, g.instanceURL, g.accessToken, g.connection = false, "", "", name
		if w.offline {
			return nil, shell.Connection{}, nil, errors.New(".connection: not offline (the store is per connection; run sfsql -C NAME --offline)")
		}
		conn, err := resolve(&g, io)
		if err != nil {
			return nil, shell.Connection{}, nil, err
		}
		s, err := open(ctx, conn)
		if err != nil {
			conn.close()
			return nil, shell.Connection{}, nil, err
		}
		if err := w.switched(ctx, s, conn.Org); err != nil {
			s.Close()
			conn.close()
			return nil, shell.Connection{}, nil, err
		}
		return s, conn.info(&g), func() { s.Close(); conn.close() }, nil
	}
}

type source struct{ name, text string }

// inputs gathers -c, script files, or piped standard input; none means the
// interactive shell.
func inputs(f *flags, io IO) ([]source, error) {
	var out []source
	if f.command != "" {
		out = append(out, source{"", f.command}) // errors in -c need no file:line
	}
	for _, file := range f.files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("cannot read script: %w", err)
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
	return out, nil
}

func readAll(r io.Reader) (string, error) {
	data, err := io.ReadAll(r)
	return string(data), err
}

// open starts the session of a connection: its own engine and SQLite
// connection.
func open(ctx context.Context, c *connection) (*session.Session, error) {
	return openWith(ctx, c, nil, false, nil)
}

// openWith is open over several orgs: every table the union of their rows.
func openWith(ctx context.Context, c *connection, more []*connection, skipFailed bool, warn func(string)) (*session.Session, error) {
	var members []session.Member
	for _, m := range more {
		members = append(members, session.Member{Name: m.Name, Client: m.Client, OrgID: m.OrgID})
	}
	return session.Open(ctx, session.Options{Client: c.Client, OrgName: c.Name, OrgID: c.OrgID, CacheTTL: c.cacheTTL, Parallel: c.parallel,
		CacheMaxBytes: c.cacheMax, BulkThreshold: c.bulkRows, More: members, SkipFailed: skipFailed, Warn: warn})
}
