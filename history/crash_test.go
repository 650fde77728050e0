package history_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/history"
	"github.com/sfsql/sfsql/sqltest"
)

// snapshotCmd is `sfsql snapshot` against a fake org on a store.
func snapshotCmd(bin string, srv *fakeorg.Server, store string) *exec.Cmd {
	cmd := exec.Command(bin, "snapshot", "--store", store)
	cmd.Env = append(os.Environ(), "SFSQL_INSTANCE_URL="+srv.URL, "SFSQL_ACCESS_TOKEN="+srv.Token, "HOME="+filepath.Dir(store))
	return cmd
}

// TestCrash_KillNineLeavesTheStoreConsistent kills sfsql snapshot with
// SIGKILL at random moments, over the fetch and the write, and checks
// every time that the store opens, passes integrity_check, holds only
// whole snapshots, and that a snapshot that did not commit changed
// nothing. The run after the last kill succeeds.
func TestCrash_KillNineLeavesTheStoreConsistent(t *testing.T) {
	bin := sqltest.BuildSFSQL(t)
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 800})
	store := filepath.Join(t.TempDir(), "history.db")
	if out, err := snapshotCmd(bin, srv, store).CombinedOutput(); err != nil {
		t.Fatalf("first snapshot: %v: %s", err, out)
	}
	// Rounds slow enough to be killed anywhere in them: a request takes
	// 20 ms, as against a real org.
	srv.SetFaults(fakeorg.Faults{Latency: 20 * time.Millisecond})
	mutateOrg(t, rand.New(rand.NewPCG(1, 1)), srv.Org)
	time.Sleep(1100 * time.Millisecond)
	start := time.Now()
	if out, err := snapshotCmd(bin, srv, store).CombinedOutput(); err != nil {
		t.Fatalf("second snapshot: %v: %s", err, out)
	}
	full := time.Since(start)
	rnd := rand.New(rand.NewPCG(7, 7))
	state := storeState(t, store)
	var completed, committed, rolledBack int
	for trial := 0; trial < 20; trial++ {
		for range 3 {
			mutateOrg(t, rnd, srv.Org)
		}
		time.Sleep(time.Duration(1+rnd.IntN(3)) * time.Second / 10) // a later second than the last read
		cmd := snapshotCmd(bin, srv, store)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Anywhere from the first request to the end of the write.
		time.Sleep(time.Duration(rnd.Int64N(int64(full) * 11 / 10)))
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		after := storeState(t, store)
		switch {
		case after.latest == state.latest && after.current != state.current:
			t.Fatalf("trial %d: killed before its commit, yet the current state moved", trial)
		case err == nil:
			completed++
		case after.latest != state.latest:
			committed++ // killed after the commit, while closing
		default:
			rolledBack++
		}
		state = after
	}
	if out, err := snapshotCmd(bin, srv, store).CombinedOutput(); err != nil {
		t.Fatalf("the run after the kills: %v: %s", err, out)
	}
	storeState(t, store)
	t.Logf("20 trials: %d finished before the kill, %d killed after their commit, %d killed before it", completed, committed, rolledBack)
	if rolledBack == 0 {
		t.Fatal("no kill landed before a commit: the trial timing is off")
	}
}

func mutateOrg(t *testing.T, rnd *rand.Rand, o *fakeorg.Org) {
	users := o.Store.Rows("User")
	u := users[1+rnd.IntN(len(users)-1)]
	must(t, o.Update(u["Id"].(string), fakeorg.Record{"Title": "t" + string(rune('a'+rnd.IntN(26)))}))
}

type snapshotState struct {
	latest  int64
	current string // every current version, concatenated
}

// storeState opens the store as a new process would and checks it.
func storeState(t *testing.T, path string) snapshotState {
	t.Helper()
	s, err := history.Open(context.Background(), path, false, history.Options{})
	if err != nil {
		t.Fatalf("the store does not open: %v", err)
	}
	defer s.Close()
	db := s.DB()
	var ok string
	must(t, db.QueryRow("PRAGMA integrity_check").Scan(&ok))
	if ok != "ok" {
		t.Fatalf("integrity_check: %s", ok)
	}
	for _, q := range []string{
		`select count(*) from versions where valid_from not in (select id from snapshots where status = 'complete')`,
		`select count(*) from versions where valid_to is not null and valid_to not in (select id from snapshots where status = 'complete')`,
		`select count(*) from changes where snapshot_id not in (select id from snapshots where status = 'complete')`,
		`select count(*) from (select 1 from versions where valid_to is null group by org_id, table_name, record_id having count(*) > 1)`,
		`select count(*) from table_state where snapshot_id not in (select id from snapshots where status = 'complete')`,
	} {
		var n int
		must(t, db.QueryRow(q).Scan(&n))
		if n != 0 {
			t.Fatalf("%d rows break: %s", n, q)
		}
	}
	var st snapshotState
	must(t, db.QueryRow(`select coalesce(max(id), 0) from snapshots where status = 'complete'`).Scan(&st.latest))
	st.current = currentDump(t, db)
	return st
}

func currentDump(t *testing.T, db *sql.DB) string {
	rows, err := db.Query(`select table_name, record_id, data from versions where valid_to is null order by 1, 2`)
	must(t, err)
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var a, c, d string
		must(t, rows.Scan(&a, &c, &d))
		b.WriteString(a + c + d)
	}
	return b.String()
}

// TestCrash_KillNineInsideTheWrite kills first snapshots (one long
// transaction over a fresh store) moments after --verbose says the write
// began: the store opens with no snapshot or a whole one, never part of
// one, and the next run writes one.
func TestCrash_KillNineInsideTheWrite(t *testing.T) {
	bin := sqltest.BuildSFSQL(t)
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 700})
	dir := t.TempDir()
	rnd := rand.New(rand.NewPCG(3, 3))
	var inside, after int
	for trial := 0; trial < 5; trial++ {
		store := filepath.Join(dir, fmt.Sprintf("trial%d.db", trial))
		cmd := snapshotCmd(bin, srv, store)
		cmd.Args = append(cmd.Args, "--verbose")
		stderr, err := cmd.StderrPipe()
		must(t, err)
		must(t, cmd.Start())
		lines := bufio.NewScanner(stderr)
		for lines.Scan() && !strings.Contains(lines.Text(), "history: writing snapshot") {
		}
		time.Sleep(time.Duration(rnd.IntN(40)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		io.Copy(io.Discard, stderr)
		cmd.Wait()
		st := storeState(t, store)
		if st.latest == 0 {
			inside++
			if st.current != "" {
				t.Fatal("a snapshot killed mid-write left records behind")
			}
		} else {
			after++
		}
		if out, err := snapshotCmd(bin, srv, store).CombinedOutput(); err != nil || storeState(t, store).latest == 0 {
			t.Fatalf("the run after the kill: %v: %s", err, out)
		}
	}
	t.Logf("5 kills after the write began: %d before its commit, %d after", inside, after)
	if inside == 0 {
		t.Fatal("no kill landed before the commit: the write is faster than the test assumes")
	}
}

// TestConcurrent_TwoProcessesOneStore runs three sfsql snapshot processes
// at once on one store — two of one org, one of another: all succeed (one
// waits for the other), the store stays whole, and each change is
// reported once.
func TestConcurrent_TwoProcessesOneStore(t *testing.T) {
	bin := sqltest.BuildSFSQL(t)
	a := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 300, OrgNumber: 1})
	b := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 200, OrgNumber: 2, Seed: 5})
	store := filepath.Join(t.TempDir(), "history.db")
	for _, srv := range []*fakeorg.Server{a, b} {
		if out, err := snapshotCmd(bin, srv, store).CombinedOutput(); err != nil {
			t.Fatalf("baseline: %v: %s", err, out)
		}
	}
	freeze := func(o *fakeorg.Org, n int) {
		for _, l := range o.Store.Rows("UserLogin")[1 : n+1] {
			must(t, o.Update(l["Id"].(string), fakeorg.Record{"IsFrozen": l["IsFrozen"] != true}))
		}
	}
	freeze(a.Org, 3)
	freeze(b.Org, 2)
	time.Sleep(1100 * time.Millisecond)
	cmds := []*exec.Cmd{snapshotCmd(bin, a, store), snapshotCmd(bin, a, store), snapshotCmd(bin, b, store)}
	outs := make([]*strings.Builder, len(cmds))
	for i, c := range cmds {
		outs[i] = &strings.Builder{}
		c.Stdout, c.Stderr = outs[i], outs[i]
		must(t, c.Start())
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("process %d: %v: %s", i, err, outs[i])
		}
	}
	storeState(t, store)
	s, err := history.Open(context.Background(), store, false, history.Options{})
	must(t, err)
	defer s.Close()
	for org, want := range map[string]int{a.OrgID(): 3, b.OrgID(): 2} {
		var n, snapshots int
		must(t, s.DB().QueryRow(`select count(*) from changes where org_id = ?`, org).Scan(&n))
		must(t, s.DB().QueryRow(`select count(*) from snapshots where org_id = ? and status = 'complete'`, org).Scan(&snapshots))
		if n != want {
			t.Errorf("org %s: %d changes reported, want %d", org, n, want)
		}
		if snapshots != map[string]int{a.OrgID(): 3, b.OrgID(): 2}[org] {
			t.Errorf("org %s: %d complete snapshots", org, snapshots)
		}
	}
}

// TestWatch_SIGTERMExitsZero: SIGTERM between rounds, and in the middle of
// one (which then rolls back), ends sfsql watch with exit status 0 and a
// whole store.
func TestWatch_SIGTERMExitsZero(t *testing.T) {
	bin := sqltest.BuildSFSQL(t)
	srv := sqltest.NewOrg(t, fakeorg.SeedOptions{Users: 200})
	store := filepath.Join(t.TempDir(), "history.db")
	watch := func(latency time.Duration, waitFor string) string {
		srv.SetFaults(fakeorg.Faults{Latency: latency})
		cmd := snapshotCmd(bin, srv, store)
		cmd.Args = []string{bin, "watch", "--every", "1h", "--store", store}
		stderr, err := cmd.StderrPipe()
		must(t, err)
		must(t, cmd.Start())
		var log strings.Builder
		lines := bufio.NewScanner(stderr)
		for waitFor != "" && lines.Scan() {
			log.WriteString(lines.Text() + "\n")
			if strings.Contains(lines.Text(), waitFor) {
				break
			}
		}
		if waitFor == "" {
			time.Sleep(300 * time.Millisecond) // inside the first round's requests
		}
		cmd.Process.Signal(syscall.SIGTERM)
		rest, _ := io.ReadAll(stderr)
		log.Write(rest)
		if err := cmd.Wait(); err != nil {
			t.Fatalf("SIGTERM: %v\n%s", err, log.String())
		}
		storeState(t, store)
		return log.String()
	}
	if log := watch(0, "round 1 at"); !strings.Contains(log, "watch stopped after 1 rounds") {
		t.Fatalf("between rounds:\n%s", log)
	}
	if log := watch(100*time.Millisecond, ""); !strings.Contains(log, "watch stopped after 0 rounds") {
		t.Fatalf("in the middle of a round:\n%s", log)
	}
	s, err := history.Open(context.Background(), store, false, history.Options{})
	must(t, err)
	defer s.Close()
	var failed int
	must(t, s.DB().QueryRow(`select count(*) from snapshots where status <> 'complete'`).Scan(&failed))
	if failed != 0 {
		t.Fatalf("an interrupted round left %d failed snapshots: it should roll back", failed)
	}
}
