package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/sqltest"
)

// tmux drives sfsql in a real terminal, on a private tmux server.
type tmux struct {
	t       *testing.T
	socket  string
	session string
}

func (m *tmux) run(args ...string) string {
	// -u: UTF-8 whatever the locale, so the table borders read back as drawn.
	out, err := exec.Command("tmux", append([]string{"-u", "-L", m.socket}, args...)...).CombinedOutput()
	if err != nil {
		m.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

func (m *tmux) send(keys ...string) {
	m.run(append([]string{"send-keys", "-t", m.session}, keys...)...)
}

// typeText types s literally; tmux reads an argument ending in ";" as a
// command separator, so that one is escaped.
func (m *tmux) typeText(s string) {
	if strings.HasSuffix(s, ";") {
		s = s[:len(s)-1] + `\;`
	}
	m.run("send-keys", "-t", m.session, "-l", s)
}
func (m *tmux) screen() string { return m.run("capture-pane", "-p", "-t", m.session) }

// waitFor polls the screen until it shows text.
func (m *tmux) waitFor(text string, within time.Duration) time.Duration {
	start := time.Now()
	for time.Since(start) < within {
		if strings.Contains(m.screen(), text) {
			return time.Since(start)
		}
		time.Sleep(20 * time.Millisecond)
	}
	m.t.Fatalf("the screen never showed %q:\n%s", text, m.screen())
	return 0
}

// startTmux starts a private tmux server whose first session only keeps
// the server up, so sfsql sessions can come and go.
func startTmux(t *testing.T, socket string) *tmux {
	m := &tmux{t: t, socket: socket}
	m.run("new-session", "-d", "-s", "keeper", "cat")
	t.Cleanup(func() { exec.Command("tmux", "-L", socket, "kill-server").Run() })
	return m
}

// open runs command in a new session and makes it the one driven.
func (m *tmux) open(name, command string) {
	m.session = name
	m.run("new-session", "-d", "-s", name, "-x", "160", "-y", "50", command)
}

// TestTerminal_CompletionHistoryProgressAndCtrlC runs the shell in tmux:
// tab completion, history across restarts, progress for slow scans, and
// Ctrl-C cancelling a slow scan within a second.
func TestTerminal_CompletionHistoryProgressAndCtrlC(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("this test needs tmux (apt-get install tmux; .ci/run installs it)")
	}
	srv := startOrgUsers(t, 5000)
	bin, home := sqltest.BuildSFSQL(t), t.TempDir()
	command := fmt.Sprintf("env LANG=C.UTF-8 HOME=%s XDG_STATE_HOME=%s/state SFSQL_CACHE_DIR=%s/cache %s --instance-url %s --access-token %s",
		home, home, home, bin, srv.URL, srv.Token)
	m := startTmux(t, fmt.Sprintf("sfsql-test-%d", os.Getpid()))
	m.open("first", command)
	m.waitFor("sfsql>", 10*time.Second)

	m.typeText("select count(*) from salesforce_user_ro")
	m.send("Tab")
	m.waitFor("from salesforce_user_role", 2*time.Second)
	m.send("BSpace")
	m.typeText(";")
	m.send("Enter")
	m.waitFor("│        8 │", 5*time.Second)

	srv.SetFaults(fakeorg.Faults{Latency: 700 * time.Millisecond})
	m.typeText("select count(*) as n from salesforce_user;")
	m.send("Enter")
	m.waitFor("rows fetched", 5*time.Second)
	m.waitFor("│ 5000 │", 5*time.Second)

	srv.SetFaults(fakeorg.Faults{Latency: 20 * time.Second})
	m.typeText("select count(*) from salesforce_login_history;")
	m.send("Enter")
	for srv.Counters.InFlight.Load() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	start := time.Now()
	m.send("C-c")
	m.waitFor("Error: interrupted", 3*time.Second)
	if took := time.Since(start); took > time.Second {
		t.Fatalf("Ctrl-C took %v to cancel the scan", took)
	}
	srv.SetFaults(fakeorg.Faults{})
	m.typeText(".quit")
	m.send("Enter")

	history := filepath.Join(home, "state", "sfsql", "history")
	st, err := os.Stat(history)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("history file %v mode %v", err, st)
	}
	m.open("second", command)
	m.waitFor("sfsql>", 10*time.Second)
	m.send("Up", "Up", "Up")
	m.waitFor("sfsql> select count(*) as n from salesforce_user;", 2*time.Second)
}

func startOrgUsers(t *testing.T, users int) *fakeorg.Server {
	return sqltest.NewOrg(t, fakeorg.SeedOptions{Users: users})
}
