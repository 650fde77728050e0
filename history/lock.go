package history

import (
	"context"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lock is an exclusive lock on the store for the length of a snapshot, so
// two processes never diff against each other's half-read state. The
// kernel drops it when the process dies, kill -9 included.
type lock struct{ f *os.File }

func (s *Store) lock(ctx context.Context) (*lock, error) {
	f, err := os.OpenFile(s.Path+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock store: %w", err)
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return &lock{f}, nil
		}
		if err != syscall.EWOULDBLOCK {
			f.Close()
			return nil, fmt.Errorf("lock store: %w", err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (l *lock) release() {
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
}
