package session_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/session"
	"github.com/sfsql/sfsql/sqltest"
)

// TestOpen_OnlyTheSessionsConnectionHasTheTables: a plain SQLite
// connection in the same process — a store file, say — sees no salesforce
// tables and no sfsql functions.
func TestOpen_OnlyTheSessionsConnectionHasTheTables(t *testing.T) {
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 20})
	s, err := session.Open(context.Background(), session.Options{Client: sqltest.ClientFor(srv, nil, 0)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, rows, err := s.Query(context.Background(), "select count(*) from salesforce_user"); err != nil || rows[0][0] == int64(0) {
		t.Fatalf("session: %v %v", rows, err)
	}
	plain, err := sql.Open("sqlite3", t.TempDir()+"/store.db")
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	for _, q := range []string{"select count(*) from salesforce_user", "select sfsql_version()", "select * from soql('SELECT Id FROM User')"} {
		_, err := plain.Exec(q)
		if err == nil || !(strings.Contains(err.Error(), "no such table") || strings.Contains(err.Error(), "no such function")) {
			t.Errorf("%s on a plain connection: %v", q, err)
		}
	}
	// And a second session is its own: its engine, its connection.
	s2, err := session.Open(context.Background(), session.Options{Client: sqltest.ClientFor(srv, nil, 0)})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if s2.Engine == s.Engine {
		t.Fatal("two sessions share an engine")
	}
}
