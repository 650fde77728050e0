package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
)

// CallbackPath is the path of the loopback callback; the connected app must
// list http://localhost:PORT/OauthRedirect as a callback URL.
const CallbackPath = "/OauthRedirect"

// WebLogin is the web-server flow as a Salesforce admin sets it up: a
// connected app, its consumer key (and secret), a browser login.
type WebLogin struct {
	LoginURL     string // https://login.salesforce.com, test.salesforce.com or the My Domain URL
	ClientID     string
	ClientSecret string
	Port         int // loopback callback port (default 1717)
	// Open shows the authorize URL to the user: opens a browser, or prints
	// it (--no-browser). Tests play the browser here.
	Open    func(authorizeURL string) error
	Timeout time.Duration // how long to wait for the browser (default 5 minutes)
	Out     io.Writer     // where to say what is happening
}

// Config is the oauth2 configuration of the connected app.
func (w *WebLogin) Config() *oauth2.Config {
	base := strings.TrimRight(w.LoginURL, "/")
	return &oauth2.Config{
		ClientID: w.ClientID, ClientSecret: w.ClientSecret,
		Endpoint: oauth2.Endpoint{AuthURL: base + "/services/oauth2/authorize", TokenURL: base + "/services/oauth2/token",
			AuthStyle: oauth2.AuthStyleInParams},
		RedirectURL: fmt.Sprintf("http://localhost:%d%s", w.port(), CallbackPath),
		Scopes:      []string{"api", "refresh_token", "offline_access"},
	}
}

func (w *WebLogin) port() int {
	if w.Port == 0 {
		return 1717
	}
	return w.Port
}

// callback is what the loopback server received.
type callback struct {
	code  string
	err   error
	reply chan error // the outcome of the exchange, for the browser's page
}

// Run performs the login: PKCE (S256) and state, the loopback callback,
// the code exchange. The token carries instance_url, id and the refresh
// token.
func (w *WebLogin) Run(ctx context.Context) (*oauth2.Token, error) {
	cfg := w.Config()
	state, err := randomString(24)
	if err != nil {
		return nil, err
	}
	verifier := oauth2.GenerateVerifier()
	ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(w.port()))
	if err != nil {
		return nil, fmt.Errorf("cannot listen for the OAuth callback on port %d (use --port): %w", w.port(), err)
	}
	results := make(chan callback, 1)
	var ignored atomic.Int32
	srv := &http.Server{Handler: callbackHandler(state, results, &ignored), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer func() { // let the callback page finish telling the browser
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}()
	authURL := cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))
	fmt.Fprintf(w.Out, "The connected app must list this callback URL: %s\n", cfg.RedirectURL)
	// The browser opens on its own: the callback page waits for the code
	// exchange, so Run must not wait for Open (a test's Open follows the
	// redirects itself).
	opened := make(chan error, 1)
	go func() { opened <- w.Open(authURL) }()
	timeout := w.Timeout
	if timeout == 0 {
		timeout = 5 * time.Minute
	}
	deadline := time.After(timeout)
	for {
		select {
		case err := <-opened:
			if err != nil {
				return nil, err
			}
		case cb := <-results:
			return w.finish(ctx, cfg, verifier, cb)
		case <-deadline:
			why := "the browser never came back to " + cfg.RedirectURL
			if n := ignored.Load(); n > 0 {
				why = fmt.Sprintf("%d callbacks with a state not of this login were ignored", n)
			}
			return nil, fmt.Errorf("no login within %s: %s", timeout, why)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// finish exchanges the code and tells the waiting browser how it went.
func (w *WebLogin) finish(ctx context.Context, cfg *oauth2.Config, verifier string, cb callback) (*oauth2.Token, error) {
	if cb.err != nil {
		cb.reply <- cb.err
		return nil, cb.err
	}
	tok, err := cfg.Exchange(ctx, cb.code, oauth2.VerifierOption(verifier))
	if err != nil {
		err = fmt.Errorf("exchange the authorization code: %w", describeRetrieve(err))
	}
	cb.reply <- err // only now does the browser hear how it went
	return tok, err
}

// callbackHandler takes the authorization code to Run and tells the
// browser how the exchange went. A callback whose state is not this
// login's (forged, or a stale tab) is answered and ignored: it cannot
// abort the login in progress.
func callbackHandler(state string, results chan<- callback, ignored *atomic.Int32) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(CallbackPath, func(rw http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		if q.Get("state") != state {
			ignored.Add(1)
			rw.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(rw, "<h1>sfsql: this callback is not for the login in progress</h1><p>It was ignored.</p>")
			return
		}
		cb := callback{reply: make(chan error, 1)}
		switch {
		case q.Get("error") != "":
			cb.err = fmt.Errorf("login refused: %s: %s", q.Get("error"), q.Get("error_description"))
		case q.Get("code") == "":
			cb.err = errors.New("login refused: the callback carries no authorization code")
		default:
			cb.code = q.Get("code")
		}
		select {
		case results <- cb:
		default:
			rw.WriteHeader(http.StatusConflict)
			fmt.Fprint(rw, "<h1>sfsql: a login is already being completed</h1>")
			return
		}
		var err error
		select {
		case err = <-cb.reply:
		case <-time.After(time.Minute):
			err = errors.New("sfsql did not finish the login")
		}
		if err != nil {
			rw.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(rw, "<h1>sfsql: login failed</h1><p>%s</p>", html.EscapeString(err.Error()))
			return
		}
		fmt.Fprint(rw, "<h1>sfsql is connected</h1><p>You can close this tab.</p>")
	})
	return mux
}

func randomString(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

var oauthBodyRE = regexp.MustCompile(`\{"error".*\}`)

// describeRetrieve keeps the RFC fields of a token endpoint error, whether
// x/oauth2 parsed them (RetrieveError) or only quoted the body (jwt).
func describeRetrieve(err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.ErrorCode != "" {
		return fmt.Errorf("%s: %s", re.ErrorCode, re.ErrorDescription)
	}
	var body struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if m := oauthBodyRE.FindString(err.Error()); m != "" && json.Unmarshal([]byte(m), &body) == nil && body.Error != "" {
		return fmt.Errorf("%s: %s", body.Error, body.Description)
	}
	return err
}
