package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"golang.org/x/oauth2"
)

// SFOrg is what `sf org display --json` says of a login.
type SFOrg struct {
	AccessToken string `json:"accessToken"`
	InstanceURL string `json:"instanceUrl"`
	Username    string `json:"username"`
	ID          string `json:"id"` // the org id
	Alias       string `json:"alias"`
}

// SFCLI reuses a Salesforce CLI login: each renewal asks `sf org display`,
// which refreshes the token itself.
func SFCLI(alias string) *Regrant {
	return &Regrant{Grant: func(ctx context.Context) (*oauth2.Token, error) {
		org, err := DisplaySFOrg(ctx, alias)
		if err != nil {
			return nil, err
		}
		return WithInstanceURL(&oauth2.Token{AccessToken: org.AccessToken, TokenType: "Bearer"}, org.InstanceURL), nil
	}}
}

// DisplaySFOrg runs `sf org display --target-org ALIAS --json`.
func DisplaySFOrg(ctx context.Context, alias string) (*SFOrg, error) {
	cmd := exec.CommandContext(ctx, "sf", "org", "display", "--target-org", alias, "--json")
	out, err := cmd.Output()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return nil, fmt.Errorf("run the Salesforce CLI (sf): %w", err)
	}
	var res struct {
		Status  int    `json:"status"`
		Message string `json:"message"`
		Result  SFOrg  `json:"result"`
	}
	if json.Unmarshal(out, &res) != nil {
		return nil, fmt.Errorf("sf org display --target-org %s: unexpected output", alias)
	}
	if res.Status != 0 || res.Result.AccessToken == "" {
		msg := strings.TrimSpace(res.Message)
		if msg == "" {
			msg = "no access token"
		}
		return nil, fmt.Errorf("sf org display --target-org %s: %s", alias, msg)
	}
	return &res.Result, nil
}
