package shell

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/sfsql/sfsql/output"
)

// command is one dot-command: this table drives dispatch, .help and
// completion.
type command struct {
	name  string
	args  string
	help  string
	run   func(s *Shell, ctx context.Context, args []string, rest string) error
	words func(s *Shell) []string // completions for the first argument
}

var commands []command

func init() {
	commands = []command{
		{".asof", "TIME|off", "answer the catalogue tables as they were at TIME (2026-11-01T00:00:00Z, 2026-11-01, 7d), or live again", (*Shell).cmdAsOf, fixed("off")},
		{".cache", "[clear]", "show the scan cache setting, or clear it", (*Shell).cmdCache, fixed("clear")},
		{".connection", "[NAME]", "show the connection in use", (*Shell).cmdConnection, nil},
		{".explain", "SQL", "show what each scan of SQL sends to Salesforce", (*Shell).cmdExplain, nil},
		{".headers", "on|off", "show column headers", (*Shell).cmdHeaders, fixed("on", "off")},
		{".help", "", "list the dot-commands", (*Shell).cmdHelp, nil},
		{".limits", "", "show the org's API limits", (*Shell).cmdLimits, nil},
		{".mode", strings.Join(output.Formats, "|"), "set the output format", (*Shell).cmdMode, fixed(output.Formats...)},
		{".nullvalue", "TEXT", "how NULL prints in table, markdown and line modes", (*Shell).cmdNullValue, nil},
		{".offline", "on|off", "answer the catalogue tables from the latest snapshot (no API request), or live again", (*Shell).cmdOffline, fixed("on", "off")},
		{".once", "FILE", "send the next statement's output to FILE", (*Shell).cmdOnce, nil},
		{".output", "FILE|stdout", "send output to FILE, or back to stdout", (*Shell).cmdOutput, fixed("stdout")},
		{".quit", "", "leave the shell", (*Shell).cmdQuit, nil},
		{".exit", "", "leave the shell (as .quit)", (*Shell).cmdQuit, nil},
		{".print", "TEXT", "print TEXT", (*Shell).cmdPrint, nil},
		{".show", "", "the current settings", (*Shell).cmdShow, nil},
		{".pager", "on|off", "page long results in the shell through $SFSQL_PAGER, $PAGER or less", (*Shell).cmdPager, fixed("on", "off")},
		{".footer", "on|off", "print (N rows) under a table", (*Shell).cmdFooter, fixed("on", "off")},
		{".expanded", "on|off|auto", "a block per record (auto: when the columns cannot fit the terminal)", (*Shell).cmdExpanded, fixed("on", "off", "auto")},
		{".width", "N…", "cap the table's columns, in order, at N characters (0: no cap)", (*Shell).cmdWidth, nil},
		{".parameter", "set NAME VALUE|unset NAME|list|clear", "the values :NAME takes (as --param)", (*Shell).cmdParameter, fixed("set", "unset", "list", "clear")},
		{".shell", "COMMAND", "run COMMAND with /bin/sh", (*Shell).cmdSystem, nil},
		{".system", "COMMAND", "run COMMAND with /bin/sh (as .shell)", (*Shell).cmdSystem, nil},
		{".import", "[--csv] [--skip N] FILE TABLE", "load a CSV file into a local table (new: the first row names the columns)", (*Shell).cmdImport, nil},
		{".save", "FILE", "write the local tables (create table … as select, .import) to a new SQLite file", (*Shell).cmdSave, nil},
		{".dump", "[TABLE…]", "print the local tables as SQL", (*Shell).cmdDump, nil},
		{".bail", "on|off", "stop a script at the first error (on), or report each and go on", (*Shell).cmdBail, fixed("on", "off")},
		{".read", "FILE", "run the statements and dot-commands of FILE", (*Shell).cmdRead, nil},
		{".schema", "[TABLE]", "columns, types and pushdown of a table", (*Shell).cmdSchema, (*Shell).tableNames},
		{".soql", "on|off", "print the SOQL each scan sends", (*Shell).cmdSOQL, fixed("on", "off")},
		{".stats", "", "API requests, bytes and Salesforce API usage of this session", (*Shell).cmdStats, nil},
		{".tables", "[PATTERN]", "list tables, optionally matching a LIKE pattern", (*Shell).cmdTables, nil},
		{".timer", "on|off", "print elapsed time, API requests and rows fetched per statement", (*Shell).cmdTimer, fixed("on", "off")},
	}
}

func fixed(words ...string) func(*Shell) []string { return func(*Shell) []string { return words } }

func findCommand(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// dotCommand runs one dot-command line.
func (s *Shell) dotCommand(ctx context.Context, line string) error {
	name, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	c := findCommand(name)
	if c == nil {
		return fmt.Errorf("unknown command %s: .help lists them", name)
	}
	args, err := splitArgs(rest)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return c.run(s, ctx, args, rest)
}

// splitArgs splits on spaces, keeping quoted arguments whole.
func splitArgs(s string) ([]string, error) {
	var args []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if q := s[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				return nil, fmt.Errorf("unterminated quote")
			}
			args = append(args, s[1:end+1])
			s = s[end+2:]
			continue
		}
		word, after, _ := strings.Cut(s, " ")
		args = append(args, word)
		s = after
	}
	return args, nil
}

func onOff(name string, args []string, set *bool) error {
	if len(args) != 1 || (args[0] != "on" && args[0] != "off") {
		return fmt.Errorf("usage: %s on|off", name)
	}
	*set = args[0] == "on"
	return nil
}

func (s *Shell) cmdHelp(_ context.Context, _ []string, _ string) error {
	for _, c := range commands {
		fmt.Fprintf(s.out, "%-28s %s\n", strings.TrimSpace(c.name+" "+c.args), c.help)
	}
	return nil
}

func (s *Shell) cmdHeaders(_ context.Context, args []string, _ string) error {
	return onOff(".headers", args, &s.headers)
}

func (s *Shell) cmdTimer(_ context.Context, args []string, _ string) error {
	return onOff(".timer", args, &s.timer)
}

func (s *Shell) cmdSOQL(_ context.Context, args []string, _ string) error {
	return onOff(".soql", args, &s.soql)
}

func (s *Shell) cmdMode(_ context.Context, args []string, _ string) error {
	if len(args) == 0 {
		fmt.Fprintln(s.out, "current output mode: "+s.mode)
		return nil
	}
	if len(args) != 1 {
		return fmt.Errorf("usage: .mode %s", strings.Join(output.Formats, "|"))
	}
	if _, err := output.New(args[0], s.out, output.Options{}); err != nil {
		return err
	}
	s.mode = args[0]
	return nil
}

func (s *Shell) cmdNullValue(_ context.Context, args []string, _ string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: .nullvalue TEXT")
	}
	s.nullValue = args[0]
	return nil
}

func (s *Shell) cmdOutput(_ context.Context, args []string, _ string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: .output FILE|stdout")
	}
	s.resetOutput()
	if args[0] == "stdout" {
		return nil
	}
	return s.openOutput(args[0])
}

func (s *Shell) cmdOnce(_ context.Context, args []string, _ string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: .once FILE")
	}
	s.resetOutput()
	if err := s.openOutput(args[0]); err != nil {
		return err
	}
	s.once = true
	return nil
}

func (s *Shell) openOutput(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	s.out, s.outFile = f, f
	return nil
}

func (s *Shell) cmdQuit(context.Context, []string, string) error { return errQuit }

const maxReadDepth = 16

func (s *Shell) cmdRead(ctx context.Context, args []string, _ string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: .read FILE")
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", args[0], err)
	}
	if s.depth >= maxReadDepth {
		return fmt.Errorf(".read nested more than %d deep", maxReadDepth)
	}
	s.depth++
	defer func() { s.depth-- }()
	return s.RunScript(ctx, args[0], string(data))
}

func (s *Shell) tableNames() []string { return s.engine().TableNames() }

func (s *Shell) cmdTables(_ context.Context, args []string, _ string) error {
	pattern := "%"
	if len(args) > 0 {
		pattern = args[0]
	}
	for _, name := range s.tableNames() {
		if likeMatch(pattern, name) {
			fmt.Fprintln(s.out, name)
		}
	}
	return nil
}

// likeMatch is SQL LIKE for ASCII names: % and _ wildcards, no case.
func likeMatch(pattern, name string) bool {
	p, n := strings.ToLower(pattern), strings.ToLower(name)
	if p == "" {
		return n == ""
	}
	switch p[0] {
	case '%':
		for i := 0; i <= len(n); i++ {
			if likeMatch(p[1:], n[i:]) {
				return true
			}
		}
		return false
	case '_':
		return n != "" && likeMatch(p[1:], n[1:])
	}
	return n != "" && n[0] == p[0] && likeMatch(p[1:], n[1:])
}

func (s *Shell) cmdSchema(_ context.Context, args []string, _ string) error {
	if len(args) == 0 {
		names := s.engine().CatalogueNames()
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintln(s.out, n)
		}
		fmt.Fprintln(s.out, "(.schema TABLE shows a table's columns; .tables lists every table)")
		return nil
	}
	cols, err := s.engine().Columns(args[0])
	if err != nil {
		return err
	}
	enc, err := output.New(s.mode, s.out, output.Options{Headers: true, NullValue: s.nullValue})
	if err != nil {
		return err
	}
	enc.Begin([]string{"column", "type", "salesforce_field", "pushdown", "history"})
	for _, c := range cols {
		field := any(c.SalesforcePath)
		if c.SalesforcePath == "" {
			field = nil // the org lacks it: always NULL
		}
		enc.Row([]any{c.Name, c.Type, field, c.Pushdown, c.History})
	}
	if err := enc.End(); err != nil {
		return err
	}
	if spec, ok := s.engine().Spec(strings.ToLower(args[0])); ok && spec.Derived == nil && s.mode == "table" {
		fmt.Fprintln(s.out, "history: "+spec.History.Describe())
	}
	return nil
}
