package notify_test

import (
	"bytes"
	"context"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/sfsql/sfsql/notify"
)

func TestReceivers_ExecStdoutAndAWebhookThatKeepsItsSecret(t *testing.T) {
	dir := t.TempDir()
	got := filepath.Join(dir, "got.json")
	cmd, err := notify.Parse("exec=cat > "+got, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Send(context.Background(), []byte(`{"text":"hi"}`)); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(got); string(data) != `{"text":"hi"}` {
		t.Fatalf("the command read %q", data)
	}
	failing, _ := notify.Parse("exec=exit 3", nil)
	if err := failing.Send(context.Background(), nil); err == nil {
		t.Fatal("a command exiting 3 took the message")
	}
	var out bytes.Buffer
	std, _ := notify.Parse("stdout", &out)
	std.Send(context.Background(), []byte("{\"a\":1}\n"))
	if out.String() != "{\"a\":1}\n" {
		t.Fatalf("stdout wrote %q", out.String())
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }))
	defer srv.Close()
	hook, err := notify.Parse("webhook="+srv.URL+"/services/T000/B000/s3cr3t?token=abc", nil)
	if err != nil {
		t.Fatal(err)
	}
	err = hook.Send(context.Background(), []byte("{}"))
	if err == nil || strings.Contains(err.Error(), "s3cr3t") || strings.Contains(hook.Name(), "s3cr3t") || strings.Contains(err.Error(), "abc") {
		t.Fatalf("error %v, name %q", err, hook.Name())
	}
	srv.Close()
	err = hook.Send(context.Background(), []byte("{}"))
	if err == nil || strings.Contains(err.Error(), "s3cr3t") {
		t.Fatalf("a refused connection: %v", err)
	}
	for _, bad := range []string{"webhook=http://example.com/x", "webhook=ftp://x", "sms=123", "exec="} {
		if _, err := notify.Parse(bad, nil); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

type flaky struct {
	fails int
	got   []string
}

func (f *flaky) Name() string { return "flaky" }
func (f *flaky) Send(_ context.Context, p []byte) error {
	if f.fails > 0 {
		f.fails--
		return errRefused
	}
	f.got = append(f.got, string(p))
	return nil
}

var errRefused = &refused{}

type refused struct{}

func (*refused) Error() string { return "refused" }

// TestOutbox_RetriesWithBackoffThenGivesUp: a failure waits its backoff,
// the message is delivered once the receiver takes it, and a receiver
// that never does is given up and reported.
func TestOutbox_RetriesWithBackoffThenGivesUp(t *testing.T) {
	db, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "o.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE outbox (id INTEGER PRIMARY KEY, receiver TEXT NOT NULL, key TEXT NOT NULL, payload TEXT NOT NULL,
		created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at TEXT NOT NULL, delivered_at TEXT, last_error TEXT, gave_up_at TEXT, UNIQUE (receiver, key))`); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	r := &flaky{fails: 2}
	tx, _ := db.Begin()
	if err := notify.Enqueue(ctx, tx, []notify.Receiver{r}, []notify.Message{{Key: "k1", Text: "one"}}, now); err != nil {
		t.Fatal(err)
	}
	tx.Commit()
	p := notify.Policy{Backoff: time.Minute, MaxAttempts: 4}
	deliver := func(at time.Time) *notify.Report {
		rep, err := notify.Deliver(ctx, db, []notify.Receiver{r}, at, p)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	if rep := deliver(now); len(rep.Failed) != 1 {
		t.Fatalf("first attempt: %+v", rep)
	}
	if rep := deliver(now.Add(30 * time.Second)); len(rep.Failed) != 0 || rep.Delivered != 0 {
		t.Fatalf("within the backoff: %+v", rep)
	}
	deliver(now.Add(61 * time.Second)) // second failure: the next wait is 2 minutes
	if rep := deliver(now.Add(4 * time.Minute)); rep.Delivered != 1 || len(r.got) != 1 {
		t.Fatalf("third attempt: %+v %v", rep, r.got)
	}
	if rep := deliver(now.Add(time.Hour)); rep.Delivered != 0 {
		t.Fatal("a delivered message went again")
	}
	never := &flaky{fails: 100}
	tx, _ = db.Begin()
	notify.Enqueue(ctx, tx, []notify.Receiver{never}, []notify.Message{{Key: "k2"}}, now)
	tx.Commit()
	var gaveUp []string
	for i := 0; i < 6; i++ {
		rep, _ := notify.Deliver(ctx, db, []notify.Receiver{never}, now.Add(time.Duration(i)*time.Hour), p)
		gaveUp = append(gaveUp, rep.GaveUp...)
	}
	if len(gaveUp) != 1 || gaveUp[0] != "flaky: k2" {
		t.Fatalf("given up: %v", gaveUp)
	}
}
