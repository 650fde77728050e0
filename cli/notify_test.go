package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/sqltest"
)

// receiver is a webhook on loopback that records what it accepted and can
// refuse the first attempts of each message with HTTP 500.
type receiver struct {
	mu       sync.Mutex
	accepted []map[string]any
	attempts map[string]int // by idempotency key
	refuse   int            // answer 500 to this many attempts of each key
	srv      *httptest.Server
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{attempts: map[string]int{}}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		var m map[string]any
		json.Unmarshal(body, &m)
		key, _ := m["idempotency_key"].(string)
		r.mu.Lock()
		defer r.mu.Unlock()
		r.attempts[key]++
		if r.attempts[key] <= r.refuse {
			w.WriteHeader(500)
			return
		}
		r.accepted = append(r.accepted, m)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) messages() []map[string]any {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]map[string]any(nil), r.accepted...)
}

// fastClock runs an hour of org time per second, so a watch every few
// milliseconds crosses the replication resources' minutes.
func fastClock() func() time.Time {
	start, base := time.Now(), fakeorg.ReferenceNow.Add(time.Hour)
	return func() time.Time { return base.Add(time.Since(start) * 3600) }
}

// TestWatch_NotifiesOnceWhenModifyAllDataIsGranted is the issue's
// acceptance scenario for notifications: a grant of Modify All Data to a
// new user is one message naming the user, its revocation one
// resolution; a receiver refusing three times gets it on the fourth try;
// a muted finding sends nothing.
func TestWatch_NotifiesOnceWhenModifyAllDataIsGranted(t *testing.T) {
	srv := startOrg(t)
	now := fastClock()
	srv.Clock = now
	store := filepath.Join(t.TempDir(), "h.db")
	rcv := newReceiver(t)
	env := map[string]string{"SFSQL_INSTANCE_URL": srv.URL, "SFSQL_ACCESS_TOKEN": srv.Token, "SFSQL_STORE": store}
	var stderr bytes.Buffer
	interrupts := make(chan os.Signal, 1)
	done := make(chan int)
	go func() {
		done <- Main(context.Background(), []string{"watch", "--every", "30ms", "--only", "PRIV-01", "--notify", "webhook=" + rcv.srv.URL,
			"--tables", "user,profile,permission_set,permission_set_assignment,permission_set_group"},
			IO{Stdout: io.Discard, Stderr: &lockedWriter{&stderr}, Getenv: func(k string) string { return env[k] }, Now: now, Interrupts: interrupts})
	}()
	waitFor := func(what string, cond func([]map[string]any) bool) []map[string]any {
		deadline := time.Now().Add(15 * time.Second)
		for time.Now().Before(deadline) {
			if ms := rcv.messages(); cond(ms) {
				return ms
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatalf("%s never came; got %v\n%s", what, rcv.messages(), syncRead(&stderr))
		return nil
	}
	first := waitFor("the first round's summary", func(ms []map[string]any) bool { return len(ms) == 1 })
	if first[0]["event"] != "summary" || !strings.Contains(first[0]["text"].(string), "PRIV-01") {
		t.Fatalf("the first round sent %v", first[0])
	}

	rcv.mu.Lock()
	rcv.refuse = 3
	rcv.mu.Unlock()
	users := srv.Store.Rows("User")
	mad := ""
	for _, ps := range srv.Store.Rows("PermissionSet") {
		if ps["Name"] == "Modify_All_Data_Temp" {
			mad = ps["Id"].(string)
		}
	}
	grantee := users[50]
	grant := srv.Org.Insert("PermissionSetAssignment", fakeorg.Record{"AssigneeId": grantee["Id"], "PermissionSetId": mad, "IsActive": true})
	opened := waitFor("the grant's notification", func(ms []map[string]any) bool { return len(ms) == 2 })[1]
	if opened["event"] != "opened" || !strings.Contains(opened["text"].(string), grantee["Username"].(string)) || len(opened["findings"].([]any)) != 1 {
		t.Fatalf("the grant sent %v", opened)
	}
	rcv.mu.Lock()
	tries := rcv.attempts[opened["idempotency_key"].(string)]
	rcv.refuse = 0
	rcv.mu.Unlock()
	if tries != 4 {
		t.Fatalf("the message took %d attempts, want 4 (three refused)", tries)
	}

	if err := srv.Org.Delete(grant); err != nil {
		t.Fatal(err)
	}
	resolved := waitFor("the revocation's resolution", func(ms []map[string]any) bool { return len(ms) == 3 })[2]
	if resolved["event"] != "resolved" || !strings.Contains(resolved["text"].(string), grantee["Username"].(string)) {
		t.Fatalf("the revocation sent %v", resolved)
	}

	muted := users[51]
	if code := Main(context.Background(), []string{"mute", "PRIV-01", muted["Username"].(string), "--reason", "break-glass admin"},
		IO{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string { return env[k] }, Now: now}); code != 0 {
		t.Fatal("mute failed")
	}
	srv.Org.Insert("PermissionSetAssignment", fakeorg.Record{"AssigneeId": muted["Id"], "PermissionSetId": mad, "IsActive": true})
	start := strings.Count(syncRead(&stderr), "sfsql: round ")
	for strings.Count(syncRead(&stderr), "sfsql: round ") < start+4 {
		time.Sleep(10 * time.Millisecond)
	}
	interrupts <- os.Interrupt
	if code := <-done; code != 0 {
		t.Fatalf("watch exit %d\n%s", code, syncRead(&stderr))
	}
	if ms := rcv.messages(); len(ms) != 3 {
		t.Fatalf("a muted finding was notified: %v", ms[3:])
	}
	var out, errOut bytes.Buffer
	Main(context.Background(), []string{"findings", "--status", "muted", "--format", "csv"},
		IO{Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }, Now: now})
	if !strings.Contains(out.String(), muted["Username"].(string)) {
		t.Fatalf("the muted grant was never found (so muting proved nothing):\n%s%s", out.String(), errOut.String())
	}
}

// TestWatch_KillNineBetweenDetectionAndDelivery: the receiver holds the
// first delivery while sfsql is killed with SIGKILL; the restarted watch
// delivers the queued message, and the receiver acknowledges it once.
func TestWatch_KillNineBetweenDetectionAndDelivery(t *testing.T) {
	bin := sqltest.BuildSFSQL(t)
	srv := startOrg(t)
	store := filepath.Join(t.TempDir(), "h.db")
	var mu sync.Mutex
	acked := map[string]int{}
	held := make(chan struct{})
	release := make(chan struct{})
	first := true
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		var m map[string]any
		json.Unmarshal(body, &m)
		mu.Lock()
		hold := first
		first = false
		mu.Unlock()
		if hold {
			close(held)
			<-release // the sender is killed meanwhile: this answer reaches nobody
			w.WriteHeader(500)
			return
		}
		mu.Lock()
		acked[m["idempotency_key"].(string)]++
		mu.Unlock()
	}))
	defer rcv.Close()
	watch := func(extra ...string) *exec.Cmd {
		cmd := exec.Command(bin, append([]string{"watch", "--every", "50ms", "--only", "PRIV-01", "--notify", "webhook=" + rcv.URL,
			"--tables", "user,profile,permission_set,permission_set_assignment,permission_set_group"}, extra...)...)
		cmd.Env = append(os.Environ(), "SFSQL_INSTANCE_URL="+srv.URL, "SFSQL_ACCESS_TOKEN="+srv.Token, "SFSQL_STORE="+store, "HOME="+t.TempDir())
		return cmd
	}
	cmd := watch()
	must(t, cmd.Start())
	select {
	case <-held:
	case <-time.After(20 * time.Second):
		t.Fatal("no delivery was attempted")
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	close(release)
	if out, err := watch("--rounds", "1").CombinedOutput(); err != nil {
		t.Fatalf("the restarted watch: %v\n%s", err, out)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(acked) != 1 {
		t.Fatalf("acknowledged messages after the restart: %v", acked)
	}
	for key, n := range acked {
		if n != 1 {
			t.Fatalf("message %s acknowledged %d times", key, n)
		}
	}
}
