package cli

import (
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
	org, err := connect.Open(connect.Options{
		Demo: f.demo, InstanceURL: f.instanceURL, AccessToken: f.accessToken, Name: f.connection, Getenv: io.Getenv, Warnings: io.Stderr,
		Client: salesforce.Config{APIVersion: f.apiVersion, BatchSize: f.batchSize, Budget: f.budget, Trace: f.trace,
			Timeout: f.timeout, InsecureHTTP: f.insecure},
	})
	if err != nil {
		return nil, err
	}
	return &connection{Org: org, cacheTTL: f.cacheTTL, parallel: f.parallel, cacheMax: int64(f.cacheMaxMB) << 20, bulkRows: bulkThreshold(f.bulkRows)}, nil
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
