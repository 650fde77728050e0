package history

import (
	"context"
	"time"
)

// PruneResult counts what a prune removed.
type PruneResult struct {
	Snapshots, Versions, Changes int64
}

// Prune forgets snapshots taken before now - olderThan. Per org the newest
// complete snapshot before the cutoff stays as the baseline, so every
// change still in range, and any state from the cutoff on, stays
// queryable; versions no kept snapshot can see are deleted.
func (s *Store) Prune(ctx context.Context, olderThan time.Duration) (*PruneResult, error) {
	l, err := s.lock(ctx)
	if err != nil {
		return nil, err
	}
	defer l.release()
	cutoff := stamp(s.now().Add(-olderThan))
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// The baseline of each org: its newest complete snapshot before the
	// cutoff (none: nothing of that org is old enough).
	if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE prune_base AS
		SELECT org_id, max(id) AS id FROM snapshots WHERE status = 'complete' AND taken_at < ? GROUP BY org_id`, cutoff); err != nil {
		return nil, err
	}
	defer tx.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS temp.prune_base")
	res := &PruneResult{}
	for _, step := range []struct {
		n   *int64
		sql string
	}{
		{&res.Versions, `DELETE FROM versions WHERE valid_to IS NOT NULL AND valid_to <= (SELECT id FROM prune_base b WHERE b.org_id = versions.org_id)`},
		{&res.Changes, `DELETE FROM changes WHERE snapshot_id <= (SELECT id FROM prune_base b WHERE b.org_id = changes.org_id)`},
		{&res.Snapshots, `DELETE FROM snapshots WHERE taken_at < ? AND id <> coalesce((SELECT id FROM prune_base b WHERE b.org_id = snapshots.org_id), -1)`},
	} {
		var args []any
		if step.n == &res.Snapshots {
			args = append(args, cutoff)
		}
		r, err := tx.ExecContext(ctx, step.sql, args...)
		if err != nil {
			return nil, err
		}
		*step.n, _ = r.RowsAffected()
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	_, err = s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return res, err
}
