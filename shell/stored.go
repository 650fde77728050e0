package shell

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Stored switches the catalogue tables between live and the history
// store's state (the history package's Viewer).
type Stored interface {
	Offline(ctx context.Context, conn *sql.Conn, on bool) (string, error)
	AsOf(ctx context.Context, conn *sql.Conn, when string) (string, error)
}

var errNoStore = errors.New("no history store in use: take a snapshot (sfsql snapshot) or give --store")

func (s *Shell) cmdOffline(ctx context.Context, args []string, _ string) error {
	if len(args) != 1 || (args[0] != "on" && args[0] != "off") {
		return errors.New("usage: .offline on|off")
	}
	if s.cfg.Stored == nil {
		return errNoStore
	}
	msg, err := s.cfg.Stored.Offline(ctx, s.conn(), args[0] == "on")
	return s.said(msg, err)
}

func (s *Shell) cmdAsOf(ctx context.Context, args []string, _ string) error {
	if len(args) != 1 {
		return errors.New("usage: .asof TIME|off")
	}
	if s.cfg.Stored == nil {
		return errNoStore
	}
	msg, err := s.cfg.Stored.AsOf(ctx, s.conn(), args[0])
	return s.said(msg, err)
}

func (s *Shell) said(msg string, err error) error {
	if err == nil {
		fmt.Fprintln(s.cfg.Stderr, msg)
	}
	return err
}
