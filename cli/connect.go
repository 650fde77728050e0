package cli

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/salesforce"
	"github.com/sfsql/sfsql/shell"
)

// connection is what a run talks to: a client, and the demo org when one
// was started.
type connection struct {
	client   *salesforce.Client
	demo     *fakeorg.Server
	name     string
	instance string
	cacheTTL time.Duration
}

func (c *connection) info(f *flags) shell.Connection {
	return shell.Connection{Name: c.name, InstanceURL: c.instance, APIVersion: f.apiVersion, BatchSize: f.batchSize}
}

func (c *connection) close() {
	if c.demo != nil {
		c.demo.Close()
	}
}

var errNoConnection = errors.New("no org to query: use --demo, or --instance-url and --access-token (or SFSQL_INSTANCE_URL and SFSQL_ACCESS_TOKEN)")

// connect starts the demo org or reads the instance URL and access token
// from flags, then the environment.
func connect(f *flags, getenv func(string) string) (*connection, error) {
	cfg := salesforce.Config{APIVersion: f.apiVersion, BatchSize: f.batchSize, CacheDir: cacheDir(getenv), Budget: f.budget}
	if f.demo {
		org, err := fakeorg.New()
		if err != nil {
			return nil, err
		}
		fakeorg.Seed(org, fakeorg.SeedOptions{Now: time.Now()})
		srv := org.Start()
		cfg.Tokens, cfg.CacheDir = auth.Static(srv.Token, srv.URL), ""
		return &connection{client: salesforce.New(cfg), demo: srv, name: "demo", instance: srv.URL, cacheTTL: f.cacheTTL}, nil
	}
	instance := firstNonEmpty(f.instanceURL, getenv("SFSQL_INSTANCE_URL"))
	token := firstNonEmpty(f.accessToken, getenv("SFSQL_ACCESS_TOKEN"))
	if instance == "" || token == "" {
		return nil, errNoConnection
	}
	cfg.Tokens = auth.Static(token, instance)
	return &connection{client: salesforce.New(cfg), name: "access token", instance: instance, cacheTTL: f.cacheTTL}, nil
}

// cacheDir is where describes are cached: $SFSQL_CACHE_DIR, else the XDG
// cache directory.
func cacheDir(getenv func(string) string) string {
	if d := getenv("SFSQL_CACHE_DIR"); d != "" {
		return d
	}
	if d := getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "sfsql")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".cache", "sfsql")
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
