package salesforce_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/salesforce"
)

func clientOf(url string, cfg salesforce.Config) *salesforce.Client {
	cfg.Tokens = auth.Static("tok-secret", url)
	cfg.Backoff = time.Millisecond
	return salesforce.New(cfg)
}

// TestGuard_AnEndlessBodyFailsAtTheCap: a server that streams a 200 body
// without end fails the request at MaxResponseBytes.
func TestGuard_AnEndlessBodyFailsAtTheCap(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		chunk := []byte(strings.Repeat(`{"a":1},`, 1<<16))
		w.Write([]byte(`{"totalSize":1,"done":true,"records":[`))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	_, err := clientOf(srv.URL, salesforce.Config{MaxResponseBytes: 4 << 20}).Query(context.Background(), "SELECT Id FROM User", salesforce.QueryOptions{})
	if !errors.Is(err, salesforce.ErrTooLarge) {
		t.Fatalf("an endless body: %v", err)
	}
}

// TestGuard_AServerThatNeverAnswersTimesOut: --timeout bounds a request,
// and a timeout is not retried.
func TestGuard_AServerThatNeverAnswersTimesOut(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		<-r.Context().Done()
	}))
	defer srv.Close()
	start := time.Now()
	_, err := clientOf(srv.URL, salesforce.Config{Timeout: 200 * time.Millisecond}).Query(context.Background(), "SELECT Id FROM User", salesforce.QueryOptions{})
	if err == nil || time.Since(start) > 2*time.Second || calls.Load() != 1 {
		t.Fatalf("err %v after %v, %d calls", err, time.Since(start), calls.Load())
	}
}

// TestGuard_PlainHTTPOnlyToLoopback: the token goes over http to loopback
// only, unless InsecureHTTP; a bad scheme is not retried.
func TestGuard_PlainHTTPOnlyToLoopback(t *testing.T) {
	_, err := clientOf("http://acme.my.salesforce.com", salesforce.Config{}).Query(context.Background(), "SELECT Id FROM User", salesforce.QueryOptions{})
	if !errors.Is(err, salesforce.ErrInsecure) {
		t.Fatalf("plain http to a real host: %v", err)
	}
	c := clientOf("ftp://acme.my.salesforce.com", salesforce.Config{})
	if _, err := c.Query(context.Background(), "SELECT Id FROM User", salesforce.QueryOptions{}); err == nil || c.Stats.Requests.Load() != 0 {
		t.Fatalf("ftp: %v, %d requests", err, c.Stats.Requests.Load())
	}
	c = clientOf("http://192.0.2.1:9", salesforce.Config{InsecureHTTP: true, Timeout: 100 * time.Millisecond})
	if _, err := c.Query(context.Background(), "SELECT Id FROM User", salesforce.QueryOptions{}); errors.Is(err, salesforce.ErrInsecure) {
		t.Fatal("--insecure-http did not allow plain http")
	}
}

// TestGuard_RedirectsKeepTheTokenInItsOrigin: a redirect to another port
// (another origin) arrives without Authorization; within the origin it
// keeps it.
func TestGuard_RedirectsKeepTheTokenInItsOrigin(t *testing.T) {
	var leaked atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(r.Header.Get("Authorization"))
		w.Write([]byte(`{"totalSize":0,"done":true,"records":[]}`))
	}))
	defer other.Close()
	var kept atomic.Value
	var home *httptest.Server
	home = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.Contains(r.URL.RawQuery, "away"):
			http.Redirect(w, r, other.URL+r.URL.Path, http.StatusFound)
		case r.URL.Path == "/same":
			kept.Store(r.Header.Get("Authorization"))
			w.Write([]byte(`{"totalSize":0,"done":true,"records":[]}`))
		default:
			http.Redirect(w, r, home.URL+"/same", http.StatusFound)
		}
	}))
	defer home.Close()
	c := clientOf(home.URL, salesforce.Config{})
	if _, err := c.Query(context.Background(), "SELECT Id FROM User WHERE Name = 'away'", salesforce.QueryOptions{}); err != nil {
		t.Fatal(err)
	}
	if v, _ := leaked.Load().(string); v != "" {
		t.Fatalf("the token followed a redirect to another origin: %q", v)
	}
	if _, err := c.Query(context.Background(), "SELECT Id FROM User", salesforce.QueryOptions{}); err != nil {
		t.Fatal(err)
	}
	if v, _ := kept.Load().(string); v != "Bearer tok-secret" {
		t.Fatalf("a same-origin redirect lost the token: %q", v)
	}
}

// TestGuard_CompositeIsRetried: a long query travels as POST /composite;
// a 5xx on it is retried like a GET's.
func TestGuard_CompositeIsRetried(t *testing.T) {
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if posts.Add(1) == 1 {
			w.WriteHeader(503)
			w.Write([]byte(`[{"message":"busy","errorCode":"SERVER_UNAVAILABLE"}]`))
			return
		}
		w.Write([]byte(`{"compositeResponse":[{"body":{"totalSize":0,"done":true,"records":[]},"httpStatusCode":200,"referenceId":"q"}]}`))
	}))
	defer srv.Close()
	c := clientOf(srv.URL, salesforce.Config{MaxURLBytes: 10})
	if _, err := c.Query(context.Background(), "SELECT Id FROM User WHERE Name = 'a long one'", salesforce.QueryOptions{}); err != nil || posts.Load() != 2 {
		t.Fatalf("err %v after %d posts", err, posts.Load())
	}
}

// gzipServer answers every request with body gzipped; trailer, when set,
// replaces the stated uncompressed size (ISIZE) with a lie.
func gzipServer(t *testing.T, body []byte, trailer uint32, lie bool) *httptest.Server {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(body)
	zw.Close()
	packed := b.Bytes()
	if lie {
		binary.LittleEndian.PutUint32(packed[len(packed)-4:], trailer)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(packed)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestGuard_GzipBodies: a page inflates whole; a trailer that lies about
// the size (a corrupt stream) gives the page or an error, never other
// data; a small gzip of a huge body fails at the cap.
func TestGuard_GzipBodies(t *testing.T) {
	page := []byte(`{"totalSize":2,"done":true,"records":[{"Id":"a"},{"Id":"b"}]}`)
	for _, c := range []struct {
		name    string
		trailer uint32
		lie     bool
	}{{"true trailer", 0, false}, {"trailer says more", 1 << 31, true}, {"trailer says less", 3, true}} {
		got, err := clientOf(gzipServer(t, page, c.trailer, c.lie).URL, salesforce.Config{}).Query(context.Background(), "SELECT Id FROM User", salesforce.QueryOptions{})
		whole := err == nil && got.TotalSize == 2 && len(got.Records) == 2 && string(got.Records[1]) == `{"Id":"b"}`
		if !whole && (!c.lie || err == nil) {
			t.Errorf("%s: %+v %v", c.name, got, err)
		}
	}
	bomb := append([]byte(`{"totalSize":1,"done":true,"records":[`), bytes.Repeat([]byte(" "), 8<<20)...)
	_, err := clientOf(gzipServer(t, bomb, 0, false).URL, salesforce.Config{MaxResponseBytes: 4 << 20}).Query(context.Background(), "SELECT Id FROM User", salesforce.QueryOptions{})
	if !errors.Is(err, salesforce.ErrTooLarge) {
		t.Fatalf("8 MB inflated from a few KB, cap 4 MB: %v", err)
	}
}
