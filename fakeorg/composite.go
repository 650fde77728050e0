package fakeorg

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
)

// serveCollection answers GET/POST composite/sobjects/<Object>: records by
// Id, null for an Id that matches nothing.
func (o *Org) serveCollection(w http.ResponseWriter, r *http.Request, version, usage, name string) error {
	obj := o.objectFor(name, false)
	if obj == nil {
		return errNotFound
	}
	ids, fields := strings.Split(r.URL.Query().Get("ids"), ","), strings.Split(r.URL.Query().Get("fields"), ",")
	if r.Method == http.MethodPost {
		var body struct{ IDs, Fields []string }
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			return &apiError{400, "JSON_PARSER_ERROR", err.Error()}
		}
		ids, fields = body.IDs, body.Fields
	}
	if len(ids) == 0 || ids[0] == "" || len(fields) == 0 || fields[0] == "" {
		return &apiError{400, "MISSING_ARGUMENT", "ids and fields are required"}
	}
	c := &compiled{object: obj}
	for _, f := range fields {
		field := obj.Field(f)
		if field == nil {
			return &apiError{400, "INVALID_FIELD", "No such column '" + f + "' on sobject of type " + obj.Name}
		}
		c.items = append(c.items, &path{field: field, names: []string{field.Name}})
	}
	o.Counters.Composite.Add(1)
	tree := buildSelectTree(o.Store, c)
	var b bytes.Buffer
	b.WriteByte('[')
	o.Store.mu.RLock()
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		rec := o.Store.lookup(id)
		if rec == nil || rec[goneKey] == true || o.Store.objectForID(id) != obj {
			b.WriteString("null")
			continue
		}
		o.Store.writeRecord(&b, tree, rec, version)
		o.Counters.Rows.Add(1)
	}
	o.Store.mu.RUnlock()
	b.WriteByte(']')
	writeBody(w, r, 200, b.Bytes(), usage)
	return nil
}

type subrequest struct {
	Method      string `json:"method"`
	URL         string `json:"url"`
	ReferenceID string `json:"referenceId"`
}

// serveComposite runs GET subrequests (queries too long for a URL travel
// this way) and wraps each answer.
func (o *Org) serveComposite(w http.ResponseWriter, r *http.Request, version, usage string) error {
	var req struct {
		CompositeRequest []subrequest `json:"compositeRequest"`
	}
	if r.Method != http.MethodPost || json.NewDecoder(r.Body).Decode(&req) != nil || len(req.CompositeRequest) == 0 {
		return &apiError{400, "JSON_PARSER_ERROR", "compositeRequest is required"}
	}
	if len(req.CompositeRequest) > 25 {
		return &apiError{400, "INVALID_INPUT", "Limit of 25 subrequests exceeded"}
	}
	if queryLike(req.CompositeRequest) > 5 {
		return &apiError{400, "INVALID_INPUT", "A composite request can have at most 5 query operations (query, queryAll, query more) or sObject collections"}
	}
	o.Counters.Composite.Add(1)
	var results []map[string]any
	for _, sub := range req.CompositeRequest {
		results = append(results, o.runSubrequest(r, version, sub))
	}
	writeJSON(w, r, 200, map[string]any{"compositeResponse": results}, usage)
	return nil
}

// queryLike counts the subrequests Salesforce limits to five per call.
func queryLike(subs []subrequest) int {
	n := 0
	for _, s := range subs {
		u, err := url.Parse(s.URL)
		if err != nil {
			continue
		}
		p := u.Path
		if strings.Contains(p, "/query") || strings.Contains(p, "/queryAll") || strings.Contains(p, "/composite/sobjects") {
			n++
		}
	}
	return n
}

func (o *Org) runSubrequest(r *http.Request, version string, sub subrequest) map[string]any {
	u, err := url.Parse(sub.URL)
	rec := httptest.NewRecorder()
	if err != nil || sub.Method != http.MethodGet {
		writeError(rec, &apiError{400, "INVALID_INPUT", "only GET subrequests are supported"}, "")
	} else {
		inner := r.Clone(r.Context())
		inner.Method, inner.URL, inner.RequestURI = http.MethodGet, u, ""
		inner.Header.Del("Accept-Encoding")
		rest := strings.TrimPrefix(u.Path, "/services/data/")
		_, route, _ := strings.Cut(rest, "/")
		if err := o.route(rec, inner, version, route, ""); err != nil {
			writeError(rec, err, "")
		}
	}
	var body json.RawMessage = rec.Body.Bytes()
	if !json.Valid(body) {
		body = json.RawMessage("null")
	}
	return map[string]any{"body": body, "httpStatusCode": rec.Code, "referenceId": sub.ReferenceID, "httpHeaders": map[string]string{}}
}
