package fakeorg

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/fixtures/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

var fieldRE = regexp.MustCompile(`([{,])([A-Za-z_0-9]+):(null|s|n|b)`)

// skeleton reduces JSON to its shape: object keys (in order) and value
// kinds, arrays to their first element. Record fields other than the
// structural ones read as F:v, since the recordings queried other objects.
func skeleton(t *testing.T, data []byte) string {
	raw := rawSkeleton(t, data)
	return fieldRE.ReplaceAllStringFunc(raw, func(m string) string {
		sub := fieldRE.FindStringSubmatch(m)
		switch sub[2] {
		case "totalSize", "done", "nextRecordsUrl", "type", "url", "label", "version", "Max", "Remaining":
			return m
		}
		return sub[1] + "F:v"
	})
}

func rawSkeleton(t *testing.T, data []byte) string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(data)))
	var b strings.Builder
	var walk func() error
	walk = func() error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				b.WriteString("{")
				for dec.More() {
					k, _ := dec.Token()
					b.WriteString(k.(string) + ":")
					if err := walk(); err != nil {
						return err
					}
					b.WriteString(",")
				}
				dec.Token()
				b.WriteString("}")
			case '[':
				b.WriteString("[")
				first := true
				for dec.More() {
					if first {
						if err := walk(); err != nil {
							return err
						}
						first = false
						continue
					}
					var skip json.RawMessage
					dec.Decode(&skip)
				}
				dec.Token()
				b.WriteString("]")
			}
		case string:
			b.WriteString("s")
		case float64:
			b.WriteString("n")
		case bool:
			b.WriteString("b")
		case nil:
			b.WriteString("null")
		}
		return nil
	}
	if err := walk(); err != nil {
		t.Fatalf("skeleton of %s: %v", data, err)
	}
	return b.String()
}

func TestFixtures_ErrorBodiesMatchRecordings(t *testing.T) {
	s := newTestOrg(t, 50)
	cases := []struct {
		fixture, path string
		status        int
		token         bool
	}{
		{"error_invalid_session_id.json", "/services/data/v62.0/query?q=SELECT+Id+FROM+User", 401, false},
		{"error_malformed_query.json", "/services/data/v62.0/query?q=SELEKT+Id+FROM+User", 400, true},
		{"error_invalid_field.json", "/services/data/v62.0/query?q=SELECT+Bacon__c+FROM+Account+LIMIT+2", 400, true},
		{"error_not_found_bad_version.json", "/services/data/viAmABadVersion/query?q=x", 404, true},
	}
	for _, c := range cases {
		tok := s.Token
		if !c.token {
			s.Token = "expired"
		}
		status, hdr, body := get(t, s, c.path, nil)
		s.Token = tok
		if status != c.status || string(body) != strings.TrimSpace(string(fixture(t, c.fixture))) {
			t.Errorf("%s: %d %s\nrecorded: %s", c.fixture, status, body, fixture(t, c.fixture))
		}
		if c.status == 401 && (hdr.Get("WWW-Authenticate") != "Token" || hdr.Get("Sforce-Limit-Info") != "") {
			t.Errorf("401 headers %v: want WWW-Authenticate: Token and no Sforce-Limit-Info", hdr)
		}
		if c.status == 400 && !regexp.MustCompile(`^api-usage=\d+/\d+$`).MatchString(hdr.Get("Sforce-Limit-Info")) {
			t.Errorf("400 without Sforce-Limit-Info: %v", hdr)
		}
	}
}

func TestFixtures_QueryShapesMatchRecordings(t *testing.T) {
	s := newTestOrg(t, 2500)
	_, hdr, page1 := get(t, s, "/services/data/v53.0/query?q=SELECT+FirstName,+FederationIdentifier+FROM+User", nil)
	if got, want := skeleton(t, page1), skeleton(t, fixture(t, "query_page1.json")); got != want {
		t.Errorf("page 1 shape\n got %s\nwant %s", got, want)
	}
	var p struct{ NextRecordsURL string }
	json.Unmarshal(page1, &p)
	if !regexp.MustCompile(`^/services/data/v53\.0/query/0r8[0-9A-Za-z]{15}-2000$`).MatchString(p.NextRecordsURL) {
		t.Errorf("nextRecordsUrl %q", p.NextRecordsURL)
	}
	if hdr.Get("Content-Type") != "application/json;charset=UTF-8" || hdr.Get("Vary") != "Accept-Encoding" {
		t.Errorf("headers %v", hdr)
	}
	_, _, page2 := get(t, s, p.NextRecordsURL, nil)
	if got, want := skeleton(t, page2), strings.Replace(skeleton(t, fixture(t, "query_page2.json")), "nextRecordsUrl:s,", "", 1); got != want {
		t.Errorf("last page shape\n got %s\nwant %s", got, want)
	}
	_, _, parent := get(t, s, "/services/data/v53.0/query?q=SELECT+Name,+Owner.Name+from+Account+LIMIT+1", nil)
	if got, want := skeleton(t, parent), skeleton(t, fixture(t, "query_parent_relationship.json")); got != want {
		t.Errorf("parent relationship shape\n got %s\nwant %s", got, want)
	}
	var rec struct {
		Records []struct {
			Attributes struct{ Type, URL string }
		}
	}
	json.Unmarshal(parent, &rec)
	if a := rec.Records[0].Attributes; a.Type != "Account" || !regexp.MustCompile(`^/services/data/v53\.0/sobjects/Account/001[0-9A-Za-z]{15}$`).MatchString(a.URL) {
		t.Errorf("attributes %+v", a)
	}
}

func TestFixtures_VersionsAndLimits(t *testing.T) {
	s := newTestOrg(t, 10)
	_, _, versions := get(t, s, "/services/data/", nil)
	if got, want := skeleton(t, versions), skeleton(t, fixture(t, "versions.json")); got != want {
		t.Errorf("versions shape %s, want %s", got, want)
	}
	_, _, limits := get(t, s, "/services/data/v62.0/limits", nil)
	var ours, recorded map[string]map[string]any
	json.Unmarshal(limits, &ours)
	json.Unmarshal(fixture(t, "limits.json"), &recorded)
	for name, v := range ours {
		if r, ok := recorded[name]; ok && !reflect.DeepEqual(keys(v), keys(r)) {
			t.Errorf("limit %s keys %v, recorded %v", name, keys(v), keys(r))
		}
	}
	if _, ok := ours["DailyApiRequests"]; !ok {
		t.Error("no DailyApiRequests")
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
