package cli

import (
	"flag"
	"fmt"
	"strings"
)

// verbs are the history commands; they run on a connection like SQL does,
// so the global flags work before or after them.
var verbs = map[string]bool{"snapshot": true, "changes": true, "watch": true}

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
	fs.Var(&h.since, "since", "changes: this far back (default 7d)")
	verbFlag("since", "changes")
	fs.StringVar(&h.table, "table", "", "changes: this table only")
	verbFlag("table", "changes")
	fs.Var(&h.every, "every", "watch: time between rounds (30s, 5m, 1h)")
	verbFlag("every", "watch")
	fs.IntVar(&h.rounds, "rounds", 0, "watch: stop after this many rounds (0: until interrupted)")
	verbFlag("rounds", "watch")
	fs.Var(&h.olderThan, "older-than", "snapshot prune: forget snapshots older than this (180d)")
	verbFlag("older-than", "prune")
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
	case h.rounds < 0:
		return fmt.Errorf("--rounds %d: must be 0 or more", h.rounds)
	case h.offline && h.asOf != "":
		return fmt.Errorf("--offline and --as-of: give one (--as-of is offline too)")
	case (h.offline || h.asOf != "") && (h.verb == "snapshot" || h.verb == "watch"):
		return fmt.Errorf("sfsql %s reads the org: it cannot run --offline or --as-of", h.verb)
	}
	return nil
}
