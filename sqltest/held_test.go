package sqltest

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Once every row of User is held, a narrower filter — any predicate the
// generator makes, ordered, limited, counted — costs no request, and its
// rows are still SQLite's on the local copy. Joins into the held rows read
// them too.
func TestCache_ServesANarrowerFilterFromAHeldWholeScan(t *testing.T) {
	h, g := differentialSetupWith(t, 45, Options{CacheTTL: time.Hour})
	h.MustQuery(t, "select * from salesforce_user")
	srv := h.Org
	mismatches, queries := 0, 0
	for i := 0; i < 400 && mismatches < 5; i++ {
		d := g.single()
		if i%2 == 1 {
			d = g.count()
		}
		srv.ResetCounters()
		if !compareOnce(t, h, d) {
			mismatches++
		}
		if n := srv.Counters.Requests.Load(); n != 0 {
			t.Errorf("%s: %d requests with every row held (SOQL %s)", d.query, n, last(h.SOQL))
			mismatches++
		}
		queries++
	}
	if queries < 400 {
		t.Fatalf("stopped after %d queries", queries)
	}
	srv.ResetCounters()
	rows := h.MustQuery(t, "select u.username, m.username from salesforce_user u join salesforce_user m on m.id = u.manager_id where u.is_active = 1")
	if len(rows) == 0 || srv.Counters.Requests.Load() != 0 {
		t.Fatalf("self-join over the held rows: %d rows, %d requests", len(rows), srv.Counters.Requests.Load())
	}
}

// The plan says so, and when the held scan has expired by the time the
// statement runs, the terms go to Salesforce after all — re-checked by
// SQLite, so the rows are the same.
func TestCache_AHeldScanGoneAtRunTimeStillGivesTheRows(t *testing.T) {
	h, _ := differentialSetupWith(t, 46, Options{CacheTTL: time.Hour})
	q := "select username from salesforce_user where is_active = 0 and username like 'a%' order by username"
	want := h.MustQuery(t, q)
	h.MustQuery(t, "select * from salesforce_user")
	stmt, err := h.Conn.PrepareContext(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer stmt.Close()
	h.Org.ResetCounters()
	if err := drain(stmt); err != nil || h.Org.Counters.Requests.Load() != 0 {
		t.Fatalf("planned with every row held: %v, %d requests", err, h.Org.Counters.Requests.Load())
	}
	h.Engine.ClearCache()
	rows, err := stmt.QueryContext(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		got = append(got, []string{"s:" + name})
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after the held scan went: %v, want %v", got, want)
	}
	if n := h.Org.Counters.Requests.Load(); n == 0 {
		t.Fatalf("no request: the dropped scan still served")
	}
	if last := h.SOQL[len(h.SOQL)-1]; !strings.Contains(last, "IsActive = false") {
		t.Fatalf("the terms were not pushed when the held scan was gone: %s", last)
	}
}

func drain(stmt *sql.Stmt) error {
	rows, err := stmt.Query()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

// .explain tells a scan answered from held rows from one that is sent.
func TestExplain_SaysAHeldScanSendsNothing(t *testing.T) {
	h, _ := differentialSetupWith(t, 47, Options{CacheTTL: time.Hour})
	q := "explain query plan select username from salesforce_user where is_active = 0"
	held := func() bool {
		rows := h.MustQuery(t, q)
		idx := rows[0][3][strings.Index(rows[0][3], "{"):]
		sp, err := h.Engine.Explain(idx)
		if err != nil {
			t.Fatal(err)
		}
		return sp.Held
	}
	if held() {
		t.Fatal("held before any scan")
	}
	h.MustQuery(t, "select username, is_active from salesforce_user")
	if !held() {
		t.Fatal("not held after every row was read")
	}
}
