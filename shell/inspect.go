package shell

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/sfsql/sfsql/output"
	"github.com/sfsql/sfsql/vtab"
)

func (s *Shell) cmdStats(context.Context, []string, string) error {
	st := s.engine().Stats()
	usage := "unknown (no API response yet)"
	if st.APIMax > 0 {
		usage = fmt.Sprintf("%d of %d daily API requests used (%.1f%%)", st.APIUsed, st.APIMax, 100*float64(st.APIUsed)/float64(st.APIMax))
	}
	fmt.Fprintf(s.out, "requests: %d\nbytes received: %d\nrows fetched: %d\norg API usage: %s\n",
		st.Requests, st.Bytes, s.engine().RowsFetched(), usage)
	return nil
}

func (s *Shell) cmdLimits(ctx context.Context, _ []string, _ string) error {
	limits, err := s.engine().Limits(ctx)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(limits))
	for n := range limits {
		names = append(names, n)
	}
	sort.Strings(names)
	enc, err := output.New(s.mode, s.out, output.Options{Headers: true, NullValue: s.nullValue})
	if err != nil {
		return err
	}
	enc.Begin([]string{"limit", "max", "remaining", "used"})
	for _, n := range names {
		l := limits[n]
		enc.Row([]any{n, l.Max, l.Remaining, l.Max - l.Remaining})
	}
	return enc.End()
}

func (s *Shell) cmdCache(_ context.Context, args []string, _ string) error {
	switch {
	case len(args) == 1 && args[0] == "clear":
		s.engine().ClearCache()
		fmt.Fprintln(s.out, "scan cache cleared")
	case len(args) == 0:
		ttl := s.engine().CacheTTL()
		if ttl <= 0 {
			fmt.Fprintln(s.out, "scan cache: off (--cache-ttl 0)")
		} else {
			fmt.Fprintf(s.out, "scan cache: scans are reused for %s (%d cached)\n", ttl, s.engine().CachedScans())
		}
	default:
		return fmt.Errorf("usage: .cache [clear]")
	}
	return nil
}

// cmdConnection shows the connection, or switches to another saved one:
// a new SQLite connection with its own engine, the old one closed.
func (s *Shell) cmdConnection(ctx context.Context, args []string, _ string) error {
	if len(args) > 1 {
		return fmt.Errorf("usage: .connection [NAME]")
	}
	if len(args) == 1 && args[0] != s.cfg.Connection.Name {
		if s.cfg.Switch == nil {
			return fmt.Errorf("cannot switch connections here")
		}
		sess, info, closeConn, err := s.cfg.Switch(ctx, args[0])
		if err != nil {
			return err
		}
		s.unobserve()
		if s.closeConn != nil {
			s.closeConn()
		}
		s.cfg.Session, s.cfg.Connection, s.closeConn = sess, info, closeConn
		s.observe()
	}
	c := s.cfg.Connection
	fmt.Fprintf(s.out, "connection: %s\ninstance: %s\nAPI version: %s\n", c.Name, c.InstanceURL, c.APIVersion)
	return nil
}

// vtabPlanRE finds a virtual table's scan in EXPLAIN QUERY PLAN: its name
// as the statement spells it and the plan (which names the table).
var vtabPlanRE = regexp.MustCompile(`(?:SCAN|SEARCH) (\S+)(?: [A-Z-]+)* VIRTUAL TABLE INDEX -?\d+:(.*)$`)

// cmdExplain shows, for each scan SQLite plans, the SOQL it sends, which
// terms Salesforce answers and which SQLite re-checks, and the pages it
// takes (counted with one COUNT() request per scan whose values are known).
func (s *Shell) cmdExplain(ctx context.Context, _ []string, rest string) error {
	stmt, err := s.bindings(strings.TrimSuffix(strings.TrimSpace(rest), ";"))
	if err != nil {
		return err
	}
	if stmt == "" {
		return fmt.Errorf("usage: .explain SELECT …")
	}
	rows, err := s.conn().QueryContext(ctx, "EXPLAIN QUERY PLAN "+stmt)
	if err != nil {
		return err
	}
	var details []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			rows.Close()
			return err
		}
		details = append(details, detail)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range details {
		m := vtabPlanRE.FindStringSubmatch(d)
		if m == nil {
			fmt.Fprintf(s.out, "%s\n", d)
			continue
		}
		plans, err := s.engine().ExplainAll(m[2])
		if err != nil {
			return err
		}
		for _, plan := range plans {
			alias := m[1]
			if len(plans) > 1 || len(s.engine().OrgNames()) > 1 {
				alias += " @" + plan.Connection
			}
			s.printPlan(ctx, alias, plan)
		}
	}
	return nil
}

func (s *Shell) printPlan(ctx context.Context, alias string, p *vtab.ScanPlan) {
	fmt.Fprintf(s.out, "%s (%s):\n  SOQL: %s\n", alias, p.Table, p.SOQL)
	for _, src := range append(p.Sources, p.PerValueSOQL) {
		if src != "" {
			fmt.Fprintf(s.out, "  SOQL: %s\n", src)
		}
	}
	line := func(label string, items []string) {
		if len(items) > 0 {
			fmt.Fprintf(s.out, "  %s: %s\n", label, strings.Join(items, ", "))
		}
	}
	line("exact in Salesforce", p.Exact)
	line("pushed, re-checked by SQLite", p.Rechecked)
	if p.Lookup != "" {
		fmt.Fprintf(s.out, "  join lookup: %s\n", p.Lookup)
	}
	fmt.Fprintf(s.out, "  LIMIT pushed: %s, ORDER BY pushed: %s\n", yesNo(p.Limit), yesNo(p.Ordered))
	if p.Held {
		fmt.Fprintf(s.out, "  expected requests: 0 (answered from the cached scan of every %s row, each term checked by SQLite; the SOQL runs only if that scan has expired)\n", p.Table)
		return
	}
	if p.Counted {
		fmt.Fprintln(s.out, "  expected requests: 1 (SQLite reads no value of this scan: the COUNT() answers it)")
		return
	}
	if p.CountSOQL == "" {
		return
	}
	batch := max(s.cfg.Connection.BatchSize, 200)
	rows, pages, err := s.engine().Count(ctx, p, batch)
	if err != nil {
		fmt.Fprintf(s.out, "  expected requests: unknown (%s)\n", oneLine(err.Error()))
		return
	}
	fmt.Fprintf(s.out, "  expected requests: %d (%d rows in pages of %d; counted with 1 COUNT() request)\n", pages, rows, batch)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
