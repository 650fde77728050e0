// Package salesforce is the REST client sfsql reads an org with: queries
// with lazy paging, describe (cached on disk), limits, records by Id. It
// knows nothing of SQLite.
package salesforce

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"

	"github.com/sfsql/sfsql/auth"
)

// DefaultAPIVersion is the REST API version used unless configured.
const DefaultAPIVersion = "62.0"

// Config says how to reach an org.
type Config struct {
	Tokens      oauth2.TokenSource // must carry instance_url, or InstanceURL is set
	InstanceURL string
	APIVersion  string
	HTTPClient  *http.Client
	BatchSize   int               // Sforce-Query-Options batchSize (200–2000)
	Retries     int               // attempts after the first for idempotent calls (default 3)
	Backoff     time.Duration     // first retry delay, doubled each time (default 200ms)
	CacheDir    string            // describe cache; "" disables the disk cache
	CacheTTL    time.Duration     // describe cache lifetime (default 24h)
	Budget      int64             // maximum API requests for this client; 0 is unlimited
	MaxURLBytes int               // longer query URLs travel in a composite body (default 15000)
	Trace       func(line string) // --verbose: told each request's method, path and status
	// Timeout bounds each request, from sending it to the last byte of the
	// answer (default 60 s).
	Timeout time.Duration
	// MaxResponseBytes caps a response after decompression (default 256 MiB):
	// past it the request fails rather than memory growing without end.
	MaxResponseBytes int64
	// InsecureHTTP lets the token travel over plain http to a host other
	// than loopback (--insecure-http).
	InsecureHTTP bool
}

// Stats counts what the client asked of the org.
type Stats struct {
	Requests atomic.Int64 // HTTP requests sent, retries included
	Bytes    atomic.Int64 // response bytes on the wire
	APIUsed  atomic.Int64 // from Sforce-Limit-Info api-usage
	APIMax   atomic.Int64
}

// Client talks to one org.
type Client struct {
	cfg   Config
	http  *http.Client
	memo  memoCache
	Stats Stats
	// OnQuery, when set, is told each SOQL statement before it is sent.
	OnQuery func(soql string)
}

// New makes a client.
func New(cfg Config) *Client {
	if cfg.APIVersion == "" {
		cfg.APIVersion = DefaultAPIVersion
	}
	if cfg.Retries == 0 {
		cfg.Retries = 3
	}
	if cfg.Backoff == 0 {
		cfg.Backoff = 200 * time.Millisecond
	}
	if cfg.MaxURLBytes == 0 {
		cfg.MaxURLBytes = 15000
	}
	if cfg.CacheTTL == 0 {
		cfg.CacheTTL = 24 * time.Hour
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.MaxResponseBytes == 0 {
		cfg.MaxResponseBytes = 256 << 20
	}
	hc := &http.Client{Timeout: cfg.Timeout, Transport: &http.Transport{DisableCompression: true, Proxy: http.ProxyFromEnvironment}}
	if cfg.HTTPClient != nil {
		copied := *cfg.HTTPClient // a caller's client is not changed
		hc = &copied
	}
	hc.CheckRedirect = sameOriginAuth
	return &Client{cfg: cfg, http: hc}
}

// APIVersion is the REST API version in use.
func (c *Client) APIVersion() string { return c.cfg.APIVersion }

// InstanceURL is the org's base URL.
func (c *Client) InstanceURL() (string, error) {
	if c.cfg.InstanceURL != "" {
		return strings.TrimRight(c.cfg.InstanceURL, "/"), nil
	}
	t, err := c.cfg.Tokens.Token()
	if err != nil {
		return "", err
	}
	if u := auth.InstanceURL(t); u != "" {
		return u, nil
	}
	return "", errors.New("no instance URL: set --instance-url or SFSQL_INSTANCE_URL")
}

// APIError is an error the REST API reported in its JSON error array.
type APIError struct {
	Status  int
	Code    string
	Message string
}

func (e *APIError) Error() string {
	msg := strings.TrimSpace(e.Message)
	// Field errors echo the query with a caret; keep the explanation only.
	if i := strings.LastIndex(msg, "\n"); i >= 0 && strings.Contains(msg, "ERROR at Row:") {
		msg = msg[i+1:]
	}
	if e.Code == "" {
		return fmt.Sprintf("HTTP %d: %s", e.Status, msg)
	}
	return e.Code + ": " + msg
}

// IsCode reports whether err is an APIError with the given code.
func IsCode(err error, code string) bool {
	var e *APIError
	return errors.As(err, &e) && e.Code == code
}

// ErrBudget means the per-command API request budget is spent.
var ErrBudget = errors.New("API request budget exhausted")

func (c *Client) path(p string) string {
	return "/services/data/v" + c.cfg.APIVersion + "/" + p
}

func contextDone(ctx context.Context) bool {
	select {
	case <-ctx.Done():
		return true
	default:
		return false
	}
}
