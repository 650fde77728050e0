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
	code string
	err  error
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
	srv := &http.Server{Handler: callbackHandler(state, results), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	authURL := cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))
	fmt.Fprintf(w.Out, "The connected app must list this callback URL: %s\n", cfg.RedirectURL)
	if err := w.Open(authURL); err != nil {
		return nil, err
	}
	timeout := w.Timeout
	if timeout == 0 {
		timeout = 5 * time.Minute
	}
	select {
	case cb := <-results:
		if cb.err != nil {
			return nil, cb.err
		}
		tok, err := cfg.Exchange(ctx, cb.code, oauth2.VerifierOption(verifier))
		if err != nil {
			return nil, fmt.Errorf("exchange the authorization code: %w", describeRetrieve(err))
		}
		return tok, nil
	case <-time.After(timeout):
		return nil, fmt.Errorf("no login within %s: the browser never came back to %s", timeout, cfg.RedirectURL)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func callbackHandler(state string, results chan<- callback) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(CallbackPath, func(rw http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var cb callback
		switch {
		case q.Get("error") != "":
			cb.err = fmt.Errorf("login refused: %s: %s", q.Get("error"), q.Get("error_description"))
		case q.Get("state") != state:
			cb.err = errors.New("login refused: the callback's state does not match this login (a forged or stale redirect)")
		case q.Get("code") == "":
			cb.err = errors.New("login refused: the callback carries no authorization code")
		default:
			cb.code = q.Get("code")
		}
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		if cb.err != nil {
			rw.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(rw, "<h1>sfsql: login failed</h1><p>%s</p>", html.EscapeString(cb.err.Error()))
		} else {
			fmt.Fprint(rw, "<h1>sfsql is connected</h1><p>You can close this tab.</p>")
		}
		select {
		case results <- cb:
		default:
		}
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
