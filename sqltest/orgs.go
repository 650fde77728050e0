package sqltest

import (
	"context"
	"testing"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/session"
	"github.com/sfsql/sfsql/vtab"
)

// NamedOrg is one org of a several-org harness.
type NamedOrg struct {
	Name string
	Srv  *fakeorg.Server
	// KnownID: the connection knows the org's Id (a saved connection
	// does), so org_id = '…' needs no request to learn it.
	KnownID bool
}

// OrgsOptions tune a several-org harness.
type OrgsOptions struct {
	Options
	SkipFailed bool
}

// OpenOrgs connects SQLite to several fake orgs at once: every table is
// the union of their rows. Warnings collect in Harness.Warnings.
func OpenOrgs(tb testing.TB, orgs []NamedOrg, opt OrgsOptions) *Harness {
	tb.Helper()
	h, err := OpenOrgsHarness(orgs, opt)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(h.Close)
	return h
}

// OpenOrgsHarness is OpenOrgs outside a test (benchmarks).
func OpenOrgsHarness(orgs []NamedOrg, opt OrgsOptions) (*Harness, error) {
	h := &Harness{Org: orgs[0].Srv, Client: clientFor(orgs[0].Srv, nil, opt.Backoff, opt.Budget)}
	var more []session.Member
	for _, o := range orgs[1:] {
		more = append(more, session.Member{Name: o.Name, Client: clientFor(o.Srv, nil, opt.Backoff, opt.Budget), OrgID: knownID(o)})
	}
	s, err := session.Open(context.Background(), session.Options{Client: h.Client, OrgName: orgs[0].Name, OrgID: knownID(orgs[0]),
		More: more, SkipFailed: opt.SkipFailed, Warn: func(msg string) { h.Warnings = append(h.Warnings, msg) },
		CacheTTL: opt.CacheTTL, Parallel: opt.Parallel})
	if err != nil {
		return nil, err
	}
	h.Session, h.Engine, h.DB, h.Conn = s, s.Engine, s.DB, s.Conn
	h.Engine.Observe(vtab.Observer{Scan: func(q string) { h.SOQL = append(h.SOQL, q) }})
	return h, nil
}

func knownID(o NamedOrg) string {
	if o.KnownID {
		return o.Srv.OrgID()
	}
	return ""
}
