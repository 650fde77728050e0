package cli

import (
	"flag"
	"fmt"
	"strings"
)

// verbs are the history commands; they run on a connection like SQL does,
// so the global flags work before or after them.
var verbs = map[string]bool{"snapshot": true, "changes": true, "watch": true, "check": true, "rules": true, "mute": true, "findings": true,
	"explain-access": true}

// verbArity is how many positional arguments a verb takes (at most).
var verbArity = map[string]int{"rules": 2, "mute": 2, "explain-access": 2}

func registerHistoryFlags(fs *flag.FlagSet, h *history) {
	fs.StringVar(&h.store, "store", "", "the history store file (env SFSQL_STORE; default $XDG_DATA_HOME/sfsql/history.db)")
	fs.BoolVar(&h.offline, "offline", false, "answer the catalogue tables from the latest snapshot: no API request")
	fs.StringVar(&h.asOf, "as-of", "", "answer the catalogue tables as they were at this time (2026-11-01T00:00:00Z, 2026-11-01, or 7d ago)")
	h.verbFlags = map[string]string{}
	verbFlag := func(name, verb string) { h.verbFlags[name] = verb }
	fs.StringVar(&h.tables, "tables", "", "snapshot, watch: these tables only (user,permission_set_assignment,...)")
	verbFlag("tables", "snapshot watch")
	fs.Var(&h.eventsSince, "events-since", "snapshot, watch: how far back the first read of login history and the audit trail goes (default 30d)")
	verbFlag("events-since", "snapshot watch")
	fs.Var(&h.since, "since", "changes, findings: this far back (default 7d)")
	verbFlag("since", "changes findings")
	fs.StringVar(&h.table, "table", "", "changes: this table only")
	verbFlag("table", "changes")
	fs.Var(&h.every, "every", "watch: time between rounds (30s, 5m, 1h)")
	verbFlag("every", "watch")
	fs.IntVar(&h.rounds, "rounds", 0, "watch: stop after this many rounds (0: until interrupted)")
	verbFlag("rounds", "watch")
	fs.Var(&h.olderThan, "older-than", "snapshot prune: forget snapshots older than this (180d)")
	verbFlag("older-than", "prune")
	fs.StringVar(&h.only, "only", "", "check, watch: these rules only (PRIV-01,GST-01)")
	verbFlag("only", "check watch")
	fs.StringVar(&h.rulesDir, "rules", "", "check, watch, rules: add the rule files of this directory")
	verbFlag("rules", "check watch rules")
	fs.StringVar(&h.failOn, "fail-on", "high", "check: exit 1 on an unmuted finding at or above this severity")
	verbFlag("fail-on", "check")
	fs.Var((*repeated)(&h.notify), "notify", "watch: webhook=URL, exec=COMMAND or stdout (repeatable)")
	verbFlag("notify", "watch")
	fs.StringVar(&h.minSeverity, "min-severity", "critical", "watch: notify findings at or above this severity; check: run only the rules at or above it")
	verbFlag("min-severity", "watch check")
	fs.StringVar(&h.reason, "reason", "", "mute: why the finding is accepted (required)")
	verbFlag("reason", "mute")
	fs.StringVar(&h.until, "until", "", "mute: the mute ends at this date")
	verbFlag("until", "mute")
	fs.StringVar(&h.status, "status", "", "findings: open, resolved or muted")
	verbFlag("status", "findings")
}

// parseVerb parses the global flags, then a verb and its flags, and
// returns what is left (script files).
func parseVerb(fs *flag.FlagSet, args []string, h *history) ([]string, error) {
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	rest := fs.Args()
	if len(rest) > 0 && verbs[rest[0]] {
		h.verb = rest[0]
		if err := fs.Parse(rest[1:]); err != nil {
			return nil, err
		}
		rest = fs.Args()
		if h.verb == "snapshot" && len(rest) > 0 && rest[0] == "prune" {
			h.verb = "prune"
			if err := fs.Parse(rest[1:]); err != nil {
				return nil, err
			}
			rest = fs.Args()
		}
		for len(rest) > 0 && len(h.verbArgs) < verbArity[h.verb] {
			h.verbArgs = append(h.verbArgs, rest[0])
			if err := fs.Parse(rest[1:]); err != nil {
				return nil, err
			}
			rest = fs.Args()
		}
		if len(rest) > 0 {
			return nil, fmt.Errorf("sfsql %s: unexpected argument %q", h.verb, rest[0])
		}
	}
	return rest, checkVerbFlags(fs, h)
}

// checkVerbFlags refuses a verb's flag given without its verb.
func checkVerbFlags(fs *flag.FlagSet, h *history) error {
	var err error
	fs.Visit(func(fl *flag.Flag) {
		h.minSeveritySet = h.minSeveritySet || fl.Name == "min-severity"
		owners, ok := h.verbFlags[fl.Name]
		if ok && err == nil && !strings.Contains(" "+owners+" ", " "+h.verb+" ") {
			err = fmt.Errorf("--%s belongs to sfsql %s", fl.Name, strings.ReplaceAll(owners, " ", " or sfsql "))
		}
	})
	switch {
	case err != nil:
		return err
	case h.verb == "watch" && !h.every.set:
		return fmt.Errorf("sfsql watch: --every is required (e.g. --every 5m)")
	case h.verb == "prune" && !h.olderThan.set:
		return fmt.Errorf("sfsql snapshot prune: --older-than is required (e.g. --older-than 180d)")
	case h.verb == "mute" && (len(h.verbArgs) != 2 || strings.TrimSpace(h.reason) == ""):
		return fmt.Errorf("usage: sfsql mute RULE RESOURCE --reason TEXT [--until DATE]")
	case h.verb == "explain-access" && len(h.verbArgs) != 2:
		return fmt.Errorf("usage: sfsql explain-access USER OBJECT[.FIELD]|PERMISSION")
	case h.verb == "rules" && len(h.verbArgs) > 0 && (h.verbArgs[0] != "show" || len(h.verbArgs) != 2):
		return fmt.Errorf("usage: sfsql rules [show ID]")
	case h.status != "" && h.status != "open" && h.status != "resolved" && h.status != "muted":
		return fmt.Errorf("--status %q: want open, resolved or muted", h.status)
	case h.rounds < 0:
		return fmt.Errorf("--rounds %d: must be 0 or more", h.rounds)
	case h.offline && h.asOf != "":
		return fmt.Errorf("--offline and --as-of: give one (--as-of is offline too)")
	case !validSeverity(h.failOn) || !validSeverity(h.minSeverity):
		return fmt.Errorf("--fail-on %s / --min-severity %s: want critical, high, medium, low or info", h.failOn, h.minSeverity)
	case (h.offline || h.asOf != "") && (h.verb == "snapshot" || h.verb == "watch"):
		return fmt.Errorf("sfsql %s reads the org: it cannot run --offline or --as-of", h.verb)
	}
	return nil
}

func validSeverity(s string) bool {
	switch s {
	case "critical", "high", "medium", "low", "info":
		return true
	}
	return false
}
