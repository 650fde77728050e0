package sqltest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
)

// The oracle: reference tables built from the fake org's REST JSON, fetched
// and decoded by this file alone — no engine, no client, no bridge — so a
// bug in any of them cannot hide in both sides of a comparison.

// refColumn is one column of a reference table: its SQL name, the
// Salesforce path it comes from, and how its JSON is decoded.
type refColumn struct{ name, path, kind string } // kind: text bool int real datetime date

func (c refColumn) sqlType() string {
	switch c.kind {
	case "bool", "int":
		return "INTEGER"
	case "real":
		return "REAL"
	}
	return "TEXT"
}

var (
	refUserColumns = []refColumn{{"id", "Id", "text"}, {"username", "Username", "text"}, {"name", "Name", "text"},
		{"department", "Department", "text"}, {"title", "Title", "text"}, {"profile_id", "ProfileId", "text"},
		{"manager_id", "ManagerId", "text"}, {"user_role_id", "UserRoleId", "text"}, {"is_active", "IsActive", "bool"},
		{"number_of_failed_logins", "NumberOfFailedLogins", "int"}, {"latitude", "Latitude", "real"},
		{"last_login_date", "LastLoginDate", "datetime"}, {"su_access_expiration_date", "SuAccessExpirationDate", "date"},
		{"profile_name", "Profile.Name", "text"}, {"user_role_name", "UserRole.Name", "text"}, {"user_type", "UserType", "text"},
		{"federation_identifier", "FederationIdentifier", "text"}, {"created_date", "CreatedDate", "datetime"},
		{"interests__c", "Interests__c", "text"}}
	refProfileColumns = []refColumn{{"id", "Id", "text"}, {"name", "Name", "text"}, {"user_type", "UserType", "text"},
		{"permissions_modify_all_data", "PermissionsModifyAllData", "bool"}, {"permissions_api_enabled", "PermissionsApiEnabled", "bool"}}
	refRoleColumns = []refColumn{{"id", "Id", "text"}, {"name", "Name", "text"}, {"parent_role_id", "ParentRoleId", "text"}}
)

// loadReference copies object into the plain table name.
func loadReference(t testing.TB, h *Harness, name, object string, cols []refColumn) {
	t.Helper()
	var defs, paths, marks []string
	for _, c := range cols {
		defs = append(defs, c.name+" "+c.sqlType())
		paths = append(paths, c.path)
		marks = append(marks, "?")
	}
	h.MustQuery(t, "create table "+name+"("+strings.Join(defs, ", ")+")")
	insert := "insert into " + name + " values (" + strings.Join(marks, ", ") + ")"
	for _, rec := range rawRecords(t, h.Org, "SELECT "+strings.Join(paths, ", ")+" FROM "+object) {
		var vals []any
		for _, c := range cols {
			vals = append(vals, refValue(t, rec, c))
		}
		if _, err := h.Conn.ExecContext(t.Context(), insert, vals...); err != nil {
			t.Fatal(err)
		}
	}
}

// rawRecords reads every page of a query over plain HTTP.
func rawRecords(t testing.TB, srv *fakeorg.Server, soql string) []map[string]any {
	t.Helper()
	var out []map[string]any
	next := "/services/data/v62.0/query?q=" + url.QueryEscape(soql)
	for next != "" {
		req, _ := http.NewRequest("GET", srv.URL+next, nil)
		req.Header.Set("Authorization", "Bearer "+srv.Token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", soql, resp.StatusCode, buf.String())
		}
		var page struct {
			Records        []map[string]any `json:"records"`
			NextRecordsURL string           `json:"nextRecordsUrl"`
		}
		dec := json.NewDecoder(&buf)
		dec.UseNumber()
		if err := dec.Decode(&page); err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Records...)
		next = page.NextRecordsURL
	}
	return out
}

// refValue decodes one field the way the README says sfsql presents it:
// booleans 0/1, numbers as integers or reals, datetimes as UTC ISO text
// with milliseconds, everything else as text.
func refValue(t testing.TB, rec map[string]any, c refColumn) any {
	var v any = rec
	for _, p := range strings.Split(c.path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	switch x := v.(type) {
	case nil:
		return nil
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case json.Number:
		if c.kind == "int" {
			i, err := strconv.ParseInt(string(x), 10, 64)
			if err != nil {
				f, _ := strconv.ParseFloat(string(x), 64)
				return int64(f)
			}
			return i
		}
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		return f
	case string:
		if c.kind == "datetime" {
			tm, err := time.Parse("2006-01-02T15:04:05.000-0700", x)
			if err != nil {
				t.Fatalf("%s: %v", c.path, err)
			}
			return tm.UTC().Format("2006-01-02T15:04:05.000Z")
		}
		return x
	}
	t.Fatalf("%s: unexpected JSON %T", c.path, v)
	return nil
}

// loadReferences builds ref_user, ref_profile and ref_role.
func loadReferences(t testing.TB, h *Harness) {
	t.Helper()
	loadReference(t, h, "ref_user", "User", refUserColumns)
	loadReference(t, h, "ref_profile", "Profile", refProfileColumns)
	loadReference(t, h, "ref_role", "UserRole", refRoleColumns)
	n := h.MustQuery(t, "select count(*) from ref_user")
	if n[0][0] == "i:0" {
		t.Fatal("empty reference")
	}
}

func refName(table string) string {
	return map[string]string{"salesforce_user": "ref_user", "salesforce_profile": "ref_profile", "salesforce_user_role": "ref_role",
		"salesforce_login_history": "ref_login"}[table]
}

// asReference rewrites a query over sfsql tables to the reference tables.
func asReference(q string) string {
	for _, tb := range []string{"salesforce_user_role", "salesforce_user", "salesforce_profile", "salesforce_login_history"} {
		q = strings.ReplaceAll(q, tb+" ", refName(tb)+" ")
	}
	return q
}
