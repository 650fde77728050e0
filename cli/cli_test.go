package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/sqltest"
)

func startOrg(t *testing.T) *fakeorg.Server {
	return sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 120})
}

func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string {
		if k == "SFSQL_CACHE_DIR" {
			return t.TempDir()
		}
		return env[k]
	}
	code := Main(context.Background(), args, IO{Stdout: &out, Stderr: &errOut, Getenv: getenv, StdinIsTTY: true})
	return code, out.String(), errOut.String()
}

func TestMain_DemoRuns(t *testing.T) {
	code, out, errOut := run(t, nil, "--demo", "-c", "select username, profile_name from salesforce_user where is_active = 0 limit 5")
	if code != 0 || strings.Count(out, "@acme.example.com") != 5 || errOut != "" {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
}

func TestMain_EnvironmentAndJSON(t *testing.T) {
	srv := startOrg(t)
	env := map[string]string{"SFSQL_INSTANCE_URL": srv.URL, "SFSQL_ACCESS_TOKEN": srv.Token}
	code, out, errOut := run(t, env, "--format", "json", "-c", "select id, name from salesforce_profile order by name limit 2; select count(*) as n from salesforce_user")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	var profiles []map[string]any
	var count []map[string]any
	if err := dec.Decode(&profiles); err != nil || len(profiles) != 2 || profiles[0]["name"] == nil {
		t.Fatalf("first result %v (%v) in %s", profiles, err, out)
	}
	if err := dec.Decode(&count); err != nil || count[0]["n"] != float64(120) {
		t.Fatalf("second result %v (%v)", count, err)
	}
}

func TestMain_ErrorsAreOneLineAndExitOne(t *testing.T) {
	srv := startOrg(t)
	good := []string{"--instance-url", srv.URL, "--access-token", srv.Token}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown table", append(good, "-c", "select * from salesforce_nope"), "no such table: salesforce_nope"},
		{"unknown column", append(good, "-c", "select nope from salesforce_user"), "no such column: nope"},
		{"malformed SQL", append(good, "-c", "selec 1"), `near "selec": syntax error`},
		{"wrong token", []string{"--instance-url", srv.URL, "--access-token", "nope", "-c", "select count(*) from salesforce_user"}, "INVALID_SESSION_ID"},
		{"unreachable host", []string{"--instance-url", "http://127.0.0.1:9", "--access-token", "x", "-c", "select count(*) from salesforce_user"}, "connection refused"},
		{"no connection", []string{"-c", "select 1"}, "no org to query"},
		{"bad format", append(good, "--format", "xml", "-c", "select 1"), `unknown format "xml"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := run(t, nil, c.args...)
			if code != 1 || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "sfsql: ") {
				t.Fatalf("exit %d, stderr %q, stdout %q; want one line containing %q", code, errOut, out, c.want)
			}
			if strings.Contains(errOut, srv.Token) {
				t.Fatal("the access token leaked into an error")
			}
		})
	}
}

func TestMain_LimitExceeded(t *testing.T) {
	srv := startOrg(t)
	srv.SetFaults(fakeorg.Faults{LimitExceeded: true})
	code, _, errOut := run(t, nil, "--instance-url", srv.URL, "--access-token", srv.Token, "-c", "select count(*) from salesforce_user")
	if code != 1 || !strings.Contains(errOut, "REQUEST_LIMIT_EXCEEDED") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

func TestMain_ScriptsFilesStdinParams(t *testing.T) {
	srv := startOrg(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.sql")
	bad := filepath.Join(dir, "bad.sql")
	os.WriteFile(good, []byte(".mode csv\n.headers off\nselect name from salesforce_profile where name = :p;\n"), 0o644)
	os.WriteFile(bad, []byte("select 1;\n\nselect nope\n  from salesforce_user;\nselect 'after';\n"), 0o644)
	conn := []string{"--instance-url", srv.URL, "--access-token", srv.Token}

	code, out, errOut := run(t, nil, append(conn, "--param", "p=Read Only", good)...)
	if code != 0 || out != "Read Only\n" {
		t.Fatalf("file with param: exit %d %q %q", code, out, errOut)
	}
	code, out, errOut = run(t, nil, append(conn, "--param", "p=Read Only", "-f", good, "-f", good)...)
	if code != 0 || out != "Read Only\nRead Only\n" {
		t.Fatalf("-f twice: exit %d %q %q", code, out, errOut)
	}
	code, _, errOut = run(t, nil, append(conn, good)...)
	if code != 1 || errOut != "sfsql: "+good+":3: no value for parameter p: pass --param p=VALUE\n" {
		t.Fatalf("missing param: exit %d %q", code, errOut)
	}
	code, out, errOut = run(t, nil, append(conn, bad)...)
	if code != 1 || errOut != "sfsql: "+bad+":3: no such column: nope\n" || strings.Contains(out, "after") {
		t.Fatalf("failing script: exit %d %q %q", code, out, errOut)
	}
	code, out, errOut = run(t, nil, append(conn, "--continue-on-error", "--format", "csv", bad)...)
	if code != 1 || !strings.Contains(out, "after") || !strings.Contains(errOut, "Error: "+bad+":3: no such column: nope") {
		t.Fatalf("--continue-on-error: exit %d %q %q", code, out, errOut)
	}
	var stdout, stderr bytes.Buffer
	code = Main(context.Background(), append(conn, "--format", "csv", "--headers=false"), IO{
		Stdin: strings.NewReader("select 40 + 2;\n.mode json\nselect 'x' as y;"), Stdout: &stdout, Stderr: &stderr,
		Getenv: func(string) string { return "" },
	})
	if code != 0 || stdout.String() != "42\n[\n{\"y\":\"x\"}\n]\n" {
		t.Fatalf("stdin: exit %d %q %q", code, stdout.String(), stderr.String())
	}
}
