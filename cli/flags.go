package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	hist "github.com/sfsql/sfsql/history"
	"github.com/sfsql/sfsql/output"
	"github.com/sfsql/sfsql/salesforce"
	"github.com/sfsql/sfsql/vtab"
)

type flags struct {
	demo        bool
	instanceURL string
	accessToken string
	apiVersion  string
	command     string
	format      string
	headers     bool
	cacheTTL    time.Duration
	parallel    int
	cacheMaxMB  int
	bulkRows    int
	batchSize   int
	budget      int64
	soqlTrace   bool
	files       []string
	params      map[string]string
	continueErr bool
	connection  string
	// orgs: more than one org (-C given again, --all, --demo-orgs).
	orgs
	verbose  bool
	timeout  time.Duration
	insecure bool
	trace    func(string) // set from --verbose
	history
}

// history holds the store flags and the history verbs' flags.
type history struct {
	store       string
	offline     bool
	asOf        string
	verb        string // snapshot, prune, changes, watch; "" runs SQL
	tables      string
	eventsSince duration
	since       duration
	table       string
	every       duration
	rounds      int
	olderThan   duration
	verbArgs    []string // rules show ID, mute RULE RESOURCE
	only        string
	rulesDir    string
	failOn      string
	notify      []string
	minSeverity string
	// minSeveritySet: --min-severity was given (check then runs only the
	// rules at or above it).
	minSeveritySet bool
	reason         string
	until          string
	status         string
	verbFlags      map[string]string // flag → the verb it belongs to
}

// duration is a flag of history.ParseDuration's form (7d, 24h, 30s).
type duration struct {
	d   time.Duration
	set bool
}

func (d *duration) String() string {
	if !d.set {
		return ""
	}
	return d.d.String()
}

func (d *duration) Set(v string) error {
	x, err := hist.ParseDuration(v)
	if err != nil {
		return err
	}
	d.d, d.set = x, true
	return nil
}

// orgs are the flags that select several orgs at once.
type orgs struct {
	more       []string // -C given again: the connections after the first
	all        bool     // every enabled saved connection
	skipFailed bool
	demoOrgs   int
}

// several says the run reads more than one org.
func (o *orgs) several() bool { return len(o.more) > 0 || o.all || o.demoOrgs > 1 }

// repeated collects a flag given several times.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

// parseFlags reads the command line; help goes to stdout (asked for, it
// is the output), and -h, --help, help and --version end the run with 0.
func parseFlags(args []string, stdout, stderr io.Writer) (*flags, error) {
	f := &flags{}
	fs := flag.NewFlagSet("sfsql", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	usage := func() {
		fs.SetOutput(stdout)
		defer fs.SetOutput(io.Discard)
		fmt.Fprint(stdout, `sfsql queries a Salesforce org in SQL.

  sfsql [flags]                      the interactive shell
  sfsql [flags] -c "SQL; SQL"        run statements
  sfsql [flags] report.sql [...]     run scripts (also -f FILE, or on standard input)
  sfsql login --name NAME ...        save a connection (sfsql login -h)
  sfsql connections [list|test|default|disable|enable|delete NAME]
  sfsql snapshot [--tables user,...] capture the security inventory in the store
  sfsql snapshot prune --older-than 180d
  sfsql changes [--since 24h]        what changed: table, record, change, fields, actor
  sfsql watch --every 5m             snapshot again and again (and check, and notify)
  sfsql check [--only ID,...]        run the security rules; exit 1 on a finding at or above --fail-on
  sfsql rules [show ID]              the rules: id, severity, title; one rule in full
  sfsql mute RULE RESOURCE --reason TEXT [--until DATE]
  sfsql findings [--status open|resolved|muted] [--since 7d]

Flags:
`)
		fs.PrintDefaults()
		fmt.Fprint(stdout, `
Environment:
  SFSQL_CONNECTION        the saved connection to use (like -C)
  SFSQL_INSTANCE_URL, SFSQL_ACCESS_TOKEN   an org and an access token
  SFSQL_DEMO=1            the embedded demo org
  SFSQL_STORE             the history store file
  SFSQL_CONFIG_DIR        connections and secrets (default $XDG_CONFIG_HOME/sfsql)
  SFSQL_CACHE_DIR         describe cache (default $XDG_CACHE_HOME/sfsql)
  SFSQL_HISTORY           the shell's line history file
  XDG_DATA_HOME           where the store lives by default
`)
	}
	fs.BoolVar(&f.demo, "demo", false, "query the embedded demo org (no Salesforce account needed)")
	fs.StringVar(&f.instanceURL, "instance-url", "", "org URL, e.g. https://acme.my.salesforce.com (env SFSQL_INSTANCE_URL)")
	fs.StringVar(&f.accessToken, "access-token", "", "OAuth access token (env SFSQL_ACCESS_TOKEN)")
	fs.StringVar(&f.apiVersion, "api-version", salesforce.DefaultAPIVersion, "Salesforce REST API version")
	fs.StringVar(&f.command, "c", "", "run these ;-separated SQL statements and exit")
	fs.StringVar(&f.format, "format", "table", "output format: "+strings.Join(output.Formats, "|"))
	fs.BoolVar(&f.headers, "headers", true, "print column headers (table, csv, markdown)")
	fs.DurationVar(&f.cacheTTL, "cache-ttl", 5*time.Minute, "reuse scan results for this long (0 disables)")
	fs.IntVar(&f.cacheMaxMB, "cache-max-mb", 64, "hold at most this many MB of scans, dropping the least recently used")
	fs.IntVar(&f.bulkRows, "bulk-threshold", 250000, "read scans of more rows through a Bulk API 2.0 job (0: never)")
	fs.IntVar(&f.parallel, "parallel", 4, "fetch up to N pages of a large scan at once (1: one after another)")
	fs.IntVar(&f.batchSize, "batch-size", 2000, "rows per page asked of Salesforce (200-2000)")
	fs.Int64Var(&f.budget, "max-requests", 0, "stop after this many API requests (0: no limit)")
	fs.BoolVar(&f.soqlTrace, "soql", false, "print the SOQL each scan sends, on stderr")
	var scripts, params repeated
	fs.Var(&scripts, "f", "run the statements and dot-commands of this file (repeatable)")
	fs.Var(&params, "param", "NAME=VALUE bound to :NAME, @NAME and $NAME (repeatable)")
	fs.BoolVar(&f.continueErr, "continue-on-error", false, "in scripts, report a failing statement and go on")
	fs.BoolVar(&f.verbose, "verbose", false, "trace every API request (method, path, status) on stderr")
	fs.DurationVar(&f.timeout, "timeout", 60*time.Second, "give up on an API request after this long")
	fs.BoolVar(&f.insecure, "insecure-http", false, "allow an http:// instance URL that is not loopback (the token travels unencrypted)")
	var conns repeated
	fs.Var(&conns, "C", "use this saved connection (env SFSQL_CONNECTION; default: the default connection); again for several orgs at once")
	fs.BoolVar(&f.all, "all", false, "every enabled saved connection at once (disabled ones are left out, and said so)")
	fs.BoolVar(&f.skipFailed, "skip-failed", false, "with several orgs: leave out one that fails, with a warning, instead of failing")
	fs.IntVar(&f.demoOrgs, "demo-orgs", 1, "with --demo: this many embedded orgs (the demo and differently seeded sandboxes)")
	registerHistoryFlags(fs, &f.history)
	fs.Usage = func() {} // a wrong flag gets one line, -h the whole usage
	version := fs.Bool("version", false, "print the version and exit")
	if len(args) > 0 && args[0] == "help" {
		args = []string{"-h"} // sfsql help [CMD]: the usage lists every command and flag
	}
	rest, err := parseVerb(fs, args, &f.history)
	if err == nil && *version {
		fmt.Fprintln(stdout, "sfsql "+vtab.Version)
		return nil, flag.ErrHelp
	}
	if errors.Is(err, flag.ErrHelp) {
		usage()
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("%w (sfsql -h lists the flags)", err)
	}
	f.files = append([]string(scripts), rest...)
	if len(conns) > 0 {
		f.connection, f.more = conns[0], conns[1:]
	}
	if err := checkOrgFlags(f); err != nil {
		return nil, err
	}
	if f.verbose {
		f.trace = func(line string) { fmt.Fprintln(stderr, "sfsql: "+line) }
	}
	f.params = map[string]string{}
	for _, p := range params {
		name, value, ok := strings.Cut(p, "=")
		if !ok || name == "" {
			return nil, fmt.Errorf("--param %q: want NAME=VALUE", p)
		}
		f.params[strings.TrimLeft(name, ":@$")] = value
	}
	if f.verb == "check" && (f.format == "sarif" || f.format == "html") {
		// reports only sfsql check writes
	} else if _, err := output.New(f.format, io.Discard, output.Options{}); err != nil {
		return nil, err
	}
	switch {
	case f.cacheTTL < 0:
		return nil, fmt.Errorf("--cache-ttl %s: must be 0 (off) or more", f.cacheTTL)
	case f.budget < 0:
		return nil, fmt.Errorf("--max-requests %d: must be 0 (no limit) or more", f.budget)
	case f.bulkRows < 0:
		return nil, fmt.Errorf("--bulk-threshold %d: must be 0 (never) or more", f.bulkRows)
	case f.cacheMaxMB < 1:
		return nil, fmt.Errorf("--cache-max-mb %d: must be 1 or more", f.cacheMaxMB)
	case f.parallel < 1 || f.parallel > 16:
		return nil, fmt.Errorf("--parallel %d: must be between 1 and 16", f.parallel)
	case f.timeout <= 0:
		return nil, fmt.Errorf("--timeout %s: must be more than 0", f.timeout)
	}
	if f.batchSize < 200 || f.batchSize > 2000 {
		return nil, fmt.Errorf("--batch-size %d: must be between 200 and 2000", f.batchSize)
	}
	return f, nil
}

func checkOrgFlags(f *flags) error {
	switch {
	case f.all && (f.connection != "" || f.demo || f.instanceURL != ""):
		return fmt.Errorf("--all is every saved connection: give it without -C, --demo or --instance-url")
	case f.demoOrgs < 1 || f.demoOrgs > 9:
		return fmt.Errorf("--demo-orgs %d: must be between 1 and 9", f.demoOrgs)
	case f.demoOrgs > 1 && !f.demo:
		return fmt.Errorf("--demo-orgs needs --demo")
	case f.several() && (f.offline || f.asOf != ""):
		return fmt.Errorf("--offline and --as-of read one org's store: give one connection")
	case f.several() && (f.verb == "mute" || f.verb == "prune"):
		return fmt.Errorf("sfsql %s works on one org: give one connection", f.verb)
	}
	for _, name := range f.more {
		if name == f.connection {
			return fmt.Errorf("-C %s given twice", name)
		}
	}
	return nil
}
