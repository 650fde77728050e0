package vtab

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/sfsql/sfsql/salesforce"
)

// The members are the orgs a session reads: every table is the union of
// their rows, each row carrying its org in the connection, org_id and
// org_name columns (union.go). Each member keeps its own state — tables,
// describes, object list, scan cache — so rows of different orgs never mix.

// AddOrg makes an org a member of the session under a connection name;
// orgID, when known (a saved connection has it), lets org_id = '…' prune
// it without asking the org who it is. A name already a member is
// replaced, with fresh state.
func (e *Engine) AddOrg(name string, c *salesforce.Client, orgID string) {
	o := newOrg(e, name, c)
	o.knownID = orgID
	e.mu.Lock()
	defer e.mu.Unlock()
	e.orgs[name] = o
	if e.implicit { // the environment's org gives way to the first one chosen
		e.members, e.implicit = nil, false
	}
	kept := e.members[:0]
	for _, m := range e.members {
		if m.name != name {
			kept = append(kept, m)
		}
	}
	e.members = append(kept, o)
	e.current = e.members[0]
	e.unions = nil
}

// RemoveOrg drops an org from the session: sfsql_disconnect('NAME').
func (e *Engine) RemoveOrg(name string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, m := range e.members {
		if m.name != name {
			continue
		}
		if len(e.members) == 1 {
			return fmt.Errorf("sfsql_disconnect: %s is the only org of this session; connect another first", name)
		}
		e.members = append(e.members[:i:i], e.members[i+1:]...)
		e.current = e.members[0]
		e.unions = nil
		return nil
	}
	return fmt.Errorf("sfsql_disconnect: %s is not connected (connected: %s)", name, strings.Join(e.memberNamesLocked(), ", "))
}

// OrgNames are the session's orgs, in the order they joined.
func (e *Engine) OrgNames() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.memberNamesLocked()
}

func (e *Engine) memberNamesLocked() []string {
	var names []string
	for _, m := range e.members {
		names = append(names, m.name)
	}
	return names
}

func (e *Engine) memberList() []*org {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]*org(nil), e.members...)
}

// failed applies the session's policy to an org that failed: its error,
// naming the connection when the session has several orgs, or — with
// SkipFailed — a warning and nil, the other orgs going on.
func (e *Engine) failed(o *org, err error) error {
	if err == nil {
		return nil
	}
	if e.opts.SkipFailed && len(e.memberList()) > 1 {
		e.warnOnce(o.name, fmt.Sprintf("skipped connection %s: %s", o.name, oneLine(err.Error())))
		return nil
	}
	if len(e.memberList()) > 1 {
		return fmt.Errorf("connection %s: %w", o.name, err)
	}
	return err
}

// warnOnce reports a skipped org once per statement.
func (e *Engine) warnOnce(key, msg string) {
	e.mu.Lock()
	if e.warned == nil {
		e.warned = map[string]bool{}
	}
	seen := e.warned[key]
	e.warned[key] = true
	e.mu.Unlock()
	if !seen && e.opts.Warn != nil {
		e.opts.Warn(msg)
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// eachOrg runs f for every member at once (at most maxOrgsAtOnce at a
// time) and returns their errors in member order.
func eachOrg(members []*org, f func(o *org) error) []error {
	errs := make([]error, len(members))
	sem := make(chan struct{}, maxOrgsAtOnce)
	var wg sync.WaitGroup
	for i, o := range members {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = f(o)
		}()
	}
	wg.Wait()
	return errs
}

// maxOrgsAtOnce bounds the orgs a statement talks to concurrently.
const maxOrgsAtOnce = 8

// discoverAll lists the objects of every member, at once; the names are
// their union.
func (e *Engine) discoverAll(ctx context.Context) ([]string, error) {
	members := e.memberList()
	lists := make([][]string, len(members))
	errs := eachOrg(members, func(o *org) error {
		names, err := o.discover(ctx)
		lists[indexOf(members, o)] = names
		return err
	})
	seen := map[string]bool{}
	var names []string
	for i, o := range members {
		if err := e.failed(o, errs[i]); err != nil {
			return nil, err
		}
		for _, n := range lists[i] {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	sort.Strings(names)
	return names, nil
}

func indexOf(members []*org, o *org) int {
	for i, m := range members {
		if m == o {
			return i
		}
	}
	return -1
}

// identity is who the org is; known IDs need no request.
func (o *org) identity(ctx context.Context) (*salesforce.Organization, error) {
	o.mu.Lock()
	if o.ident != nil {
		defer o.mu.Unlock()
		return o.ident, nil
	}
	o.mu.Unlock()
	id, err := o.client.Organization(ctx)
	if err != nil {
		return nil, fmt.Errorf("who the org is: %w", err)
	}
	o.mu.Lock()
	o.ident = id
	o.mu.Unlock()
	return id, nil
}

// orgID is the org's Id: known from the connection, else asked once.
func (o *org) orgID(ctx context.Context) (string, error) {
	if o.knownID != "" {
		return o.knownID, nil
	}
	id, err := o.identity(ctx)
	if err != nil {
		return "", err
	}
	return id.ID, nil
}
