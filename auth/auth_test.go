package auth_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
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

// TestStore_CraftedNamesNeverBecomePaths: a name in a hand-edited
// connections.json that would leave the secrets directory is refused, and
// the file it points at stays.
func TestStore_CraftedNamesNeverBecomePaths(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim.json")
	if err := os.WriteFile(victim, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config")
	if err := os.MkdirAll(cfg, 0o700); err != nil {
		t.Fatal(err)
	}
	crafted := `{"connections":[{"name":"../../victim","method":"refresh"}]}`
	if err := os.WriteFile(filepath.Join(cfg, "connections.json"), []byte(crafted), 0o600); err != nil {
		t.Fatal(err)
	}
	s := &auth.Store{Dir: cfg}
	if err := s.Remove("../../victim"); err == nil || !strings.Contains(err.Error(), "bad connection name") && !strings.Contains(err.Error(), "connection name") {
		t.Fatalf("removing a crafted name: %v", err)
	}
	if _, err := s.Secrets("../../victim"); err == nil {
		t.Fatal("reading a crafted name's secrets worked")
	}
	if data, _ := os.ReadFile(victim); string(data) != "keep me" {
		t.Fatal("a crafted connection name removed a file outside the secrets directory")
	}
}
