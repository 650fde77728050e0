package history

import (
	"encoding/json"
	"time"

	"github.com/sfsql/sfsql/vtab"
)

// mode is how one snapshot reads one table.
type mode int

const (
	modeFull        mode = iota // read every record, diff against the store
	modeEvents                  // read what is newer than the watermark
	modeReplication             // sobjects/X/updated and /deleted, then records by Id
	modeDelta                   // COUNT() and MAX(stamp), then a stamp delta if they moved
)

func (m mode) String() string {
	return [...]string{"full", "events", "replication", "delta"}[m]
}

// state is where a table's change detection stood after the last snapshot
// that included it (a row of table_state).
type state struct {
	snapshot   int64
	rows       int
	watermark  time.Time // newest stamp or event time stored
	covered    time.Time // replication: updated complete up to here
	delCovered time.Time
	readAt     time.Time
	shape      storedShape
}

// storedShape is the part of a vtab.Shape the store keeps: enough to serve
// the table offline and to notice that the org's field set moved.
type storedShape struct {
	Object  string             `json:"object"`
	Columns []vtab.ShapeColumn `json:"columns"`
}

func shapeOf(s *vtab.Shape) storedShape { return storedShape{Object: s.Object, Columns: s.Columns} }

func (s storedShape) json() string {
	data, _ := json.Marshal(s)
	return string(data)
}

func sameFields(a, b storedShape) bool { return a.json() == b.json() }

// replicationReach is how far back the replication resources answer
// (30 days); older state is read again in full.
const replicationReach = 29 * 24 * time.Hour

// chooseMode picks the cheapest way to read a table that is still exact.
func chooseMode(sh *vtab.Shape, st *state, now time.Time) mode {
	if sh.History.Kind == vtab.Events && sh.HasID {
		return modeEvents
	}
	if st == nil || !sameFields(st.shape, shapeOf(sh)) || !sh.HasID || sh.Stamp == "" {
		return modeFull
	}
	if sh.Replicateable && now.Sub(st.covered) < replicationReach && now.Sub(st.delCovered) < replicationReach {
		return modeReplication
	}
	return modeDelta
}
