package salesforce

import (
	"errors"
	"net/http"

	"github.com/sfsql/sfsql/auth"
)

// ErrOffline is what an offline client answers every request with.
var ErrOffline = errors.New("offline: the store serves the snapshotted catalogue tables; this needs the Salesforce API")

type offlineTransport struct{}

func (offlineTransport) RoundTrip(*http.Request) (*http.Response, error) { return nil, ErrOffline }

// NewOffline is a client that never reaches the network (--offline): any
// request fails at once with ErrOffline, without a retry.
func NewOffline() *Client {
	return New(Config{Tokens: auth.Static("offline", "https://offline.invalid"), HTTPClient: &http.Client{Transport: offlineTransport{}}})
}
