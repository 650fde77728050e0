package history_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
	"github.com/sfsql/sfsql/history"
)

// mutable are the objects random changes touch: every read mode is among
// them (replication, COUNT/MAX deltas, full reads, events).
var mutable = []string{"User", "PermissionSetAssignment", "PermissionSet", "Profile", "GroupMember", "Group",
	"ObjectPermissions", "FieldPermissions", "SetupEntityAccess", "UserLogin", "TwoFactorInfo", "OauthToken", "UserRole"}

// mutate makes one random change: an update of a boolean or text field, a
// deletion, an insertion (a copy of a record), or a new login.
func mutate(t testing.TB, rnd *rand.Rand, o *fakeorg.Org) string {
	if rnd.IntN(10) == 0 {
		user := o.Store.Rows("User")[rnd.IntN(50)]["Id"]
		o.Insert("LoginHistory", fakeorg.Record{"UserId": user, "LoginTime": o.Clock(), "Status": "Success", "LoginType": "Application"})
		return "login"
	}
	object := mutable[rnd.IntN(len(mutable))]
	rows := o.Store.Rows(object)
	rec := rows[rnd.IntN(len(rows))]
	obj := o.Store.Schema.Object(object)
	switch rnd.IntN(4) {
	case 0:
		if object != "User" && object != "Profile" && object != "PermissionSet" {
			must(t, o.Delete(rec["Id"].(string)))
			return "delete " + object
		}
	case 1:
		cp := fakeorg.Record{}
		for k, v := range rec {
			if k != "Id" && !strings.HasPrefix(k, "\x00") && k != "CreatedDate" && k != "LastModifiedDate" && k != "SystemModstamp" {
				cp[k] = v
			}
		}
		o.Insert(object, cp)
		return "insert " + object
	}
	var candidates []fakeorg.Field
	for _, f := range obj.Fields {
		if (f.Type == "boolean" || f.Type == "string") && f.Name != "Username" && !strings.HasSuffix(f.Name, "Id") && f.Name != "IsDeleted" {
			candidates = append(candidates, f)
		}
	}
	if len(candidates) == 0 {
		return "nothing to update on " + object
	}
	f := candidates[rnd.IntN(len(candidates))]
	var v any = rnd.IntN(2) == 0
	if f.Type == "string" {
		v = fmt.Sprintf("v%d", rnd.IntN(1000))
	}
	must(t, o.Update(rec["Id"].(string), fakeorg.Record{f.Name: v}))
	return "update " + object + "." + f.Name
}

// TestIncrementalEqualsFull: after rounds of random changes, the stored
// state built incrementally equals a first snapshot taken into a new
// store, record for record.
func TestIncrementalEqualsFull(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			r := newRig(t, 200)
			r.snap.EventsSince = 20 * 365 * 24 * time.Hour
			rnd := rand.New(rand.NewPCG(seed, 9))
			r.take()
			for round := 0; round < 8; round++ {
				for range 1 + rnd.IntN(12) {
					r.clock.Advance(time.Duration(rnd.IntN(90)) * time.Second)
					mutate(t, rnd, r.srv.Org)
				}
				if rnd.IntN(4) == 0 {
					r.srv.Org.PurgeDeletions(r.clock.Now())
				}
				r.clock.Advance(time.Duration(rnd.IntN(180)) * time.Second)
				r.take()
			}
			r.clock.Advance(2 * time.Minute)
			r.take()
			fresh, err := history.Open(context.Background(), filepath.Join(t.TempDir(), "full.db"), true, history.Options{Now: r.clock.Now})
			must(t, err)
			defer fresh.Close()
			full := *r.snap
			full.Store = fresh
			if _, err := full.Take(context.Background(), history.DefaultTables(allSpecs())); err != nil {
				t.Fatal(err)
			}
			a, b := currentState(t, r.store), currentState(t, fresh)
			if len(a) != len(b) {
				t.Errorf("incremental has %d records, full %d", len(a), len(b))
			}
			for k, v := range b {
				if a[k] != v {
					t.Errorf("%s:\n incremental %s\n full        %s", k, a[k], v)
				}
			}
			for k := range a {
				if _, ok := b[k]; !ok {
					t.Errorf("%s: only in the incremental store", k)
				}
			}
		})
	}
}

func currentState(t *testing.T, s *history.Store) map[string]string {
	rows, err := s.DB().Query(`select table_name || ' ' || record_id, data from versions where valid_to is null`)
	must(t, err)
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		must(t, rows.Scan(&k, &v))
		out[k] = v
	}
	return out
}
