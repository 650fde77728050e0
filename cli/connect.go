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

var errNoConnection = errors.New("no org to query: use --demo, log in once with sfsql login, or give --instance-url and --access-token (or SFSQL_INSTANCE_URL and SFSQL_ACCESS_TOKEN)")

// connect picks the org, in this order: --demo; --instance-url and
// --access-token; -C NAME or SFSQL_CONNECTION; SFSQL_INSTANCE_URL and
// SFSQL_ACCESS_TOKEN; the default saved connection.
func connect(f *flags, getenv func(string) string) (*connection, error) {
	cfg := salesforce.Config{APIVersion: f.apiVersion, BatchSize: f.batchSize, CacheDir: cacheDir(getenv), Budget: f.budget, Trace: f.trace}
	if f.demo {
		return demo(f, cfg)
	}
	if f.instanceURL != "" || f.accessToken != "" {
		return static(f, cfg, f.instanceURL, f.accessToken)
	}
	if name := firstNonEmpty(f.connection, getenv("SFSQL_CONNECTION")); name != "" {
		return saved(f, cfg, getenv, name)
	}
	if instance, token := getenv("SFSQL_INSTANCE_URL"), getenv("SFSQL_ACCESS_TOKEN"); instance != "" || token != "" {
		return static(f, cfg, instance, token)
	}
	return saved(f, cfg, getenv, "")
}

func demo(f *flags, cfg salesforce.Config) (*connection, error) {
	org, err := fakeorg.New()
	if err != nil {
		return nil, err
	}
	fakeorg.Seed(org, fakeorg.SeedOptions{Now: time.Now()})
	srv := org.Start()
	cfg.Tokens, cfg.CacheDir = auth.Static(srv.Token, srv.URL), ""
	return &connection{client: salesforce.New(cfg), demo: srv, name: "demo", instance: srv.URL, cacheTTL: f.cacheTTL}, nil
}

func static(f *flags, cfg salesforce.Config, instance, token string) (*connection, error) {
	if instance == "" || token == "" {
		return nil, errors.New("an access token needs its instance URL: give both --instance-url and --access-token (or SFSQL_INSTANCE_URL and SFSQL_ACCESS_TOKEN)")
	}
	cfg.Tokens = auth.Static(token, instance)
	return &connection{client: salesforce.New(cfg), name: "access token", instance: instance, cacheTTL: f.cacheTTL}, nil
}

// saved opens a saved connection by name, or the default one.
func saved(f *flags, cfg salesforce.Config, getenv func(string) string, name string) (*connection, error) {
	store, err := openStore(getenv)
	if err != nil {
		return nil, err
	}
	var c *auth.Connection
	if name != "" {
		c, err = store.Get(name)
	} else if c, err = store.Default(); err == nil && c == nil {
		err = errNoConnection
	}
	if err != nil {
		return nil, err
	}
	tokens, err := auth.Open(store, c)
	if err != nil {
		return nil, err
	}
	cfg.Tokens = tokens
	return &connection{client: salesforce.New(cfg), name: c.Name, instance: c.InstanceURL, cacheTTL: f.cacheTTL}, nil
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
