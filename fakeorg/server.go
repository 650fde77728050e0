package fakeorg

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

var versionRE = regexp.MustCompile(`^v(\d+)\.(\d+)$`)

// countingWriter counts body bytes as they go on the wire.
type countingWriter struct {
	http.ResponseWriter
	n *int64
}

func (w countingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	*w.n += int64(n)
	return n, err
}

func (o *Org) serve(w http.ResponseWriter, r *http.Request) {
	var n int64
	defer func() { o.Counters.BytesOut.Add(n) }()
	w = countingWriter{w, &n}
	path := r.URL.Path
	switch {
	case strings.HasPrefix(path, "/services/oauth2/"):
		o.serveOAuth(w, r)
	case path == "/services/data" || path == "/services/data/":
		o.serveVersions(w, r)
	case strings.HasPrefix(path, "/services/data/"):
		o.serveAPI(w, r)
	case strings.HasPrefix(path, "/id/"):
		o.serveIdentity(w, r)
	default:
		writeError(w, errNotFound, "")
	}
}

func (o *Org) serveVersions(w http.ResponseWriter, r *http.Request) {
	var out []map[string]string
	for _, v := range []string{"58.0", "59.0", "60.0", "61.0", DefaultVersion} {
		out = append(out, map[string]string{"label": "Winter '25", "url": "/services/data/v" + v, "version": v})
	}
	writeJSON(w, r, 200, out, "")
}

// serveAPI authenticates, applies faults and limits, and routes a versioned
// REST request.
func (o *Org) serveAPI(w http.ResponseWriter, r *http.Request) {
	raise(&o.Counters.MaxInFlight, o.Counters.InFlight.Add(1))
	defer o.Counters.InFlight.Add(-1)
	rest := strings.TrimPrefix(r.URL.Path, "/services/data/")
	vseg, route, _ := strings.Cut(rest, "/")
	m := versionRE.FindStringSubmatch(vseg)
	if m == nil {
		writeError(w, errNotFound, "")
		return
	}
	if major, _ := strconv.Atoi(m[1]); major < 31 {
		writeError(w, &apiError{410, "API_VERSION_RETIRED", "Version " + vseg + " of the API is no longer supported"}, "")
		return
	}
	version := m[1] + "." + m[2]
	usage, err := o.admit(w, r)
	if err != nil {
		writeError(w, err, usage)
		return
	}
	if err := o.route(w, r, version, route, usage); err != nil {
		writeError(w, err, usage)
	}
}

// raise lifts a maximum to n.
func raise(max *atomic.Int64, n int64) {
	for m := max.Load(); n > m && !max.CompareAndSwap(m, n); m = max.Load() {
	}
}

// admit checks the token and the faults, and charges one API request.
func (o *Org) admit(w http.ResponseWriter, r *http.Request) (string, error) {
	o.mu.Lock()
	f := o.faults
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	valid := o.tokens[tok]
	o.mu.Unlock()
	if f.Latency > 0 {
		select {
		case <-time.After(f.Latency):
		case <-r.Context().Done():
			return "", errServer
		}
	}
	if f.BeforeQuery != nil && r.URL.Query().Get("q") != "" {
		f.BeforeQuery()
	}
	if !valid {
		w.Header().Set("WWW-Authenticate", "Token")
		return "", errSession
	}
	maxURI := f.MaxURIBytes
	if maxURI == 0 {
		maxURI = 16384
	}
	if len(r.URL.RequestURI()) > maxURI {
		return "", &apiError{414, "URI_TOO_LONG", "Request-URI Too Long"}
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.apiUsed++
	count := o.Counters.Requests.Add(1)
	maxAPI := f.DailyAPIMax
	if maxAPI == 0 {
		maxAPI = 100000
	}
	usage := fmt.Sprintf("api-usage=%d/%d", o.apiUsed, maxAPI)
	if f.LimitExceeded || o.apiUsed > maxAPI {
		return usage, errLimit
	}
	if f.ExpireAfter > 0 && count%int64(f.ExpireAfter) == 0 {
		o.tokens = map[string]bool{} // the session times out after this request
		o.Counters.Faults.Add(1)
	}
	if f.CloseConnection > 0 && count%int64(f.CloseConnection) == 0 {
		if hj, ok := w.(countingWriter).ResponseWriter.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
			}
			o.Counters.Faults.Add(1)
			return usage, errHijacked
		}
	}
	if f.FailEvery > 0 && count%int64(f.FailEvery) == 0 {
		o.Counters.Faults.Add(1)
		return usage, errServer
	}
	return usage, nil
}

var errHijacked = &apiError{0, "", ""}

func (o *Org) route(w http.ResponseWriter, r *http.Request, version, route, usage string) error {
	tooling := false
	if after, ok := strings.CutPrefix(route, "tooling/"); ok {
		tooling, route = true, after
	}
	parts := strings.Split(strings.TrimSuffix(route, "/"), "/")
	switch {
	case (parts[0] == "query" || parts[0] == "queryAll") && len(parts) == 1:
		return o.serveQuery(w, r, version, usage, tooling, parts[0] == "queryAll")
	case parts[0] == "query" && len(parts) == 2:
		return o.serveQueryMore(w, r, version, usage, parts[1])
	case parts[0] == "sobjects" && len(parts) == 1:
		return o.serveDescribeGlobal(w, r, version, usage, tooling)
	case parts[0] == "sobjects" && len(parts) == 3 && parts[2] == "describe":
		return o.serveDescribe(w, r, version, usage, tooling, parts[1])
	case parts[0] == "sobjects" && len(parts) == 3 && (parts[2] == "updated" || parts[2] == "deleted") && !tooling:
		return o.serveReplication(w, r, usage, parts[1], parts[2] == "deleted")
	case parts[0] == "limits" && len(parts) == 1 && !tooling:
		return o.serveLimits(w, r, usage)
	case parts[0] == "composite" && len(parts) == 3 && parts[1] == "sobjects" && !tooling:
		return o.serveCollection(w, r, version, usage, parts[2])
	case parts[0] == "jobs" && len(parts) >= 2 && parts[1] == "query" && !tooling:
		return o.serveBulk(w, r, version, usage, parts)
	case parts[0] == "composite" && len(parts) == 1 && !tooling:
		return o.serveComposite(w, r, version, usage)
	}
	return errNotFound
}

func writeError(w http.ResponseWriter, err error, usage string) {
	e, ok := err.(*apiError)
	if !ok {
		e = &apiError{500, "UNKNOWN_EXCEPTION", err.Error()}
	}
	if e == errHijacked {
		return
	}
	if usage != "" {
		w.Header().Set("Sforce-Limit-Info", usage)
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(e.Status)
	msg, _ := json.Marshal(e.Message)
	code, _ := json.Marshal(e.Code)
	if e.Code == "NOT_FOUND" { // recorded NOT_FOUND bodies put errorCode first
		fmt.Fprintf(w, `[{"errorCode":%s,"message":%s}]`, code, msg)
	} else {
		fmt.Fprintf(w, `[{"message":%s,"errorCode":%s}]`, msg, code)
	}
}

func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any, usage string) {
	body, err := json.Marshal(v)
	if err != nil {
		writeError(w, err, usage)
		return
	}
	writeBody(w, r, status, body, usage)
}

// writeBody sends a JSON body, gzipped when the client accepts it.
// gzipWriters keeps compressors between responses: each one holds about a
// megabyte of tables that a fresh writer would allocate and clear again.
var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

func writeBody(w http.ResponseWriter, r *http.Request, status int, body []byte, usage string) {
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=UTF-8")
	h.Set("Vary", "Accept-Encoding")
	if usage != "" {
		h.Set("Sforce-Limit-Info", usage)
	}
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		w.WriteHeader(status)
		gz := gzipWriters.Get().(*gzip.Writer)
		gz.Reset(w)
		gz.Write(body)
		gz.Close()
		gzipWriters.Put(gz)
		return
	}
	w.WriteHeader(status)
	w.Write(body)
}
