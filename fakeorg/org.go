package fakeorg

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultVersion is the newest API version the fake org serves.
const DefaultVersion = "62.0"

// Counters count what clients asked of the org; tests assert on them.
type Counters struct {
	Requests      atomic.Int64 // every authenticated API request
	Queries       atomic.Int64 // query and queryAll first pages (REST and Tooling)
	QueryMores    atomic.Int64 // follow-up pages by locator
	Describes     atomic.Int64 // sObject describes
	DescribeGlobs atomic.Int64 // describeGlobal calls
	Composite     atomic.Int64 // composite calls
	Replication   atomic.Int64 // sobjects/X/updated and /deleted answers (direct or in a composite)
	Rows          atomic.Int64 // records delivered
	BytesOut      atomic.Int64 // response bytes on the wire (after gzip)
	Faults        atomic.Int64 // requests answered with an injected fault
	InFlight      atomic.Int64 // API requests being served right now
	MaxInFlight   atomic.Int64 // the most served at once since the last reset
	BulkJobs      atomic.Int64 // Bulk API 2.0 query jobs created
	TokenGrants   atomic.Int64 // access tokens issued by the token endpoint
}

// QueryRequests is first pages plus follow-up pages.
func (c *Counters) QueryRequests() int64 { return c.Queries.Load() + c.QueryMores.Load() }

// Faults makes the org misbehave on purpose.
type Faults struct {
	FailEvery       int           // answer 500 to every Nth API request (0: never)
	ExpireAfter     int           // invalidate the access token after N requests (0: never)
	LimitExceeded   bool          // answer REQUEST_LIMIT_EXCEEDED to everything
	Latency         time.Duration // added to every API request
	MaxURIBytes     int           // 414 above this request-URI size; default 16384
	DailyAPIMax     int           // Sforce-Limit-Info max; default 100000
	CloseConnection int           // drop the connection on every Nth request (0: never)
	// RefuseLocatorOffsets answers INVALID_QUERY_LOCATOR to a page whose
	// locator offset no earlier page named as next: sequential paging only.
	RefuseLocatorOffsets bool
	// RefuseBulk answers every Bulk 2.0 job request with a 400.
	RefuseBulk bool
	// BeforeQuery, when set, is called as each query request (a first
	// page) arrives, before it is answered: a test can hold it there.
	BeforeQuery func()
}

// Org is a fake Salesforce org: data, tokens, cursors and an HTTP handler.
type Org struct {
	Store    *Store
	Counters Counters
	Clock    func() time.Time

	mu        sync.Mutex
	faults    Faults
	tokens    map[string]bool          // valid access tokens
	refresh   map[string]*grant        // valid refresh tokens
	codes     map[string]*grant        // authorization codes not yet used
	apps      map[string]*ConnectedApp // by client id
	issued    []string                 // every token ever issued, revoked ones too
	cursors   map[string]*resultSet
	bulk      map[string]*bulkJob // Bulk API 2.0 query jobs
	queries   []string            // SOQL received, in order
	serial    int
	apiUsed   int
	orgNumber int // which org this is (its Id); 1 unless seeded otherwise
}

// New makes an empty org over the captured schema, with one valid access
// token (returned).
func New() (*Org, error) {
	schema, err := LoadSchema()
	if err != nil {
		return nil, err
	}
	o := &Org{
		Store:   NewStore(schema),
		tokens:  map[string]bool{},
		refresh: map[string]*grant{},
		codes:   map[string]*grant{},
		apps:    map[string]*ConnectedApp{},
		cursors: map[string]*resultSet{},
	}
	return o, nil
}

// SetAPIUsed sets the day's API usage Sforce-Limit-Info reports.
func (o *Org) SetAPIUsed(n int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.apiUsed = n
}

// SetFaults replaces the fault configuration.
func (o *Org) SetFaults(f Faults) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.faults = f
}

// IssueToken makes a new valid access token.
func (o *Org) IssueToken() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.issueTokenLocked()
}

func (o *Org) issueTokenLocked() string {
	o.serial++
	tok := "00D000000000001!AQ" + makeID("fkt", o.serial*7919)
	o.tokens[tok] = true
	o.issued = append(o.issued, tok)
	return tok
}

// RevokeAll invalidates every access token (a session timeout).
func (o *Org) RevokeAll() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.tokens = map[string]bool{}
}

// Queries returns the SOQL statements received so far.
func (o *Org) Queries() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.queries...)
}

// ResetCounters zeroes the counters and the query log.
func (o *Org) ResetCounters() {
	o.mu.Lock()
	o.queries = nil
	o.mu.Unlock()
	for _, c := range []*atomic.Int64{&o.Counters.Requests, &o.Counters.Queries, &o.Counters.QueryMores,
		&o.Counters.Describes, &o.Counters.DescribeGlobs, &o.Counters.Composite, &o.Counters.Replication, &o.Counters.Rows, &o.Counters.BytesOut,
		&o.Counters.Faults, &o.Counters.TokenGrants, &o.Counters.MaxInFlight, &o.Counters.BulkJobs} {
		c.Store(0)
	}
}

// Server is a running fake org on loopback.
type Server struct {
	*Org
	URL   string
	Token string
	http  *httptest.Server
}

// Start serves the org on a loopback port.
func (o *Org) Start() *Server {
	ts := httptest.NewServer(o.Handler())
	return &Server{Org: o, URL: ts.URL, Token: o.IssueToken(), http: ts}
}

// Close stops the server.
func (s *Server) Close() { s.http.Close() }

// Handler is the org's HTTP API.
func (o *Org) Handler() http.Handler { return http.HandlerFunc(o.serve) }
