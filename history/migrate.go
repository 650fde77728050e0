package history

import (
	"context"
	"embed"
	"fmt"
	"sort"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrations are the schema steps in order; the store's user_version is
// how many it has applied.
func migrations() ([]string, error) {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	var out []string
	for _, n := range names {
		data, err := migrationFiles.ReadFile("migrations/" + n)
		if err != nil {
			return nil, err
		}
		out = append(out, string(data))
	}
	return out, nil
}

// SchemaVersion is the store schema this binary writes.
func SchemaVersion() int {
	m, _ := migrations()
	return len(m)
}

// migrate applies the missing steps, each in its own transaction, and
// refuses a store newer than this binary without writing to it.
func (s *Store) migrate(ctx context.Context) error {
	steps, err := migrations()
	if err != nil {
		return err
	}
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("not an sfsql store: %w", err)
	}
	if version > len(steps) {
		return fmt.Errorf("schema version %d is newer than this sfsql understands (%d): upgrade sfsql", version, len(steps))
	}
	for i := version; i < len(steps); i++ {
		if err := s.apply(ctx, i+1, steps[i]); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	return s.ensureViews(ctx)
}

func (s *Store) apply(ctx context.Context, version int, step string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, step); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version)); err != nil {
		return err
	}
	return tx.Commit()
}
