package fakeorg

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func newTestOrg(t *testing.T, users int) *Server {
	t.Helper()
	o, err := New()
	if err != nil {
		t.Fatal(err)
	}
	Seed(o, SeedOptions{Users: users})
	s := o.Start()
	t.Cleanup(s.Close)
	return s
}

func get(t *testing.T, s *Server, path string, hdr map[string]string) (int, http.Header, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", s.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+s.Token)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body io.Reader = res.Body
	if res.Header.Get("Content-Encoding") == "gzip" {
		body, _ = gzip.NewReader(res.Body)
	}
	data, _ := io.ReadAll(body)
	return res.StatusCode, res.Header, data
}

func query(t *testing.T, s *Server, q string) (int, map[string]any) {
	t.Helper()
	status, _, body := get(t, s, "/services/data/v62.0/query?q="+url.QueryEscape(q), nil)
	var out any
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("%s: %v: %s", q, err, body)
	}
	if m, ok := out.(map[string]any); ok {
		return status, m
	}
	return status, map[string]any{"errors": out}
}

func TestQuery_Basics(t *testing.T) {
	s := newTestOrg(t, 300)
	cases := []struct {
		q      string
		status int
		want   string
	}{
		{"SELECT Id, Username, Profile.Name FROM User WHERE IsActive = false LIMIT 3", 200, `"Profile":{`},
		{"select count() from user", 200, `"totalSize":300`},
		{"SELECT Id FROM User WHERE Profile.Name = 'system administrator'", 200, `"totalSize":9`},
		{"SELECT Id FROM User WHERE LastName LIKE 'o\\'b%'", 200, `"done":true`},
		{"SELECT Bacon__c FROM User", 400, `No such column 'Bacon__c' on entity 'User'`},
		{"SELECT Id FROM Contact", 400, `INVALID_TYPE`},
		{"SELEKT Id FROM User", 400, `unexpected token: SELEKT`},
		{"SELECT Id FROM User WHERE IsActive = 'true'", 400, `must be of type boolean`},
		{"SELECT Id FROM User WHERE Id = 'abc'", 400, `INVALID_QUERY_FILTER_OPERATOR`},
		{"SELECT Id FROM User WHERE CreatedDate > LAST_N_DAYS:30 ORDER BY Username DESC NULLS LAST", 200, `"done":true`},
		{"SELECT Id FROM SecurityHealthCheck", 400, `INVALID_TYPE`},
		{"SELECT COUNT(Id) c FROM User", 200, `"c":300`},
	}
	for _, c := range cases {
		status, out := query(t, s, c.q)
		body, _ := json.Marshal(out)
		if status != c.status || !strings.Contains(string(body), c.want) {
			t.Errorf("%s: status %d body %.300s; want %d containing %s", c.q, status, body, c.status, c.want)
		}
	}
}

func TestQuery_PagingWithLocators(t *testing.T) {
	s := newTestOrg(t, 2500)
	status, page := query(t, s, "SELECT Id FROM User")
	if status != 200 || page["done"] != false || len(page["records"].([]any)) != 2000 {
		t.Fatalf("first page: %d done=%v", status, page["done"])
	}
	next := page["nextRecordsUrl"].(string)
	if !strings.HasPrefix(next, "/services/data/v62.0/query/0r8") || !strings.HasSuffix(next, "-2000") {
		t.Fatalf("nextRecordsUrl %q", next)
	}
	status, _, body := get(t, s, next, nil)
	var p2 map[string]any
	json.Unmarshal(body, &p2)
	if status != 200 || p2["done"] != true || len(p2["records"].([]any)) != 500 {
		t.Fatalf("second page: %d %.200s", status, body)
	}
	status, _, _ = get(t, s, "/services/data/v62.0/query/0r8000000000000AAA-2000", nil)
	if status != 400 {
		t.Fatalf("unknown locator: %d", status)
	}
	_, _, body = get(t, s, "/services/data/v62.0/query?q=SELECT+Id+FROM+User", map[string]string{"Sforce-Query-Options": "batchSize=200"})
	json.Unmarshal(body, &p2)
	if len(p2["records"].([]any)) != 200 {
		t.Fatalf("batchSize=200 gave %d", len(p2["records"].([]any)))
	}
}
