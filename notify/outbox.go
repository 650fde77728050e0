package notify

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

const stampLayout = "2006-01-02T15:04:05.000Z"

// Enqueue writes messages for every receiver into the outbox inside tx,
// the transaction that recorded the findings behind them: a crash before
// delivery leaves them there for the next run.
func Enqueue(ctx context.Context, tx *sql.Tx, receivers []Receiver, msgs []Message, now time.Time) error {
	at := now.UTC().Format(stampLayout)
	for _, m := range msgs {
		payload, err := json.Marshal(m)
		if err != nil {
			return err
		}
		for _, r := range receivers {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO outbox (receiver, key, payload, created_at, next_at) VALUES (?, ?, ?, ?, ?)`,
				r.Name(), m.Key, string(payload), at, at); err != nil {
				return err
			}
		}
	}
	return nil
}

// Policy is how delivery retries.
type Policy struct {
	Backoff     time.Duration // the first retry's delay, doubled per failure (default 30s)
	MaxAttempts int           // then the message is given up and reported (default 10)
}

// Report is what one delivery pass did.
type Report struct {
	Delivered int
	Failed    []string // receiver: error, for each failed attempt
	GaveUp    []string // receiver: key, for each message given up
}

// Deliver sends every due message of the outbox to its receiver: each
// receiver in its own goroutine, so a slow or failing one holds up no
// other; a failure is retried later with backoff.
func Deliver(ctx context.Context, db *sql.DB, receivers []Receiver, now time.Time, p Policy) (*Report, error) {
	if p.Backoff == 0 {
		p.Backoff = 30 * time.Second
	}
	if p.MaxAttempts == 0 {
		p.MaxAttempts = 10
	}
	rep := &Report{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	var firstErr error
	for _, r := range receivers {
		wg.Add(1)
		go func(r Receiver) {
			defer wg.Done()
			err := deliverTo(ctx, db, r, now, p, rep, &mu)
			mu.Lock()
			if err != nil && firstErr == nil {
				firstErr = err
			}
			mu.Unlock()
		}(r)
	}
	wg.Wait()
	return rep, firstErr
}

type pending struct {
	id       int64
	key      string
	payload  string
	attempts int
}

func deliverTo(ctx context.Context, db *sql.DB, r Receiver, now time.Time, p Policy, rep *Report, mu *sync.Mutex) error {
	due, err := duePending(ctx, db, r.Name(), now)
	if err != nil {
		return err
	}
	for _, m := range due {
		sendErr := r.Send(ctx, []byte(m.payload))
		mu.Lock()
		if sendErr == nil {
			rep.Delivered++
		} else {
			rep.Failed = append(rep.Failed, sendErr.Error())
		}
		mu.Unlock()
		if err := settle(ctx, db, m, sendErr, now, p, rep, mu, r.Name()); err != nil {
			return err
		}
		if sendErr != nil {
			return nil // keep the order: the rest waits for this one's retry
		}
	}
	return nil
}

func duePending(ctx context.Context, db *sql.DB, receiver string, now time.Time) ([]pending, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, key, payload, attempts FROM outbox WHERE receiver = ? AND delivered_at IS NULL AND gave_up_at IS NULL
		AND next_at <= ? ORDER BY id`, receiver, now.UTC().Format(stampLayout))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []pending
	for rows.Next() {
		var m pending
		if err := rows.Scan(&m.id, &m.key, &m.payload, &m.attempts); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// settle records an attempt: delivered, to be retried after a backoff, or
// given up after too many.
func settle(ctx context.Context, db *sql.DB, m pending, sendErr error, now time.Time, p Policy, rep *Report, mu *sync.Mutex, receiver string) error {
	at := now.UTC().Format(stampLayout)
	if sendErr == nil {
		_, err := db.ExecContext(ctx, `UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`, at, m.id)
		return err
	}
	attempts := m.attempts + 1
	if attempts >= p.MaxAttempts {
		mu.Lock()
		rep.GaveUp = append(rep.GaveUp, fmt.Sprintf("%s: %s", receiver, m.key))
		mu.Unlock()
		_, err := db.ExecContext(ctx, `UPDATE outbox SET attempts = ?, last_error = ?, gave_up_at = ? WHERE id = ?`, attempts, sendErr.Error(), at, m.id)
		return err
	}
	next := now.Add(p.Backoff << min(attempts-1, 10)).UTC().Format(stampLayout)
	_, err := db.ExecContext(ctx, `UPDATE outbox SET attempts = ?, last_error = ?, next_at = ? WHERE id = ?`, attempts, sendErr.Error(), next, m.id)
	return err
}
