package salesforce

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/sfsql/sfsql/auth"
)

// do sends one request with the whole policy: auth, gzip, retries with
// backoff for idempotent calls on 5xx and connection errors, one token
// renewal on 401 INVALID_SESSION_ID, limit accounting. out may be nil.
func (c *Client) do(ctx context.Context, method, path string, body []byte, hdr http.Header, out any) error {
	renewed := false
	for attempt := 0; ; attempt++ {
		tok, err := c.cfg.Tokens.Token()
		if err != nil {
			return fmt.Errorf("get access token: %w", err)
		}
		data, header, err := c.send(ctx, method, path, body, hdr, tok)
		var apiErr *APIError
		switch {
		case err == nil:
			if out == nil {
				return nil
			}
			if raw, ok := out.(*rawResponse); ok {
				raw.data, raw.header = data, header
				return nil
			}
			if err := decodeBody(data, out); err != nil {
				return fmt.Errorf("decode %s: %w", path, err)
			}
			return nil
		case errors.As(err, &apiErr) && apiErr.Status == 401 && !renewed:
			if err := c.renew(ctx, tok, apiErr); err != nil {
				return err
			}
			renewed = true
			attempt--
		case retryable(err) && attempt < c.cfg.Retries && !contextDone(ctx):
			if err := sleep(ctx, c.cfg.Backoff<<attempt); err != nil {
				return err
			}
		default:
			return err
		}
	}
}

func (c *Client) renew(ctx context.Context, stale *oauth2.Token, cause error) error {
	r, ok := c.cfg.Tokens.(auth.Renewer)
	if !ok {
		return fmt.Errorf("%w (the access token was refused; get a new one or use a connection that can refresh)", cause)
	}
	if _, err := r.Renew(ctx, stale); err != nil {
		return err
	}
	return nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// send performs one HTTP exchange and returns the decoded body of a 2xx.
func (c *Client) send(ctx context.Context, method, path string, body []byte, hdr http.Header, tok *oauth2.Token) ([]byte, http.Header, error) {
	base, err := c.InstanceURL()
	if err != nil {
		return nil, nil, err
	}
	if err := c.checkScheme(base); err != nil {
		return nil, nil, err
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, base+path, rd)
	if err != nil {
		return nil, nil, fmt.Errorf("bad instance URL %q: %w", base, err)
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("Sforce-Call-Options", "client=sfsql")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	// Counted before it is sent, atomically: parallel pages never take the
	// budget past its limit.
	if n := c.Stats.Requests.Add(1); c.cfg.Budget > 0 && n > c.cfg.Budget {
		c.Stats.Requests.Add(-1)
		return nil, nil, fmt.Errorf("%w (%d requests)", ErrBudget, c.cfg.Budget)
	}
	start := time.Now()
	res, err := c.http.Do(req)
	if err != nil {
		c.trace(method, path, 0, start)
		return nil, nil, fmt.Errorf("%s %s: %w", method, base, unwrapURLError(err))
	}
	defer res.Body.Close()
	c.trace(method, path, res.StatusCode, start)
	c.noteLimits(res.Header.Get("Sforce-Limit-Info"))
	data, err := readBody(res, &c.Stats, c.cfg.MaxResponseBytes)
	if err != nil {
		return nil, nil, fmt.Errorf("read response of %s: %w", path, err)
	}
	if res.StatusCode >= 300 {
		return nil, nil, parseError(res.StatusCode, data)
	}
	return data, res.Header, nil
}

func unwrapURLError(err error) error {
	var ue interface{ Unwrap() error }
	if errors.As(err, &ue) {
		if inner := ue.Unwrap(); inner != nil {
			return inner
		}
	}
	return err
}

// countingReader counts the bytes read from the wire.
type countingReader struct {
	r io.Reader
	n *int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += int64(n)
	return n, err
}

// readBody reads a response, decompressed, up to limit bytes: a server
// that streams without end fails the request instead of filling memory.
func readBody(res *http.Response, stats *Stats, limit int64) ([]byte, error) {
	var n int64
	defer func() { stats.Bytes.Add(n) }()
	var r io.Reader = &countingReader{io.LimitReader(res.Body, limit+1), &n}
	var data []byte
	var err error
	if res.Header.Get("Content-Encoding") == "gzip" {
		data, err = gunzip(r, limit)
	} else {
		data, err = io.ReadAll(r)
	}
	if int64(len(data)) > limit || n > limit {
		return nil, fmt.Errorf("%w: more than %d MiB", ErrTooLarge, limit>>20)
	}
	return data, err
}

// gunzip reads a gzip body whole, then inflates it into one buffer of the
// size its trailer states (ISIZE), instead of growing one by doubling: a
// wide page is allocated once.
func gunzip(r io.Reader, limit int64) ([]byte, error) {
	packed, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	gz, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		return nil, err
	}
	defer gz.Close()
	size := int64(0)
	if len(packed) >= 4 {
		// Deflate inflates at most 1032:1: a trailer claiming more is not
		// believed, so a few hostile bytes cannot make a large buffer.
		size = min(int64(binary.LittleEndian.Uint32(packed[len(packed)-4:])), limit+1, 1032*int64(len(packed)))
	}
	data := make([]byte, size)
	got, err := io.ReadFull(gz, data)
	data = data[:got]
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		return data, nil // shorter than the trailer said
	}
	if err != nil {
		return nil, err
	}
	rest, err := io.ReadAll(io.LimitReader(gz, limit+1-int64(got))) // longer: the trailer is size mod 2³²
	return append(data, rest...), err
}

func parseError(status int, data []byte) error {
	var list []struct {
		Message   string `json:"message"`
		ErrorCode string `json:"errorCode"`
	}
	if json.Unmarshal(data, &list) == nil && len(list) > 0 {
		return &APIError{Status: status, Code: list[0].ErrorCode, Message: list[0].Message}
	}
	msg := string(bytes.TrimSpace(data))
	if len(msg) > 200 {
		msg = msg[:200]
	}
	if msg == "" {
		msg = http.StatusText(status)
	}
	return &APIError{Status: status, Message: msg}
}

var usageRE = regexp.MustCompile(`api-usage=(\d+)/(\d+)`)

func (c *Client) noteLimits(h string) {
	if m := usageRE.FindStringSubmatch(h); m != nil {
		used, _ := strconv.ParseInt(m[1], 10, 64)
		max, _ := strconv.ParseInt(m[2], 10, 64)
		c.Stats.APIUsed.Store(used)
		c.Stats.APIMax.Store(max)
	}
}

// trace reports a request to Config.Trace: method, path (never headers, so
// never a token) and status.
func (c *Client) trace(method, path string, status int, start time.Time) {
	if c.cfg.Trace == nil {
		return
	}
	p, _ := url.PathUnescape(strings.ReplaceAll(path, "+", " "))
	c.cfg.Trace(fmt.Sprintf("%s %s -> %d (%s)", method, p, status, time.Since(start).Round(time.Millisecond)))
}
