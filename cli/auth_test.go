package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/sqltest"
)

// authEnv is a config directory, a fake org with connected apps, and a
// record of everything sfsql printed, to look for leaked secrets.
type authEnv struct {
	t       *testing.T
	org     *fakeorg.Server
	dir     string
	printed bytes.Buffer
	browser func(string) error
}

func newAuthEnv(t *testing.T) *authEnv {
	e := &authEnv{t: t, org: startOrg(t), dir: t.TempDir()}
	e.browser = followRedirects
	return e
}

// followRedirects plays the browser: it opens the authorize URL and
// follows the org's redirect to the loopback callback.
func followRedirects(u string) error {
	res, err := http.Get(u)
	if err != nil {
		return err
	}
	res.Body.Close()
	return nil
}

func (e *authEnv) getenv(k string) string {
	switch k {
	case "SFSQL_CONFIG_DIR":
		return filepath.Join(e.dir, "config")
	case "SFSQL_CACHE_DIR":
		return filepath.Join(e.dir, "cache")
	}
	return ""
}

func (e *authEnv) run(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, IO{Stdout: &out, Stderr: &errOut, Getenv: e.getenv, StdinIsTTY: true, OpenBrowser: e.browser})
	e.printed.WriteString(out.String() + errOut.String())
	return code, out.String(), errOut.String()
}

func (e *authEnv) mustRun(args ...string) string {
	e.t.Helper()
	code, out, errOut := e.run(args...)
	if code != 0 {
		e.t.Fatalf("sfsql %v: exit %d: %s", args, code, errOut)
	}
	return out
}

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func (e *authEnv) webLogin(name string, port int) {
	e.t.Helper()
	e.org.AddConnectedApp(fakeorg.ConnectedApp{ClientID: "web-key", ClientSecret: "web-secret-123",
		CallbackURLs: []string{fmt.Sprintf("http://localhost:%d/OauthRedirect", port)}})
	out := e.mustRun("login", "--name", name, "--instance-url", e.org.URL, "--client-id", "web-key", "--client-secret", "web-secret-123",
		"--port", fmt.Sprint(port), "--no-browser=false")
	if !strings.Contains(out, "Connected "+name+": ada.admin0@acme.example.com (org 00D") {
		e.t.Fatalf("login said %q", out)
	}
}

func TestAuth_WebServerFlowRefreshAndRevocation(t *testing.T) {
	e := newAuthEnv(t)
	e.webLogin("prod", freePort(t))
	if out := e.mustRun("-C", "prod", "--format", "csv", "-c", "select count(*) from salesforce_user"); out != "count(*)\n120\n" {
		t.Fatalf("query: %q", out)
	}
	// The access token expires: one refresh, then the query goes through.
	e.org.RevokeAll()
	grants := e.org.Counters.TokenGrants.Load()
	e.mustRun("-C", "prod", "-c", "select count(*) from salesforce_profile")
	if e.org.Counters.TokenGrants.Load() != grants+1 {
		t.Fatal("an expired access token was not refreshed exactly once")
	}
	// The default connection is used without -C; --verbose traces requests.
	e.org.RevokeAll()
	code, _, trace := e.run("--verbose", "-c", "select count(*) from salesforce_group")
	if code != 0 || !strings.Contains(trace, " -> 401 (") || !strings.Contains(trace, "sfsql: GET /services/data/v62.0/query?q=SELECT COUNT() FROM Group -> 200") {
		t.Fatalf("verbose trace: %q", trace)
	}
	out := e.mustRun("connections", "test", "prod")
	if !strings.HasPrefix(out, "prod works: user ada.admin0@acme.example.com, org 00D") || !strings.Contains(out, "API usage") {
		t.Fatalf("test: %q", out)
	}
	// Revoked refresh token: log in again, one line.
	sec, _ := (&auth.Store{Dir: e.getenv("SFSQL_CONFIG_DIR")}).Secrets("prod")
	e.org.RevokeRefreshToken(sec.RefreshToken)
	e.org.RevokeAll()
	code, _, errOut := e.run("-C", "prod", "-c", "select count(*) from salesforce_user")
	if code != 1 || !strings.Contains(errOut, "run sfsql login --name prod again") || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("revoked: exit %d %q", code, errOut)
	}
	e.checkNoLeaks()
}

func TestAuth_DisableEnableDefaultDelete(t *testing.T) {
	e := newAuthEnv(t)
	e.webLogin("prod", freePort(t))
	e.webLogin("dev", freePort(t))
	list := e.mustRun("connections")
	for _, want := range []string{"│ dev  │", "│ prod │", "web", "ada.admin0@acme.example.com"} {
		if !strings.Contains(list, want) {
			t.Fatalf("list lacks %q:\n%s", want, list)
		}
	}
	e.mustRun("connections", "disable", "prod")
	code, _, errOut := e.run("-C", "prod", "-c", "select 1")
	if code != 1 || !strings.Contains(errOut, "connection is disabled: prod (sfsql connections enable prod turns it back on)") {
		t.Fatalf("disabled: %d %q", code, errOut)
	}
	e.mustRun("connections", "enable", "prod")
	e.mustRun("-C", "prod", "-c", "select 1")
	e.mustRun("connections", "default", "dev")
	if !strings.Contains(e.mustRun("connections", "list"), "│ dev  │") {
		t.Fatal("list")
	}
	store := &auth.Store{Dir: e.getenv("SFSQL_CONFIG_DIR")}
	sec, _ := store.Secrets("dev")
	out := e.mustRun("connections", "delete", "dev")
	if !strings.Contains(out, "Deleted dev: token revoked, local secrets removed.") || e.org.RefreshTokenValid(sec.RefreshToken) {
		t.Fatalf("delete: %q, refresh token still valid: %v", out, e.org.RefreshTokenValid(sec.RefreshToken))
	}
	if _, err := os.Stat(filepath.Join(store.Dir, "secrets", "dev.json")); !os.IsNotExist(err) {
		t.Fatalf("secrets of a deleted connection remain: %v", err)
	}
	code, _, errOut = e.run("-C", "dev", "-c", "select 1")
	if code != 1 || !strings.Contains(errOut, `no such connection "dev"`) {
		t.Fatalf("deleted: %q", errOut)
	}
	// Revocation fails (the org is gone): say so, remove the secrets anyway.
	e.org.Close()
	code, _, errOut = e.run("connections", "delete", "prod")
	if code != 1 || !strings.Contains(errOut, "removed prod and its local secrets, but could not revoke its token") {
		t.Fatalf("delete offline: %d %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(store.Dir, "secrets", "prod.json")); !os.IsNotExist(err) {
		t.Fatal("secrets remain after a failed revocation")
	}
	e.checkNoLeaks()
}

func TestAuth_JWTBearerClientCredentialsAndSFCLI(t *testing.T) {
	e := newAuthEnv(t)
	keyFile := filepath.Join(e.dir, "server.key")
	e.jwtApp(keyFile)
	e.mustRun("login", "--name", "ci", "--jwt", "--client-id", "jwt-key", "--username", "ada.admin0@acme.example.com", "--key", keyFile, "--login-url", e.org.URL)
	e.org.RevokeAll() // a new assertion is signed on expiry
	if out := e.mustRun("-C", "ci", "--format", "csv", "--headers=false", "-c", "select count(*) from salesforce_profile"); out != "11\n" {
		t.Fatalf("jwt query %q", out)
	}
	badKey := filepath.Join(e.dir, "other.key")
	writeRSAKey(t, badKey)
	code, _, errOut := e.run("login", "--name", "bad", "--jwt", "--client-id", "jwt-key", "--username", "ada.admin0@acme.example.com", "--key", badKey, "--login-url", e.org.URL)
	if code != 1 || !strings.Contains(errOut, "invalid_grant: invalid assertion") {
		t.Fatalf("wrong key: %q", errOut)
	}

	e.org.AddConnectedApp(fakeorg.ConnectedApp{ClientID: "cc-key", ClientSecret: "cc-secret-456", RunAs: "ada.admin0@acme.example.com"})
	e.mustRun("login", "--name", "svc", "--client-credentials", "--instance-url", e.org.URL, "--client-id", "cc-key", "--client-secret", "cc-secret-456")
	e.org.RevokeAll()
	e.mustRun("-C", "svc", "-c", "select count(*) from salesforce_user")
	code, _, errOut = e.run("login", "--name", "svc2", "--client-credentials", "--instance-url", e.org.URL, "--client-id", "cc-key", "--client-secret", "wrong")
	if code != 1 || !strings.Contains(errOut, "invalid_client: invalid client credentials") {
		t.Fatalf("wrong secret: %q", errOut)
	}

	bin := t.TempDir()
	script := fmt.Sprintf("#!/bin/sh\necho '{\"status\":0,\"result\":{\"accessToken\":\"%s\",\"instanceUrl\":\"%s\",\"username\":\"ada.admin0@acme.example.com\",\"id\":\"%s\",\"alias\":\"my-alias\"}}'\n",
		e.org.IssueToken(), e.org.URL, e.org.OrgID())
	os.WriteFile(filepath.Join(bin, "sf"), []byte(script), 0o755)
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	e.mustRun("login", "--name", "dev", "--sf-org", "my-alias")
	e.mustRun("-C", "dev", "-c", "select count(*) from salesforce_user")
	if out := e.mustRun("connections", "delete", "dev"); !strings.Contains(out, "Deleted dev: token left to the sf CLI, which owns it, local secrets removed.") {
		t.Fatalf("deleting an sf CLI login said %q", out)
	}
	e.checkNoLeaks()
}

// checkNoLeaks looks for every token and secret the org knows in what
// sfsql printed and in every file it wrote, except its 0600 secret files.
func (e *authEnv) checkNoLeaks() {
	e.t.Helper()
	secrets := e.org.Secrets()
	secrets = append(secrets, "web-secret-123", "cc-secret-456")
	for _, s := range secrets {
		if strings.Contains(e.printed.String(), s) {
			e.t.Errorf("printed output contains a secret")
		}
	}
	filepath.WalkDir(e.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".key") {
			return err
		}
		data, _ := os.ReadFile(path)
		info, _ := d.Info()
		inSecrets := filepath.Base(filepath.Dir(path)) == "secrets"
		if inSecrets && info.Mode().Perm() != 0o600 {
			e.t.Errorf("%s has mode %v, want 0600", path, info.Mode().Perm())
		}
		for _, s := range secrets {
			if !inSecrets && bytes.Contains(data, []byte(s)) {
				e.t.Errorf("%s contains a secret", path)
			}
		}
		return nil
	})
}

// TestAuth_ConcurrentProcessesRefreshOnce starts several sfsql processes
// that all find the access token expired, with refresh token rotation on:
// the file lock makes one refresh, the others reuse its token, and the
// stored refresh token is the live one.
func TestAuth_ConcurrentProcessesRefreshOnce(t *testing.T) {
	e := newAuthEnv(t)
	port := freePort(t)
	e.webLogin("prod", port)
	e.org.AddConnectedApp(fakeorg.ConnectedApp{ClientID: "web-key", ClientSecret: "web-secret-123", RotateRefreshTokens: true,
		CallbackURLs: []string{fmt.Sprintf("http://localhost:%d/OauthRedirect", port)}})
	e.mustRun("-C", "prod", "-c", "select count(*) from salesforce_user") // warm the describe cache
	bin := sqltest.BuildSFSQL(t)
	e.org.RevokeAll()
	grants := e.org.Counters.TokenGrants.Load()
	const n = 6
	done := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() {
			cmd := exec.Command(bin, "-C", "prod", "-c", "select count(*) from salesforce_user")
			cmd.Env = append(os.Environ(), "SFSQL_CONFIG_DIR="+e.getenv("SFSQL_CONFIG_DIR"), "SFSQL_CACHE_DIR="+e.getenv("SFSQL_CACHE_DIR"))
			out, err := cmd.CombinedOutput()
			e.printed.Write(out)
			if err != nil {
				err = fmt.Errorf("%v: %s", err, out)
			}
			done <- err
		}()
	}
	for i := 0; i < n; i++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if got := e.org.Counters.TokenGrants.Load() - grants; got != 1 {
		t.Fatalf("%d processes made %d refreshes, want 1", n, got)
	}
	sec, err := (&auth.Store{Dir: e.getenv("SFSQL_CONFIG_DIR")}).Secrets("prod")
	if err != nil || !e.org.RefreshTokenValid(sec.RefreshToken) {
		t.Fatalf("stored refresh token: %v, valid %v", err, e.org.RefreshTokenValid(sec.RefreshToken))
	}
	e.checkNoLeaks()
}

func TestAuth_ShellSwitchesConnections(t *testing.T) {
	e := newAuthEnv(t)
	e.webLogin("prod", freePort(t))
	other := startOrgUsers(t, 33)
	other.AddConnectedApp(fakeorg.ConnectedApp{ClientID: "cc", ClientSecret: "cc-secret-456", RunAs: "ada.admin0@acme.example.com"})
	e.mustRun("login", "--name", "small", "--client-credentials", "--instance-url", other.URL, "--client-id", "cc", "--client-secret", "cc-secret-456")
	code, out, errOut := e.run("-C", "prod", "--format", "csv", "--headers=false", "-c",
		"select count(*) from salesforce_user;\n.connection small\nselect count(*) from salesforce_user;\n.connection nope")
	if !strings.HasPrefix(out, "120\nconnection: small\ninstance: "+other.URL) || !strings.HasSuffix(out, "\n33\n") {
		t.Fatalf("switch: %q", out)
	}
	if code != 1 || !strings.Contains(errOut, `no such connection "nope"`) {
		t.Fatalf("unknown connection: %d %q", code, errOut)
	}
}

// TestAuth_WatchStopsOnDisabledOrRevoked: a watch of a saved connection
// stops with exit status 1 when the connection is disabled, or when its
// refresh token is revoked.
func TestAuth_WatchStopsOnDisabledOrRevoked(t *testing.T) {
	e := newAuthEnv(t)
	e.webLogin("prod", freePort(t))
	store := filepath.Join(e.dir, "history.db")
	watch := func(after func()) (int, string) {
		var stderr bytes.Buffer
		done := make(chan int)
		go func() {
			done <- Main(context.Background(), []string{"-C", "prod", "--store", store, "watch", "--every", "20ms", "--tables", "user_login"},
				IO{Stdout: io.Discard, Stderr: &lockedWriter{&stderr}, Getenv: e.getenv})
		}()
		for !strings.Contains(syncRead(&stderr), "round 2") {
			time.Sleep(5 * time.Millisecond)
		}
		after()
		select {
		case code := <-done:
			return code, syncRead(&stderr)
		case <-time.After(10 * time.Second):
			t.Fatalf("the watch went on:\n%s", syncRead(&stderr))
		}
		return 0, ""
	}
	code, stderr := watch(func() { e.mustRun("connections", "disable", "prod") })
	if code != 1 || !strings.Contains(stderr, "connection prod was disabled: watch stopped") {
		t.Fatalf("disabled: exit %d\n%s", code, stderr)
	}
	e.mustRun("connections", "enable", "prod")
	code, stderr = watch(func() { e.org.RevokeEverything() })
	if code != 1 || !strings.Contains(stderr, "the refresh token was refused") || strings.Contains(stderr, "will retry") {
		t.Fatalf("revoked: exit %d\n%s", code, stderr)
	}
}

// TestAuth_JWTKeyIsSavedAbsolute: a --key given relative to the current
// directory still signs renewals from anywhere else.
func TestAuth_JWTKeyIsSavedAbsolute(t *testing.T) {
	e := newAuthEnv(t)
	work := filepath.Join(e.dir, "work")
	e.jwtApp(filepath.Join(work, "server.key"))
	t.Chdir(work)
	e.mustRun("login", "--name", "ci", "--jwt", "--client-id", "jwt-key", "--username", "ada.admin0@acme.example.com", "--key", "server.key", "--login-url", e.org.URL)
	t.Chdir(e.dir)
	e.org.RevokeAll() // the next statement needs a new assertion, signed with the key
	if out := e.mustRun("-C", "ci", "--format", "csv", "--headers=false", "-c", "select count(*) from salesforce_profile"); out != "11\n" {
		t.Fatalf("a renewal from another directory: %q", out)
	}
}

// TestAuth_JWTPostsToTheInstanceURL: --jwt with --instance-url posts the
// assertion to the My Domain (aud stays the login host), and so do its
// renewals.
func TestAuth_JWTPostsToTheInstanceURL(t *testing.T) {
	e := newAuthEnv(t)
	keyFile := filepath.Join(e.dir, "server.key")
	e.jwtApp(keyFile)
	e.mustRun("login", "--name", "ci", "--jwt", "--client-id", "jwt-key", "--username", "ada.admin0@acme.example.com", "--key", keyFile, "--instance-url", e.org.URL)
	e.org.RevokeAll()
	if out := e.mustRun("-C", "ci", "--format", "csv", "--headers=false", "-c", "select count(*) from salesforce_profile"); out != "11\n" {
		t.Fatalf("a renewal through the instance URL: %q", out)
	}
	saved, err := (&auth.Store{Dir: filepath.Join(e.dir, "config")}).Get("ci")
	if err != nil || saved.LoginURL != e.org.URL || saved.Audience != "https://login.salesforce.com" {
		t.Fatalf("saved %+v (%v)", saved, err)
	}
	for _, c := range []struct{ instance, login, token, aud string }{
		{"", "", "https://login.salesforce.com", ""},
		{"", "https://test.salesforce.com", "https://test.salesforce.com", ""},
		{"https://acme.my.salesforce.com", "", "https://acme.my.salesforce.com", "https://login.salesforce.com"},
		{"https://acme--uat.sandbox.my.salesforce.com", "", "https://acme--uat.sandbox.my.salesforce.com", "https://test.salesforce.com"},
		{"https://acme.my.salesforce.com", "https://acme.my.site.com/customers", "https://acme.my.salesforce.com", "https://acme.my.site.com/customers"},
	} {
		if token, aud := jwtEndpoints(c.instance, c.login); token != c.token || aud != c.aud {
			t.Errorf("jwtEndpoints(%q, %q) = %q, %q", c.instance, c.login, token, aud)
		}
	}
}

// TestAuth_ClientSecretFromEnvironmentOrFile: the consumer secret need not
// be a flag (visible to ps): SFSQL_CLIENT_SECRET or --client-secret-file.
func TestAuth_ClientSecretFromEnvironmentOrFile(t *testing.T) {
	e := newAuthEnv(t)
	e.org.AddConnectedApp(fakeorg.ConnectedApp{ClientID: "cc-key", ClientSecret: "cc-secret-456", RunAs: "ada.admin0@acme.example.com"})
	getenv := func(k string) string {
		if k == "SFSQL_CLIENT_SECRET" {
			return "cc-secret-456"
		}
		return e.getenv(k)
	}
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"login", "--name", "svc", "--client-credentials", "--instance-url", e.org.URL, "--client-id", "cc-key"},
		IO{Stdout: &out, Stderr: &errOut, Getenv: getenv})
	if code != 0 {
		t.Fatalf("secret from the environment: %s", errOut.String())
	}
	file := filepath.Join(e.dir, "secret.txt")
	os.WriteFile(file, []byte("cc-secret-456\n"), 0o600)
	e.mustRun("login", "--name", "svc2", "--client-credentials", "--instance-url", e.org.URL, "--client-id", "cc-key", "--client-secret-file", file)
	e.mustRun("-C", "svc2", "-c", "select count(*) from salesforce_user")
}

// jwtApp writes a new RSA key to path and registers a connected app
// ("jwt-key") with its certificate: the JWT bearer flow's setup.
func (e *authEnv) jwtApp(path string) {
	e.t.Helper()
	key := writeRSAKey(e.t, path)
	e.org.AddConnectedApp(fakeorg.ConnectedApp{ClientID: "jwt-key", Certificate: &key.PublicKey})
}

func writeRSAKey(t *testing.T, path string) *rsa.PrivateKey {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(path), 0o700)
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}), 0o600); err != nil {
		t.Fatal(err)
	}
	return key
}
