package fakeorg

import (
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ConnectedApp is an OAuth client of the org, as an admin sets it up.
type ConnectedApp struct {
	ClientID     string
	ClientSecret string
	CallbackURLs []string       // exact redirect URIs allowed; none = any loopback URL
	Certificate  *rsa.PublicKey // for the JWT bearer flow
	// RunAs is the user client-credential tokens act as; "" disables the flow.
	RunAs string
	// RotateRefreshTokens issues a new refresh token with each refresh and
	// revokes the old one.
	RotateRefreshTokens bool
}

// grant is what a refresh token or authorization code stands for.
type grant struct {
	client    string
	user      string
	redirect  string
	challenge string
	scope     string
	expires   time.Time
}

// AddConnectedApp registers an app.
func (o *Org) AddConnectedApp(app ConnectedApp) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.apps[app.ClientID] = &app
}

// RegisterClient adds a connected app with a secret and loopback callbacks.
func (o *Org) RegisterClient(id, secret string) {
	o.AddConnectedApp(ConnectedApp{ClientID: id, ClientSecret: secret})
}

// IssueRefreshToken makes a refresh token (valid until revoked) for the
// admin user, as if an earlier login had produced it.
func (o *Org) IssueRefreshToken() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.newRefreshLocked(grant{user: o.AdminID(), scope: "api refresh_token"})
}

func (o *Org) newRefreshLocked(g grant) string {
	o.serial++
	tok := "5Aep861" + makeID("rft", o.serial*104729)
	o.refresh[tok] = &g
	o.issued = append(o.issued, tok)
	return tok
}

// RevokeRefreshToken invalidates a refresh token.
func (o *Org) RevokeRefreshToken(tok string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.refresh, tok)
}

// RefreshTokenValid reports whether a refresh token still works.
func (o *Org) RefreshTokenValid(tok string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.refresh[tok] != nil
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	body, _ := json.Marshal(map[string]string{"error": code, "error_description": desc})
	w.Write(body)
}

func (o *Org) serveOAuth(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/services/oauth2/authorize" && r.Method == http.MethodGet:
		o.authorize(w, r)
	case r.URL.Path == "/services/oauth2/token" && r.Method == http.MethodPost:
		o.token(w, r)
	case r.URL.Path == "/services/oauth2/revoke" && r.Method == http.MethodPost:
		o.revoke(w, r)
	default:
		oauthError(w, 404, "not_found", "unknown OAuth endpoint")
	}
}

func (o *Org) token(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	switch r.PostForm.Get("grant_type") {
	case "refresh_token":
		o.grantRefresh(w, r)
	case "authorization_code":
		o.grantCode(w, r)
	case "urn:ietf:params:oauth:grant-type:jwt-bearer":
		o.grantJWT(w, r)
	case "client_credentials":
		o.grantClientCredentials(w, r)
	default:
		oauthError(w, 400, "unsupported_grant_type", "grant type not supported")
	}
}

// app checks the client id, and the secret when one is sent.
func (o *Org) app(w http.ResponseWriter, r *http.Request, needSecret bool) *ConnectedApp {
	o.mu.Lock()
	app := o.apps[r.PostForm.Get("client_id")]
	o.mu.Unlock()
	if app == nil {
		oauthError(w, 400, "invalid_client_id", "client identifier invalid")
		return nil
	}
	secret := r.PostForm.Get("client_secret")
	if (needSecret && secret == "") || (secret != "" && secret != app.ClientSecret) {
		oauthError(w, 400, "invalid_client", "invalid client credentials")
		return nil
	}
	return app
}

func (o *Org) grantRefresh(w http.ResponseWriter, r *http.Request) {
	app := o.app(w, r, false)
	if app == nil {
		return
	}
	o.mu.Lock()
	old := r.PostForm.Get("refresh_token")
	g := o.refresh[old]
	if g == nil || (g.client != "" && g.client != app.ClientID) {
		o.mu.Unlock()
		oauthError(w, 400, "invalid_grant", "expired access/refresh token")
		return
	}
	rotated := ""
	if app.RotateRefreshTokens {
		delete(o.refresh, old)
		rotated = o.newRefreshLocked(*g)
	}
	o.mu.Unlock()
	o.writeToken(w, r, g.user, g.scope, rotated)
}

// writeToken answers a token grant the way Salesforce does: no expires_in,
// issued_at in milliseconds.
func (o *Org) writeToken(w http.ResponseWriter, r *http.Request, user, scope, refresh string) {
	o.Counters.TokenGrants.Add(1)
	base := "http://" + r.Host
	body := map[string]string{
		"access_token": o.IssueToken(),
		"instance_url": base,
		"id":           base + "/id/" + o.OrgID() + "/" + user,
		"token_type":   "Bearer",
		"issued_at":    strconv.FormatInt(time.Now().UnixMilli(), 10),
		"signature":    "c2lnbmF0dXJl",
		"scope":        scope,
	}
	if refresh != "" {
		body["refresh_token"] = refresh
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	json.NewEncoder(w).Encode(body)
}

func (o *Org) revoke(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	tok := r.PostForm.Get("token")
	o.mu.Lock()
	_, isRefresh := o.refresh[tok]
	isAccess := o.tokens[tok]
	delete(o.refresh, tok)
	delete(o.tokens, tok)
	o.mu.Unlock()
	if !isRefresh && !isAccess {
		oauthError(w, 400, "invalid_token", "invalid token")
		return
	}
	w.WriteHeader(http.StatusOK)
}

// OrgID is the Organization record's Id: SeedOptions.OrgNumber picks it,
// so several fake orgs can be told apart.
func (o *Org) OrgID() string { return makeID("00D", max(o.orgNumber, 1)) }

// AdminID is the Id of the user interactive logins sign in as.
func (o *Org) AdminID() string { return makeID("005", 1) }

// userByName finds a user Id by username.
func (o *Org) userByName(username string) string {
	for _, u := range o.Store.Rows("User") {
		if strings.EqualFold(u["Username"].(string), username) {
			return u["Id"].(string)
		}
	}
	return ""
}

// serveIdentity answers the identity URL a token response names (the "id"
// field): who the token belongs to.
func (o *Org) serveIdentity(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	valid := o.tokens[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
	o.mu.Unlock()
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/id/"), "/")
	if !valid {
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte("Bad_OAuth_Token"))
		return
	}
	if len(parts) != 2 || parts[0] != o.OrgID() || o.Store.Get(parts[1]) == nil {
		writeError(w, errNotFound, "")
		return
	}
	u := o.Store.Get(parts[1])
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "http://" + r.Host + r.URL.Path, "user_id": parts[1], "organization_id": parts[0],
		"username": u["Username"], "display_name": u["Name"], "email": u["Email"], "active": u["IsActive"],
	})
}

// Secrets lists every access token, refresh token and client secret the
// org has issued or knows, so tests can check none leaks.
func (o *Org) Secrets() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []string
	for t := range o.tokens {
		out = append(out, t)
	}
	for t := range o.refresh {
		out = append(out, t)
	}
	for _, a := range o.apps {
		if a.ClientSecret != "" {
			out = append(out, a.ClientSecret)
		}
	}
	return append(out, o.issued...)
}

// RevokeEverything invalidates every access and refresh token: an admin
// revoked the app's access.
func (o *Org) RevokeEverything() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.tokens, o.refresh = map[string]bool{}, map[string]*grant{}
}
