package auth_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"golang.org/x/oauth2"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/fakeorg"
)

func refresher(t *testing.T) (*fakeorg.Server, *auth.Regrant, string) {
	org, err := fakeorg.New()
	if err != nil {
		t.Fatal(err)
	}
	srv := org.Start()
	t.Cleanup(srv.Close)
	srv.RegisterClient("cid", "secret")
	refresh := srv.IssueRefreshToken()
	cfg := &oauth2.Config{ClientID: "cid", ClientSecret: "secret",
		Endpoint: oauth2.Endpoint{TokenURL: srv.URL + "/services/oauth2/token", AuthStyle: oauth2.AuthStyleInParams}}
	return srv, auth.RefreshTokenSource(cfg, refresh, ""), refresh
}

func TestRefresher_ConcurrentRenewalsCoalesce(t *testing.T) {
	srv, r, _ := refresher(t)
	first, err := r.Token()
	if err != nil || auth.InstanceURL(first) != srv.URL {
		t.Fatalf("token %v, instance %q", err, auth.InstanceURL(first))
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := r.Renew(context.Background(), first); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := srv.Counters.TokenGrants.Load(); n != 2 {
		t.Fatalf("8 renewals of one stale token made %d token requests, want 2 (first + one renewal)", n)
	}
}

func TestRefresher_RevokedRefreshTokenSaysLogInAgain(t *testing.T) {
	srv, r, refresh := refresher(t)
	srv.RevokeRefreshToken(refresh)
	_, err := r.Token()
	if !errors.Is(err, auth.ErrReauthenticate) || strings.Contains(err.Error(), refresh) {
		t.Fatalf("error %v", err)
	}
}
