// Package auth yields the oauth2.TokenSources sfsql connects with: a static
// access token, and refresh-token flows that can be told a token was refused.
package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/oauth2"
)

// Renewer is a TokenSource that can replace a token the server refused
// (401 INVALID_SESSION_ID): Salesforce tokens carry no expiry.
type Renewer interface {
	oauth2.TokenSource
	Renew(ctx context.Context, stale *oauth2.Token) (*oauth2.Token, error)
}

// WithInstanceURL attaches the instance URL to a token the way the token
// endpoint's response does.
func WithInstanceURL(t *oauth2.Token, instanceURL string) *oauth2.Token {
	return t.WithExtra(map[string]any{"instance_url": strings.TrimRight(instanceURL, "/")})
}

// InstanceURL reads the instance URL a token was issued for.
func InstanceURL(t *oauth2.Token) string {
	s, _ := t.Extra("instance_url").(string)
	return strings.TrimRight(s, "/")
}

// Static is a fixed access token, for SFSQL_ACCESS_TOKEN and --access-token.
func Static(accessToken, instanceURL string) oauth2.TokenSource {
	return oauth2.StaticTokenSource(WithInstanceURL(&oauth2.Token{AccessToken: accessToken, TokenType: "Bearer"}, instanceURL))
}

// ErrReauthenticate means the refresh token no longer works: the user must
// log in again.
var ErrReauthenticate = errors.New("the refresh token was refused")

// RefreshTokenSource renews access tokens with a refresh token; concurrent
// renewals of the same stale token coalesce into one token request.
func RefreshTokenSource(cfg *oauth2.Config, refreshToken, instanceURL string) *Regrant {
	return &Regrant{InstanceURL: instanceURL, Grant: func(ctx context.Context) (*oauth2.Token, error) {
		return refreshGrant(ctx, cfg, refreshToken)
	}}
}

// refreshGrant is one refresh_token grant; a refused refresh token is
// ErrReauthenticate, with the server's reason.
func refreshGrant(ctx context.Context, cfg *oauth2.Config, refreshToken string) (*oauth2.Token, error) {
	t, err := cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: refreshToken}).Token()
	if err == nil {
		return t, nil
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.ErrorCode == "invalid_grant" {
		return nil, fmt.Errorf("%w (%s)", ErrReauthenticate, re.ErrorDescription)
	}
	return nil, fmt.Errorf("refresh access token: %w", redact(describeRetrieve(err), refreshToken))
}

// redact removes a secret from an error's text.
func redact(err error, secret string) error {
	if secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), secret, "[redacted]"))
}
