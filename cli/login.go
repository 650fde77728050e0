package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/sfsql/sfsql/auth"
)

type loginFlags struct {
	name, instanceURL, loginURL, clientID, clientSecret string
	username, key, sfOrg                                string
	jwt, clientCredentials, noBrowser                   bool
	port                                                int
	timeout                                             time.Duration
}

func parseLogin(args []string, stderr io.Writer, getenv func(string) string) (*loginFlags, error) {
	f := &loginFlags{}
	fs := flag.NewFlagSet("sfsql login", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.name, "name", "default", "name of the connection")
	fs.StringVar(&f.instanceURL, "instance-url", "", "the org's My Domain URL, e.g. https://acme.my.salesforce.com")
	fs.StringVar(&f.loginURL, "login-url", "", "where to log in (default: the instance URL, else https://login.salesforce.com)")
	fs.StringVar(&f.clientID, "client-id", "", "the connected app's consumer key")
	fs.StringVar(&f.clientSecret, "client-secret", "", "the connected app's consumer secret (visible to ps: prefer SFSQL_CLIENT_SECRET or --client-secret-file)")
	secretFile := fs.String("client-secret-file", "", "read the consumer secret from this file")
	fs.BoolVar(&f.noBrowser, "no-browser", false, "print the login URL instead of opening a browser")
	fs.IntVar(&f.port, "port", 1717, "port of the loopback callback http://localhost:PORT/OauthRedirect")
	fs.DurationVar(&f.timeout, "timeout", 5*time.Minute, "how long to wait for the browser login")
	fs.BoolVar(&f.jwt, "jwt", false, "JWT bearer flow (needs --client-id, --username, --key; posts to --instance-url when given)")
	fs.StringVar(&f.username, "username", "", "user the JWT bearer flow logs in as")
	fs.StringVar(&f.key, "key", "", "private key (PEM) of the connected app's certificate, for --jwt")
	fs.BoolVar(&f.clientCredentials, "client-credentials", false, "client credentials flow (needs --instance-url, --client-id, --client-secret)")
	fs.StringVar(&f.sfOrg, "sf-org", "", "reuse this Salesforce CLI login (sf org display)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("login: unexpected argument %q", fs.Arg(0))
	}
	if err := f.secretFrom(*secretFile, getenv); err != nil {
		return nil, err
	}
	return f, auth.ValidName(f.name)
}

// secretFrom takes the consumer secret from --client-secret-file or
// SFSQL_CLIENT_SECRET when the flag is not given: a flag is visible in
// the process list for the whole browser login.
func (f *loginFlags) secretFrom(file string, getenv func(string) string) error {
	switch {
	case f.clientSecret != "":
	case file != "":
		data, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("--client-secret-file: %w", err)
		}
		f.clientSecret = strings.TrimSpace(string(data))
	default:
		f.clientSecret = getenv("SFSQL_CLIENT_SECRET")
	}
	return nil
}

func need(flagName, value, flow string) error {
	if value == "" {
		return fmt.Errorf("login %s needs --%s", flow, flagName)
	}
	return nil
}

// login runs one of the flows and saves the connection.
func login(ctx context.Context, args []string, io IO) error {
	f, err := parseLogin(args, io.Stderr, io.Getenv)
	if err != nil {
		return err
	}
	store, err := openStore(io.Getenv)
	if err != nil {
		return err
	}
	conn, sec, tok, err := runFlow(ctx, f, io)
	if err != nil {
		return err
	}
	sec.AccessToken = tok.AccessToken
	sec.InstanceURL = auth.InstanceURL(tok)
	conn.InstanceURL = cmp.Or(auth.InstanceURL(tok), conn.InstanceURL)
	if id, err := auth.WhoAmI(ctx, tok, tok.AccessToken); err == nil {
		conn.Username, conn.UserID, conn.OrgID = cmp.Or(id.Username, conn.Username), id.UserID, id.OrganizationID
	}
	if err := store.Save(conn, sec); err != nil {
		return fmt.Errorf("save connection: %w", err)
	}
	fmt.Fprintf(io.Stdout, "Connected %s: %s (org %s) at %s, by %s.\n", conn.Name, conn.Username, conn.OrgID, conn.InstanceURL, conn.Method)
	return nil
}

func runFlow(ctx context.Context, f *loginFlags, io IO) (*auth.Connection, *auth.Secrets, *oauth2.Token, error) {
	conn := &auth.Connection{Name: f.name, ClientID: f.clientID, InstanceURL: f.instanceURL}
	sec := &auth.Secrets{ClientSecret: f.clientSecret}
	var tok *oauth2.Token
	var err error
	switch {
	case f.sfOrg != "":
		conn.Method, conn.SFOrg = auth.MethodSFCLI, f.sfOrg
		var org *auth.SFOrg
		if org, err = auth.DisplaySFOrg(ctx, f.sfOrg); err == nil {
			conn.Username, conn.OrgID, conn.InstanceURL = org.Username, org.ID, org.InstanceURL
			tok = auth.WithInstanceURL(&oauth2.Token{AccessToken: org.AccessToken}, org.InstanceURL)
		}
	case f.jwt:
		if err = errors.Join(need("client-id", f.clientID, "--jwt"), need("username", f.username, "--jwt"), need("key", f.key, "--jwt")); err != nil {
			return nil, nil, nil, err
		}
		var key string
		if key, err = filepath.Abs(f.key); err != nil { // renewal may run from another directory
			return nil, nil, nil, err
		}
		conn.Method, conn.Username, conn.KeyFile = auth.MethodJWT, f.username, key
		conn.LoginURL, conn.Audience = jwtEndpoints(f.instanceURL, f.loginURL)
		var g *auth.Regrant
		if g, err = auth.JWTBearer(conn.LoginURL, cmp.Or(conn.Audience, conn.LoginURL), f.clientID, f.username, key); err == nil {
			tok, err = g.Token()
		}
	case f.clientCredentials:
		if err = errors.Join(need("instance-url", f.instanceURL, "--client-credentials"), need("client-id", f.clientID, "--client-credentials"),
			need("client-secret", f.clientSecret, "--client-credentials")); err != nil {
			return nil, nil, nil, err
		}
		conn.Method = auth.MethodClientCredentials
		tok, err = auth.ClientCredentials(f.instanceURL, f.clientID, f.clientSecret).Token()
	default:
		if err = need("client-id", f.clientID, "(web server flow)"); err != nil {
			return nil, nil, nil, err
		}
		conn.Method = auth.MethodWeb
		conn.LoginURL = cmp.Or(f.loginURL, f.instanceURL, "https://login.salesforce.com")
		tok, err = webLogin(ctx, f, conn.LoginURL, io)
		if tok != nil {
			sec.RefreshToken = tok.RefreshToken
		}
	}
	return conn, sec, tok, err
}

// jwtEndpoints: the assertion goes to the My Domain (--instance-url) when
// given, with aud the login host (--login-url, else test.salesforce.com for
// a sandbox's My Domain, else login.salesforce.com); without it, to the
// login URL, which is its own audience.
func jwtEndpoints(instanceURL, loginURL string) (tokenBase, audience string) {
	if instanceURL == "" {
		return cmp.Or(loginURL, "https://login.salesforce.com"), ""
	}
	if loginURL != "" {
		return instanceURL, loginURL
	}
	if u, err := url.Parse(instanceURL); err == nil && strings.HasSuffix(u.Hostname(), ".sandbox.my.salesforce.com") {
		return instanceURL, "https://test.salesforce.com"
	}
	return instanceURL, "https://login.salesforce.com"
}

func webLogin(ctx context.Context, f *loginFlags, loginURL string, io IO) (*oauth2.Token, error) {
	w := &auth.WebLogin{LoginURL: loginURL, ClientID: f.clientID, ClientSecret: f.clientSecret, Port: f.port, Timeout: f.timeout, Out: io.Stderr}
	w.Open = func(u string) error {
		if !f.noBrowser && io.OpenBrowser != nil && io.OpenBrowser(u) == nil {
			fmt.Fprintln(io.Stderr, "Log in in the browser window that opened.")
			return nil
		}
		fmt.Fprintf(io.Stderr, "Open this URL in a browser and log in:\n%s\n", u)
		return nil
	}
	tok, err := w.Run(ctx)
	if err != nil {
		return nil, err
	}
	if tok.RefreshToken == "" {
		return nil, errors.New("the org issued no refresh token: add the scope refresh_token (and offline_access) to the connected app")
	}
	return tok, nil
}

// OpenBrowser opens a URL with the desktop's browser.
func OpenBrowser(u string) error {
	name := "xdg-open"
	if runtime.GOOS == "darwin" {
		name = "open"
	}
	if _, err := exec.LookPath(name); err != nil {
		return err
	}
	return exec.Command(name, u).Start()
}
