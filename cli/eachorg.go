package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"

	checkreport "github.com/sfsql/sfsql/report"
)

// runEachOrg runs snapshot, check or watch over every org of the run:
// each org on a session of its own (a rule reads one org's rows), all in
// the one store, one org after the other (watch: one loop, each round
// every org).
func runEachOrg(ctx context.Context, f *flags, io IO) error {
	if (f.verb == "findings" || f.verb == "changes") && !slices.Contains([]string{"table", "markdown", "line"}, f.format) {
		return fmt.Errorf("sfsql %s over several orgs: --format table, markdown or line (a list per org); run it per connection for %s", f.verb, f.format)
	}
	if f.verb == "check" && !slices.Contains([]string{"table", "markdown", "line", "json", "sarif"}, f.format) {
		return fmt.Errorf("sfsql check over several orgs: --format table, markdown or line (a report per org), json or sarif (one document); run it per connection for %s", f.format)
	}
	orgs, err := orgWorkspaces(ctx, f, io)
	defer func() {
		for _, w := range orgs {
			w.close()
		}
	}()
	if err != nil {
		return err
	}
	switch f.verb {
	case "watch":
		return watchLoop(ctx, orgs[0], orgs)
	case "snapshot":
		return eachSnapshot(ctx, orgs)
	case "check":
		return eachCheck(ctx, orgs)
	case "findings", "changes":
		return eachQuery(ctx, orgs)
	}
	return fmt.Errorf("sfsql %s works on one org: give one connection", f.verb)
}

// orgWorkspaces opens a workspace per org: the first as a one-org run
// would (its store, the demo's history), the others on that store.
func orgWorkspaces(ctx context.Context, f *flags, io IO) ([]*workspace, error) {
	names, err := orgNames(f, io)
	if err != nil {
		return nil, err
	}
	one := *f
	one.orgs = orgs{skipFailed: f.skipFailed}
	if len(names) > 0 {
		one.connection, names = names[0], names[1:]
	}
	first, err := openWorkspace(ctx, &one, io, false)
	if err != nil {
		return nil, err
	}
	out := []*workspace{first}
	more, err := resolveMore(f, io, names)
	for _, c := range more {
		g := one
		g.demo, g.connection, g.store = false, c.Name, first.store.Path
		w, werr := openWorkspaceOn(ctx, &g, io, c)
		if werr != nil {
			c.close()
			return out, fmt.Errorf("connection %s: %w", c.Name, werr)
		}
		out = append(out, w)
	}
	return out, err
}

// openWorkspaceOn is openWorkspace on a connection already resolved.
func openWorkspaceOn(ctx context.Context, f *flags, io IO, c *connection) (*workspace, error) {
	w := &workspace{f: f, io: io, conn: c}
	w.cleanup = append(w.cleanup, c.close)
	if err := w.open(ctx); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

func eachSnapshot(ctx context.Context, orgs []*workspace) error {
	var failed []error
	for _, w := range orgs {
		fmt.Fprintf(w.io.Stdout, "%s: ", w.conn.Name)
		if err := w.runSnapshot(ctx); err != nil {
			fmt.Fprintln(w.io.Stdout, "failed")
			failed = append(failed, fmt.Errorf("connection %s: %w", w.conn.Name, err))
		}
	}
	return errors.Join(failed...)
}

// eachCheck reports each org under a heading, or all of them in one json
// or sarif document; the exit status is the worst of them (a rule that
// could not run over a finding).
func eachCheck(ctx context.Context, orgs []*workspace) error {
	if f := orgs[0].f; slices.Contains(checkreport.ManyFormats, f.format) {
		return checkOneDocument(ctx, orgs)
	}
	return underHeadings(ctx, orgs, func(w *workspace) error { return w.runCheck(ctx) })
}

// checkOneDocument writes every org's results as one json or sarif document.
func checkOneDocument(ctx context.Context, orgs []*workspace) error {
	var reports []checkreport.OrgReport
	var worst error
	for _, w := range orgs {
		rep, err := w.evaluate(ctx)
		if err != nil {
			return fmt.Errorf("connection %s: %w", w.conn.Name, err)
		}
		reports = append(reports, rep)
		worst = worse(worst, w.verdict(rep.Results))
	}
	if err := checkreport.WriteMany(orgs[0].io.Stdout, orgs[0].f.format, reports); err != nil {
		return err
	}
	return worst
}

// eachQuery prints findings or changes of each org under a heading.
func eachQuery(ctx context.Context, orgs []*workspace) error {
	return underHeadings(ctx, orgs, func(w *workspace) error {
		sh, err := w.shell()
		if err != nil {
			return err
		}
		defer sh.Close()
		return w.runVerb(ctx, sh)
	})
}

// underHeadings runs a verb on each org after a heading naming it. A
// check's verdict (findings, a rule that could not run) lets the others
// run and the worst is returned; any other error stops, naming the org.
func underHeadings(ctx context.Context, orgs []*workspace, run func(w *workspace) error) error {
	var worst error
	for i, w := range orgs {
		if i > 0 {
			fmt.Fprintln(w.io.Stdout)
		}
		org, err := w.identify(ctx)
		if err != nil {
			return fmt.Errorf("connection %s: %w", w.conn.Name, err)
		}
		fmt.Fprintln(w.io.Stdout, orgHeading(w, org.OrgName, org.ID))
		err = run(w)
		switch {
		case errors.Is(err, errRuleError) || errors.Is(err, errFindings):
			worst = worse(worst, err)
		case err != nil:
			return fmt.Errorf("connection %s: %w", w.conn.Name, err)
		}
	}
	return worst
}

// worse is the worse of two verdicts: a rule that could not run over a
// finding over none.
func worse(worst, verdict error) error {
	if verdict == nil || worst != nil && !errors.Is(verdict, errRuleError) {
		return worst
	}
	return verdict
}

func orgHeading(w *workspace, name, id string) string {
	if w.f.format == "markdown" {
		return fmt.Sprintf("## %s: %s (%s)\n", w.conn.Name, name, id)
	}
	return fmt.Sprintf("== %s: %s (%s) ==", w.conn.Name, name, id)
}
