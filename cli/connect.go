package cli

import (
	"fmt"
	"time"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/connect"
	"github.com/sfsql/sfsql/salesforce"
	"github.com/sfsql/sfsql/shell"
)

// connection is what a run talks to.
type connection struct {
	*connect.Org
	cacheTTL time.Duration
	parallel int
	cacheMax int64
	bulkRows int
}

func (c *connection) info(f *flags) shell.Connection {
	return shell.Connection{Name: c.Name, InstanceURL: c.InstanceURL, APIVersion: f.apiVersion, BatchSize: f.batchSize}
}

func (c *connection) close() { c.Close() }

// resolve picks the org from the flags and the environment (see
// connect.Open for the order).
func resolve(f *flags, io IO) (*connection, error) {
	org, err := connect.Open(connectOptions(f, io))
	if err != nil {
		return nil, err
	}
	return f.wrap(org), nil
}

func connectOptions(f *flags, io IO) connect.Options {
	return connect.Options{
		Demo: f.demo, InstanceURL: f.instanceURL, AccessToken: f.accessToken, Name: f.connection, Getenv: io.Getenv, Warnings: io.Stderr,
		Client: salesforce.Config{APIVersion: f.apiVersion, BatchSize: f.batchSize, Budget: f.budget, Trace: f.trace,
			Timeout: f.timeout, InsecureHTTP: f.insecure},
	}
}

func (f *flags) wrap(org *connect.Org) *connection {
	return &connection{Org: org, cacheTTL: f.cacheTTL, parallel: f.parallel, cacheMax: int64(f.cacheMaxMB) << 20, bulkRows: bulkThreshold(f.bulkRows)}
}

// orgNames are the connections a run over several orgs reads, first to
// last: -C given again, every enabled one (--all; the disabled ones are
// said on stderr), or none (the demo orgs, or one org).
func orgNames(f *flags, io IO) ([]string, error) {
	if !f.all {
		if len(f.more) == 0 {
			return nil, nil
		}
		return append([]string{f.connection}, f.more...), nil
	}
	enabled, disabled, err := connect.Enabled(io.Getenv)
	for _, name := range disabled {
		fmt.Fprintf(io.Stderr, "sfsql: --all leaves out %s: the connection is disabled (sfsql connections enable %s)\n", name, name)
	}
	return enabled, err
}

// resolveMore opens the orgs after the first: saved connections by name,
// or the extra demo orgs.
func resolveMore(f *flags, io IO, names []string) ([]*connection, error) {
	var out []*connection
	for n := 2; n <= f.demoOrgs; n++ {
		org, err := connect.ExtraDemo(connectOptions(f, io), n)
		if err != nil {
			return out, err
		}
		out = append(out, f.wrap(org))
	}
	for _, name := range names {
		org, err := connect.Saved(connectOptions(f, io), name)
		if err != nil {
			return out, err
		}
		out = append(out, f.wrap(org))
	}
	return out, nil
}

// bulkThreshold is the engine's setting for --bulk-threshold (0: never).
func bulkThreshold(rows int) int {
	if rows == 0 {
		return -1
	}
	return rows
}

func openStore(getenv func(string) string) (*auth.Store, error) {
	dir, err := auth.ConfigDir(getenv)
	if err != nil {
		return nil, err
	}
	return &auth.Store{Dir: dir}, nil
}
