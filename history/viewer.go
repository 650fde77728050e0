package history

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Viewer puts a session's catalogue tables on stored state and back:
// --offline and --as-of, and the shell's .offline and .asof.
type Viewer struct {
	Store *Store
	// Org is the org of a session connection (identified once per org).
	Org func(ctx context.Context) (Org, error)
	// Served is the snapshot the catalogue tables are on; 0 when live.
	Served int64
}

// Offline serves the latest snapshot (on) or the live tables again.
func (v *Viewer) Offline(ctx context.Context, conn *sql.Conn, on bool) (string, error) {
	if !on {
		v.Served = 0
		return "live tables", Unserve(ctx, conn)
	}
	org, err := v.Org(ctx)
	if err != nil {
		return "", err
	}
	id, at, err := v.Store.Latest(ctx, org.ID)
	if err != nil {
		return "", err
	}
	return v.serve(ctx, conn, org, id, at)
}

// AsOf serves the state at a moment ("off": the live tables again).
func (v *Viewer) AsOf(ctx context.Context, conn *sql.Conn, when string) (string, error) {
	if when == "off" {
		v.Served = 0
		return "live tables", Unserve(ctx, conn)
	}
	t, err := ParseWhen(when, v.Store.now())
	if err != nil {
		return "", err
	}
	org, err := v.Org(ctx)
	if err != nil {
		return "", err
	}
	id, at, err := v.Store.AsOf(ctx, org.ID, t)
	if err != nil {
		return "", err
	}
	return v.serve(ctx, conn, org, id, at)
}

func (v *Viewer) serve(ctx context.Context, conn *sql.Conn, org Org, id int64, at time.Time) (string, error) {
	tables, err := Serve(ctx, conn, org.ID, id)
	if err != nil {
		return "", err
	}
	v.Served = id
	return fmt.Sprintf("%d tables from snapshot %d of %s, taken %s", len(tables), id, org.ID, at.Format(time.RFC3339)), nil
}
