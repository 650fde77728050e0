// Package connect turns what a user configured — the demo org, an access
// token, a saved connection — into a Salesforce client. The CLI and the
// loadable extension resolve connections the same way through it.
package connect

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/salesforce"
)

// Options say what to connect to and how the client behaves.
type Options struct {
	Demo        bool
	InstanceURL string // with AccessToken: a static token
	AccessToken string
	Name        string // a saved connection; "" falls through to env and the default
	Getenv      func(string) string
	Client      salesforce.Config // API version, batch size, budget, trace
	// DemoOrg provides the embedded org; nil starts a new one each time.
	DemoOrg func() (*fakeorg.Server, error)
	// Warnings hears what does not stop the work (a token that could not
	// be saved); nil is stderr.
	Warnings io.Writer
}

// Org is a resolved connection.
type Org struct {
	Client      *salesforce.Client
	Name        string
	InstanceURL string
	OrgID       string // when the connection knows it (saved connections, the demo)
	demo        *fakeorg.Server
	ownsDemo    bool
}

// Close stops a demo org this connection started.
func (o *Org) Close() {
	if o.demo != nil && o.ownsDemo {
		o.demo.Close()
	}
}

// ErrNone means nothing is configured.
var ErrNone = errors.New("no org to query: use --demo, log in once with sfsql login, or give --instance-url and --access-token (or SFSQL_INSTANCE_URL and SFSQL_ACCESS_TOKEN)")

// Open resolves, in this order: the demo org; an explicit instance URL and
// access token; a named connection (or SFSQL_CONNECTION); SFSQL_INSTANCE_URL
// and SFSQL_ACCESS_TOKEN; the default saved connection.
func Open(o Options) (*Org, error) {
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	if o.Client.CacheDir == "" {
		o.Client.CacheDir = CacheDir(o.Getenv)
	}
	switch {
	case o.Demo || o.Getenv("SFSQL_DEMO") == "1" && o.Name == "" && o.InstanceURL == "":
		return demo(o)
	case o.InstanceURL != "" || o.AccessToken != "":
		return static(o, o.InstanceURL, o.AccessToken)
	}
	if name := cmp.Or(o.Name, o.Getenv("SFSQL_CONNECTION")); name != "" {
		return Saved(o, name)
	}
	if instance, token := o.Getenv("SFSQL_INSTANCE_URL"), o.Getenv("SFSQL_ACCESS_TOKEN"); instance != "" || token != "" {
		return static(o, instance, token)
	}
	return Saved(o, "")
}

func demo(o Options) (*Org, error) {
	get, owns := o.DemoOrg, false
	if get == nil {
		get, owns = StartDemo, true
	}
	srv, err := get()
	if err != nil {
		return nil, err
	}
	return demoOrg(o, "demo", srv, owns), nil
}

func demoOrg(o Options, name string, srv *fakeorg.Server, owns bool) *Org {
	cfg := o.Client
	cfg.Tokens, cfg.CacheDir = auth.Static(srv.Token, srv.URL), ""
	return &Org{Client: salesforce.New(cfg), Name: name, InstanceURL: srv.URL, OrgID: srv.OrgID(), demo: srv, ownsDemo: owns}
}

// ExtraDemo starts the nth further demo org (n ≥ 2), seeded apart from the
// first: a smaller sandbox of another company, with an Id of its own.
func ExtraDemo(o Options, n int) (*Org, error) {
	org, err := fakeorg.New()
	if err != nil {
		return nil, err
	}
	fakeorg.Seed(org, fakeorg.SeedOptions{Now: time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -2), Users: 600 + 150*n, Seed: uint64(n),
		OrgNumber: n, OrgName: fmt.Sprintf("Globex %d (demo sandbox)", n), Sandbox: true})
	return demoOrg(o, fmt.Sprintf("demo%d", n), org.Start(), true), nil
}

// StartDemo starts the embedded demo org on loopback, seeded as of now.
func StartDemo() (*fakeorg.Server, error) {
	org, err := fakeorg.New()
	if err != nil {
		return nil, err
	}
	// Seeded as of the start of the day, so two runs on one day see the same org.
	// The seed ends two days ago, before the demo's first snapshot (48
	// hours ago): the history it records comes after everything seeded.
	fakeorg.Seed(org, fakeorg.SeedOptions{Now: time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -2)})
	return org.Start(), nil
}

func static(o Options, instance, token string) (*Org, error) {
	if instance == "" || token == "" {
		return nil, errors.New("an access token needs its instance URL: give both --instance-url and --access-token (or SFSQL_INSTANCE_URL and SFSQL_ACCESS_TOKEN)")
	}
	cfg := o.Client
	cfg.Tokens = auth.Static(token, instance)
	return &Org{Client: salesforce.New(cfg), Name: "access token", InstanceURL: instance}, nil
}

// Saved opens a saved connection by name, or the default one.
func Saved(o Options, name string) (*Org, error) {
	dir, err := auth.ConfigDir(o.Getenv)
	if err != nil {
		return nil, err
	}
	store := &auth.Store{Dir: dir}
	var c *auth.Connection
	if name != "" {
		c, err = store.Get(name)
	} else if c, err = store.Default(); err == nil && c == nil {
		err = ErrNone
	}
	if err != nil {
		return nil, err
	}
	tokens, err := auth.Open(store, c)
	if err != nil {
		return nil, err
	}
	tokens.Warnings = o.Warnings
	cfg := o.Client
	cfg.Tokens = tokens
	return &Org{Client: salesforce.New(cfg), Name: c.Name, InstanceURL: c.InstanceURL, OrgID: c.OrgID}, nil
}

// Enabled lists the saved connections a run over every org uses, and the
// disabled ones it leaves out.
func Enabled(getenv func(string) string) (enabled, disabled []string, err error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	dir, err := auth.ConfigDir(getenv)
	if err != nil {
		return nil, nil, err
	}
	list, _, err := (&auth.Store{Dir: dir}).List()
	if err != nil {
		return nil, nil, err
	}
	for _, c := range list {
		if c.Disabled {
			disabled = append(disabled, c.Name)
		} else {
			enabled = append(enabled, c.Name)
		}
	}
	if len(enabled) == 0 {
		return nil, disabled, errors.New("--all: no enabled saved connection (sfsql login saves one; sfsql connections lists them)")
	}
	return enabled, disabled, nil
}

// CacheDir is where describes are cached: $SFSQL_CACHE_DIR, else the XDG
// cache directory.
func CacheDir(getenv func(string) string) string {
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

// DemoServer is the embedded demo org behind this connection, or nil.
func (o *Org) DemoServer() *fakeorg.Server { return o.demo }
