package salesforce

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// ErrInsecure refuses to send a token over plain HTTP to a host that is
// not loopback.
var ErrInsecure = errors.New("refusing to send the access token over plain http (use an https instance URL, or --insecure-http)")

// ErrTooLarge is a response past Config.MaxResponseBytes.
var ErrTooLarge = errors.New("response too large")

// checkScheme allows https anywhere and http to loopback only, unless the
// user said --insecure-http.
func (c *Client) checkScheme(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return fmt.Errorf("bad instance URL %q: %w", base, err)
	}
	switch {
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && (isLoopback(u.Hostname()) || c.cfg.InsecureHTTP):
		return nil
	case u.Scheme == "http":
		return fmt.Errorf("%w: %s", ErrInsecure, u.Host)
	}
	return fmt.Errorf("bad instance URL %q: want https://…", base)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sameOriginAuth follows redirects, but never takes the Authorization
// header to another origin (scheme, host or port).
func sameOriginAuth(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	first := via[0].URL
	if req.URL.Scheme != first.Scheme || req.URL.Host != first.Host {
		req.Header.Del("Authorization")
	}
	return nil
}

// retryable says whether an error may pass on a second try: a 5xx, a
// dropped connection. What cannot succeed is not retried: a refused or
// malformed request, a bad certificate, an unsupported scheme, a timeout
// (it would only multiply the wait), a cap.
func retryable(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Status >= 500
	}
	var certErr *tls.CertificateVerificationError
	var unknownCA x509.UnknownAuthorityError
	var netErr net.Error
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded), errors.Is(err, ErrBudget),
		errors.Is(err, ErrOffline), errors.Is(err, ErrInsecure), errors.Is(err, ErrTooLarge):
		return false
	case errors.As(err, &certErr), errors.As(err, &unknownCA):
		return false
	case errors.As(err, &netErr) && netErr.Timeout():
		return false
	case strings.Contains(err.Error(), "unsupported protocol scheme"):
		return false
	}
	return true
}
