package fakeorg

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// authorize plays the login and consent pages: the user is signed in as
// the admin and approves at once, so the browser is redirected back to the
// callback with a code, as Salesforce does after a login.
func (o *Org) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	o.mu.Lock()
	app := o.apps[q.Get("client_id")]
	o.mu.Unlock()
	redirect := q.Get("redirect_uri")
	if app == nil {
		http.Error(w, "error=invalid_client_id&error_description=client+identifier+invalid", http.StatusBadRequest)
		return
	}
	if !app.allowsCallback(redirect) {
		http.Error(w, "error=redirect_uri_mismatch&error_description=redirect_uri+must+match+configuration", http.StatusBadRequest)
		return
	}
	back, _ := url.Parse(redirect)
	v := back.Query()
	if q.Get("response_type") != "code" {
		v.Set("error", "unsupported_response_type")
		v.Set("error_description", "response type not supported")
	} else if c := q.Get("code_challenge"); c != "" && q.Get("code_challenge_method") != "S256" {
		v.Set("error", "invalid_request")
		v.Set("error_description", "invalid code_challenge_method")
	} else {
		o.mu.Lock()
		o.serial++
		code := "aPrx" + makeID("cod", o.serial*7717)
		o.codes[code] = &grant{client: app.ClientID, user: o.AdminID(), redirect: redirect, challenge: q.Get("code_challenge"),
			scope: scopeOf(q.Get("scope")), expires: time.Now().Add(15 * time.Minute)}
		o.mu.Unlock()
		v.Set("code", code)
	}
	if s := q.Get("state"); s != "" {
		v.Set("state", s)
	}
	back.RawQuery = v.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

func scopeOf(s string) string {
	if s == "" {
		return "api refresh_token"
	}
	return s
}

func (a *ConnectedApp) allowsCallback(redirect string) bool {
	if len(a.CallbackURLs) == 0 {
		u, err := url.Parse(redirect)
		return err == nil && (u.Hostname() == "127.0.0.1" || u.Hostname() == "localhost")
	}
	for _, c := range a.CallbackURLs {
		if c == redirect {
			return true
		}
	}
	return false
}

func (o *Org) grantCode(w http.ResponseWriter, r *http.Request) {
	app := o.app(w, r, false)
	if app == nil {
		return
	}
	o.mu.Lock()
	code := r.PostForm.Get("code")
	g := o.codes[code]
	delete(o.codes, code) // a code works once
	o.mu.Unlock()
	switch {
	case g == nil || g.client != app.ClientID || time.Now().After(g.expires):
		oauthError(w, 400, "invalid_grant", "invalid authorization code")
	case g.redirect != r.PostForm.Get("redirect_uri"):
		oauthError(w, 400, "invalid_grant", "redirect_uri must match configuration")
	case g.challenge != "" && r.PostForm.Get("code_verifier") == "":
		oauthError(w, 400, "invalid_grant", "invalid code verifier")
	case g.challenge != "" && s256(r.PostForm.Get("code_verifier")) != g.challenge:
		oauthError(w, 400, "invalid_grant", "invalid code verifier")
	default:
		refresh := ""
		if strings.Contains(g.scope, "refresh_token") || strings.Contains(g.scope, "offline_access") {
			o.mu.Lock()
			refresh = o.newRefreshLocked(grant{client: app.ClientID, user: g.user, scope: g.scope})
			o.mu.Unlock()
		}
		o.writeToken(w, r, g.user, g.scope, refresh)
	}
}

func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func (o *Org) grantClientCredentials(w http.ResponseWriter, r *http.Request) {
	app := o.app(w, r, true)
	if app == nil {
		return
	}
	user := o.userByName(app.RunAs)
	if app.RunAs == "" || user == "" {
		oauthError(w, 400, "invalid_grant", "no client credentials user enabled")
		return
	}
	o.writeToken(w, r, user, "api", "")
}

// grantJWT checks a signed assertion: RS256 by the app's certificate, iss
// the consumer key, sub a username, aud this login host, exp to come.
func (o *Org) grantJWT(w http.ResponseWriter, r *http.Request) {
	claims, ok := o.verifyAssertion(r.PostForm.Get("assertion"))
	if !ok {
		oauthError(w, 400, "invalid_grant", "invalid assertion")
		return
	}
	if time.Unix(claims.Exp, 0).Before(time.Now()) {
		oauthError(w, 400, "invalid_grant", "expired authorization code")
		return
	}
	user := o.userByName(claims.Sub)
	if user == "" || claims.Aud != "http://"+r.Host && claims.Aud != "https://login.salesforce.com" && claims.Aud != "https://test.salesforce.com" {
		oauthError(w, 400, "invalid_grant", "user hasn't approved this consumer")
		return
	}
	o.writeToken(w, r, user, "api", "")
}

type jwtClaims struct {
	Iss string `json:"iss"`
	Sub string `json:"sub"`
	Aud string `json:"aud"`
	Exp int64  `json:"exp"`
}

func (o *Org) verifyAssertion(assertion string) (*jwtClaims, bool) {
	parts := strings.Split(assertion, ".")
	if len(parts) != 3 {
		return nil, false
	}
	var header struct{ Alg string }
	var claims jwtClaims
	h, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	c, err2 := base64.RawURLEncoding.DecodeString(parts[1])
	sig, err3 := base64.RawURLEncoding.DecodeString(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || json.Unmarshal(h, &header) != nil || json.Unmarshal(c, &claims) != nil || header.Alg != "RS256" {
		return nil, false
	}
	o.mu.Lock()
	app := o.apps[claims.Iss]
	o.mu.Unlock()
	if app == nil || app.Certificate == nil {
		return nil, false
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if rsa.VerifyPKCS1v15(app.Certificate, crypto.SHA256, digest[:], sig) != nil {
		return nil, false
	}
	return &claims, true
}
