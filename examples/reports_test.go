// Package examples holds the SQL reports and extension samples that ship
// with sfsql; its test runs every report against the demo org.
package examples

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/shell"
	"github.com/sfsql/sfsql/sqltest"
)

// minRows is what each report must find in the seeded org: the planted
// findings.
var minRows = map[string]int{
	"privileged_users.sql": 20, "dormant_users.sql": 50, "permission_matrix.sql": 15,
	"permission_sets_on_inactive_users.sql": 10, "login_failures_by_ip.sql": 1, "recent_setup_changes.sql": 20,
	"profile_comparison.sql": 11, "license_usage.sql": 8, "admins_without_mfa.sql": 3, "guest_access.sql": 2,
}

func TestReports_RunAgainstTheDemoOrg(t *testing.T) {
	files, _ := filepath.Glob("reports/*.sql")
	if len(files) < 8 {
		t.Fatalf("%d reports, want at least 8", len(files))
	}
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Now: time.Now()})
	h := sqltest.Open(t, srv, sqltest.Options{CacheTTL: time.Minute})
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			want, ok := minRows[name]
			if !ok {
				t.Fatalf("no expectation for %s", name)
			}
			text, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var out, errOut bytes.Buffer
			sh, err := shell.New(shell.Config{Session: h.Session, Stdout: &out, Stderr: &errOut,
				Format: "csv", Headers: true, Params: map[string]string{"days": "7"}})
			if err != nil {
				t.Fatal(err)
			}
			if err := sh.RunScript(context.Background(), file, string(text)); err != nil {
				t.Fatal(err)
			}
			rows := strings.Count(out.String(), "\n") - 1
			if rows < want {
				t.Fatalf("%d rows, want at least %d:\n%s", rows, want, out.String())
			}
			if !strings.HasPrefix(string(text), "-- ") {
				t.Error("a report starts with a comment saying what it finds")
			}
		})
	}
}
