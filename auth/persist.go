package auth

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// Persisted is a saved connection's token source. The last access token
// lives in the connection's secret file, so concurrent sfsql processes
// share it; renewals run under the store's lock, so two processes that
// find the token expired refresh once, and a rotated refresh token is
// never lost.
type Persisted struct {
	Store *Store
	Conn  *Connection
	// Warnings hears that a new token could not be saved (a read-only
	// config directory): it is used from memory meanwhile. Default stderr.
	Warnings io.Writer

	// fetch obtains a new token from the current secrets.
	fetch  func(ctx context.Context, sec *Secrets) (*oauth2.Token, error)
	warned bool

	mu      sync.Mutex
	current *oauth2.Token
}

// ErrDisabled means the connection exists but is switched off.
var ErrDisabled = errors.New("connection is disabled")

// Open returns the token source of a saved connection.
func Open(store *Store, c *Connection) (*Persisted, error) {
	if c.Disabled {
		return nil, fmt.Errorf("%w: %s (sfsql connections enable %s turns it back on)", ErrDisabled, c.Name, c.Name)
	}
	p := &Persisted{Store: store, Conn: c}
	switch c.Method {
	case MethodWeb:
		p.fetch = p.refresh
	case MethodJWT:
		g, err := JWTBearer(c.LoginURL, cmp.Or(c.Audience, c.LoginURL), c.ClientID, c.Username, c.KeyFile)
		if err != nil {
			return nil, err
		}
		p.fetch = func(ctx context.Context, _ *Secrets) (*oauth2.Token, error) { return g.Grant(ctx) }
	case MethodClientCredentials:
		p.fetch = func(ctx context.Context, sec *Secrets) (*oauth2.Token, error) {
			return ClientCredentials(c.InstanceURL, c.ClientID, sec.ClientSecret).Grant(ctx)
		}
	case MethodSFCLI:
		p.fetch = func(ctx context.Context, _ *Secrets) (*oauth2.Token, error) { return SFCLI(c.SFOrg).Grant(ctx) }
	default:
		return nil, fmt.Errorf("connection %s: unknown method %q", c.Name, c.Method)
	}
	return p, nil
}

// refresh uses the stored refresh token; a refused one means logging in
// again.
func (p *Persisted) refresh(ctx context.Context, sec *Secrets) (*oauth2.Token, error) {
	if sec.RefreshToken == "" {
		return nil, p.reauthenticate("no refresh token is stored")
	}
	web := &WebLogin{LoginURL: cmp.Or(p.Conn.LoginURL, p.Conn.InstanceURL), ClientID: p.Conn.ClientID, ClientSecret: sec.ClientSecret}
	t, err := refreshGrant(ctx, web.Config(), sec.RefreshToken)
	if errors.Is(err, ErrReauthenticate) {
		return nil, fmt.Errorf("%w for connection %s: run sfsql login --name %s again", err, p.Conn.Name, p.Conn.Name)
	}
	if err != nil {
		return nil, fmt.Errorf("connection %s: %w", p.Conn.Name, err)
	}
	return t, nil
}

func (p *Persisted) reauthenticate(why string) error {
	return fmt.Errorf("%w for connection %s (%s): run sfsql login --name %s again", ErrReauthenticate, p.Conn.Name, why, p.Conn.Name)
}

// Token returns the shared access token, getting one when none is stored.
func (p *Persisted) Token() (*oauth2.Token, error) {
	p.mu.Lock()
	cur := p.current
	p.mu.Unlock()
	if cur != nil {
		return cur, nil
	}
	sec, err := p.Store.Secrets(p.Conn.Name)
	if err != nil {
		return nil, err
	}
	if sec.AccessToken != "" {
		return p.remember(sec), nil
	}
	return p.Renew(context.Background(), nil)
}

// Renew replaces a refused token: with the one another process stored
// meanwhile, or by a new grant, under the store's lock. A grant that
// cannot be saved is still used, with a warning.
func (p *Persisted) Renew(ctx context.Context, stale *oauth2.Token) (*oauth2.Token, error) {
	var out *oauth2.Token
	granted := false
	err := p.Store.UpdateSecrets(p.Conn.Name, func(sec *Secrets) error {
		if sec.AccessToken != "" && (stale == nil || sec.AccessToken != stale.AccessToken) {
			out = p.remember(sec)
			return nil
		}
		t, err := p.fetch(ctx, sec)
		if err != nil {
			return err
		}
		sec.AccessToken = t.AccessToken
		sec.InstanceURL = cmp.Or(InstanceURL(t), sec.InstanceURL, p.Conn.InstanceURL)
		if t.RefreshToken != "" {
			sec.RefreshToken = t.RefreshToken // rotation: keep the new one
		}
		out, granted = p.remember(sec), true
		return nil
	})
	if err != nil && granted {
		p.warnUnsaved(err)
		return out, nil
	}
	return out, err
}

// warnUnsaved says, once, that the new token lives in memory only.
func (p *Persisted) warnUnsaved(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.warned {
		return
	}
	p.warned = true
	w := p.Warnings
	if w == nil {
		w = os.Stderr
	}
	fmt.Fprintf(w, "warning: connection %s: the new access token could not be saved (%v); using it for this run only\n", p.Conn.Name, err)
}

func (p *Persisted) remember(sec *Secrets) *oauth2.Token {
	t := WithInstanceURL(&oauth2.Token{AccessToken: sec.AccessToken, TokenType: "Bearer"},
		cmp.Or(sec.InstanceURL, p.Conn.InstanceURL))
	t.Expiry = time.Time{}
	p.mu.Lock()
	p.current = t
	p.mu.Unlock()
	return t
}
