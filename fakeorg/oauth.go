package fakeorg

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// RegisterClient adds a connected app (consumer key and secret).
func (o *Org) RegisterClient(id, secret string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.clients[id] = secret
}

// IssueRefreshToken makes a refresh token valid until revoked.
func (o *Org) IssueRefreshToken() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.serial++
	tok := "5Aep861" + makeID("rft", o.serial*104729)
	o.refresh[tok] = true
	return tok
}

// RevokeRefreshToken invalidates a refresh token.
func (o *Org) RevokeRefreshToken(tok string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.refresh, tok)
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	body, _ := json.Marshal(map[string]string{"error": code, "error_description": desc})
	w.Write(body)
}

func (o *Org) serveOAuth(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/services/oauth2/token" || r.Method != http.MethodPost {
		oauthError(w, 404, "not_found", "unknown OAuth endpoint")
		return
	}
	r.ParseForm()
	switch r.PostForm.Get("grant_type") {
	case "refresh_token":
		o.grantRefresh(w, r)
	default:
		oauthError(w, 400, "unsupported_grant_type", "grant type not supported")
	}
}

func (o *Org) grantRefresh(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	secret, knownClient := o.clients[r.PostForm.Get("client_id")]
	validRefresh := o.refresh[r.PostForm.Get("refresh_token")]
	o.mu.Unlock()
	if !knownClient {
		oauthError(w, 400, "invalid_client_id", "client identifier invalid")
		return
	}
	if s := r.PostForm.Get("client_secret"); s != "" && s != secret {
		oauthError(w, 400, "invalid_client", "invalid client credentials")
		return
	}
	if !validRefresh {
		oauthError(w, 400, "invalid_grant", "expired access/refresh token")
		return
	}
	o.Counters.TokenGrants.Add(1)
	o.writeToken(w, r, o.IssueToken())
}

// writeToken answers a token grant the way Salesforce does: no expires_in,
// issued_at in milliseconds.
func (o *Org) writeToken(w http.ResponseWriter, r *http.Request, access string) {
	base := "http://" + r.Host
	body := map[string]string{
		"access_token": access,
		"instance_url": base,
		"id":           base + "/id/" + o.OrgID() + "/" + o.AdminID(),
		"token_type":   "Bearer",
		"issued_at":    strconv.FormatInt(time.Now().UnixMilli(), 10),
		"signature":    "c2lnbmF0dXJl",
		"scope":        "api refresh_token",
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	json.NewEncoder(w).Encode(body)
}

// OrgID is the Organization record's Id.
func (o *Org) OrgID() string { return makeID("00D", 1) }

// AdminID is the Id of the user tokens are issued to.
func (o *Org) AdminID() string { return makeID("005", 1) }
