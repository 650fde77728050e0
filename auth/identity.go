package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// Identity is who a token belongs to, from the identity URL (the token
// response's "id").
type Identity struct {
	UserID         string `json:"user_id"`
	OrganizationID string `json:"organization_id"`
	Username       string `json:"username"`
	DisplayName    string `json:"display_name"`
}

// WhoAmI reads the identity URL with the token.
func WhoAmI(ctx context.Context, t interface{ Extra(string) any }, accessToken string) (*Identity, error) {
	idURL, _ := t.Extra("id").(string)
	if idURL == "" {
		return nil, fmt.Errorf("the token response names no identity URL")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, idURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("identity: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("identity: HTTP %d", res.StatusCode)
	}
	var id Identity
	if err := json.NewDecoder(res.Body).Decode(&id); err != nil {
		return nil, fmt.Errorf("identity: %w", err)
	}
	return &id, nil
}
