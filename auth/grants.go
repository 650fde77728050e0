package auth

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
	"golang.org/x/oauth2/jwt"
)

// Regrant is a Renewer for flows without refresh tokens (JWT bearer,
// client credentials, the sf CLI): renewing runs the grant again.
type Regrant struct {
	Grant       func(ctx context.Context) (*oauth2.Token, error)
	InstanceURL string // used when the grant's answer has none

	mu      sync.Mutex
	current *oauth2.Token
}

// Token returns the current token, running the grant the first time.
func (g *Regrant) Token() (*oauth2.Token, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.current != nil {
		return g.current, nil
	}
	return g.fetchLocked(context.Background())
}

// Renew replaces stale unless another caller already did.
func (g *Regrant) Renew(ctx context.Context, stale *oauth2.Token) (*oauth2.Token, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.current != nil && stale != nil && g.current.AccessToken != stale.AccessToken {
		return g.current, nil
	}
	return g.fetchLocked(ctx)
}

func (g *Regrant) fetchLocked(ctx context.Context) (*oauth2.Token, error) {
	t, err := g.Grant(ctx)
	if err != nil {
		return nil, err
	}
	t.Expiry = time.Time{}
	if InstanceURL(t) == "" {
		t = WithInstanceURL(t, g.InstanceURL)
	}
	g.current = t
	return t, nil
}

// JWTBearer signs an RS256 assertion (iss consumer key, sub username, aud
// audience, exp in three minutes) with the connected app's private key and
// posts it to tokenBase's token endpoint.
func JWTBearer(tokenBase, audience, clientID, username, keyFile string) (*Regrant, error) {
	key, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("read the JWT private key: %w", err)
	}
	base := strings.TrimRight(tokenBase, "/")
	cfg := &jwt.Config{Email: clientID, Subject: username, PrivateKey: key, Audience: strings.TrimRight(audience, "/"),
		TokenURL: base + "/services/oauth2/token", Expires: 3 * time.Minute}
	return &Regrant{Grant: func(ctx context.Context) (*oauth2.Token, error) {
		t, err := cfg.TokenSource(ctx).Token()
		if err != nil {
			return nil, fmt.Errorf("JWT bearer login of %s: %w", username, describeRetrieve(err))
		}
		return t, nil
	}}, nil
}

// ClientCredentials asks the org's My Domain token endpoint for a token as
// the connected app's run-as user.
func ClientCredentials(instanceURL, clientID, clientSecret string) *Regrant {
	base := strings.TrimRight(instanceURL, "/")
	cfg := &clientcredentials.Config{ClientID: clientID, ClientSecret: clientSecret,
		TokenURL: base + "/services/oauth2/token", AuthStyle: oauth2.AuthStyleInParams}
	return &Regrant{InstanceURL: base, Grant: func(ctx context.Context) (*oauth2.Token, error) {
		t, err := cfg.Token(ctx)
		if err != nil {
			return nil, fmt.Errorf("client credentials login: %w", describeRetrieve(err))
		}
		return t, nil
	}}
}
