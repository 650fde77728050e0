package auth_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/fakeorg"
)

func webOrg(t *testing.T) (*fakeorg.Server, *auth.WebLogin) {
	org, err := fakeorg.New()
	if err != nil {
		t.Fatal(err)
	}
	fakeorg.Seed(org, fakeorg.SeedOptions{Users: 10})
	srv := org.Start()
	t.Cleanup(srv.Close)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	srv.AddConnectedApp(fakeorg.ConnectedApp{ClientID: "k", ClientSecret: "s", CallbackURLs: []string{fmt.Sprintf("http://localhost:%d/OauthRedirect", port)}})
	return srv, &auth.WebLogin{LoginURL: srv.URL, ClientID: "k", ClientSecret: "s", Port: port, Out: &bytes.Buffer{}, Timeout: 5 * time.Second}
}

func follow(u string) error {
	res, err := http.Get(u)
	if err == nil {
		res.Body.Close()
	}
	return err
}

func TestWebLogin_PKCEThroughTheLoopbackCallback(t *testing.T) {
	srv, w := webOrg(t)
	var authorize *url.URL
	w.Open = func(u string) error {
		authorize, _ = url.Parse(u)
		return follow(u)
	}
	tok, err := w.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	q := authorize.Query()
	if q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" || q.Get("state") == "" || q.Get("redirect_uri") != w.Config().RedirectURL {
		t.Fatalf("authorize URL %s", authorize)
	}
	if tok.RefreshToken == "" || auth.InstanceURL(tok) != srv.URL || tok.Extra("id") == nil {
		t.Fatalf("token %+v", tok)
	}
}

// TestWebLogin_AForgedCallbackIsIgnored: a callback with another state
// neither completes nor aborts the login; the real one then completes it,
// and the browser hears "connected" only after the code exchange worked.
func TestWebLogin_AForgedCallbackIsIgnored(t *testing.T) {
	_, w := webOrg(t)
	var forgedPage string
	w.Open = func(u string) error {
		res, err := http.Get(fmt.Sprintf("%s?code=stolen&state=forged", w.Config().RedirectURL))
		if err != nil {
			return err
		}
		body := new(bytes.Buffer)
		body.ReadFrom(res.Body)
		res.Body.Close()
		forgedPage = body.String()
		return follow(u)
	}
	tok, err := w.Run(context.Background())
	if err != nil || tok.AccessToken == "" || !strings.Contains(forgedPage, "not for the login in progress") {
		t.Fatalf("after a forged callback: %v, %q", err, forgedPage)
	}
	_, w = webOrg(t)
	w.Timeout = 300 * time.Millisecond
	w.Open = func(string) error { return follow(fmt.Sprintf("%s?code=stolen&state=forged", w.Config().RedirectURL)) }
	if _, err := w.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "1 callbacks with a state not of this login were ignored") {
		t.Fatalf("only a forged callback: %v", err)
	}
}

// TestWebLogin_TheBrowserHearsOfAFailedExchange: a code the org refuses
// makes the page say the login failed, not "connected".
func TestWebLogin_TheBrowserHearsOfAFailedExchange(t *testing.T) {
	_, w := webOrg(t)
	var page string
	done := make(chan struct{})
	w.Open = func(u string) error {
		defer close(done)
		a, _ := url.Parse(u)
		res, err := http.Get(fmt.Sprintf("%s?code=not-a-code&state=%s", w.Config().RedirectURL, a.Query().Get("state")))
		if err != nil {
			return err
		}
		body := new(bytes.Buffer)
		body.ReadFrom(res.Body)
		res.Body.Close()
		page = body.String()
		return nil
	}
	_, err := w.Run(context.Background())
	<-done
	if err == nil || !strings.Contains(page, "login failed") || strings.Contains(page, "connected") {
		t.Fatalf("err %v, page %q", err, page)
	}
}

func TestWebLogin_TimesOut(t *testing.T) {
	_, w := webOrg(t)
	w.Timeout = 100 * time.Millisecond
	w.Open = func(string) error { return nil } // the user never logs in
	_, err := w.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "no login within 100ms") {
		t.Fatalf("error %v", err)
	}
}

func TestWebLogin_DeniedAndWrongVerifier(t *testing.T) {
	srv, w := webOrg(t)
	cfg := w.Config()
	// Ask for a code with one verifier's challenge, capture it, exchange
	// with another verifier.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	code := func() string {
		res, err := noRedirect.Get(cfg.AuthCodeURL("st", oauth2.S256ChallengeOption("the-real-verifier-0123456789012345678901234")))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc, _ := url.Parse(res.Header.Get("Location"))
		return loc.Query().Get("code")
	}
	_, err := cfg.Exchange(context.Background(), code(), oauth2.VerifierOption("a-different-verifier-012345678901234567890"))
	if err == nil || !strings.Contains(err.Error(), "invalid code verifier") {
		t.Fatalf("wrong verifier: %v", err)
	}
	_, err = cfg.Exchange(context.Background(), code())
	if err == nil || !strings.Contains(err.Error(), "invalid code verifier") {
		t.Fatalf("missing verifier: %v", err)
	}
	w.Open = func(u string) error {
		a, _ := url.Parse(u) // the org's error redirect carries the login's state
		return follow(w.Config().RedirectURL + "?error=access_denied&error_description=end-user+denied+authorization&state=" + a.Query().Get("state"))
	}
	if _, err := w.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "login refused: access_denied: end-user denied authorization") {
		t.Fatalf("denied: %v", err)
	}
	_ = srv
}
