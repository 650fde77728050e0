// Package notify delivers notifications of findings: receivers (a
// webhook, a command, standard output) and the outbox in the history
// store that delivers each message at least once, with an idempotency key
// in every payload.
package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// Receiver takes messages.
type Receiver interface {
	// Name identifies the receiver in the outbox and in logs; it never
	// holds a secret (a webhook's path and query are left out).
	Name() string
	Send(ctx context.Context, payload []byte) error
}

// Parse reads --notify: webhook=URL, exec=COMMAND or stdout.
func Parse(spec string, stdout io.Writer) (Receiver, error) {
	kind, arg, _ := strings.Cut(spec, "=")
	switch kind {
	case "webhook":
		u, err := url.Parse(arg)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, fmt.Errorf("--notify webhook=URL: want an http(s) URL")
		}
		if u.Scheme == "http" && !loopback(u.Hostname()) {
			return nil, fmt.Errorf("--notify webhook: plain http is only for loopback receivers; use https")
		}
		return &Webhook{URL: arg, name: "webhook " + u.Scheme + "://" + u.Host, Client: &http.Client{Timeout: 10 * time.Second}}, nil
	case "exec":
		if strings.TrimSpace(arg) == "" {
			return nil, fmt.Errorf("--notify exec=COMMAND: the command is missing")
		}
		return &Command{Line: arg}, nil
	case "stdout":
		return &Stdout{W: stdout}, nil
	}
	return nil, fmt.Errorf("--notify %q: want webhook=URL, exec=COMMAND or stdout", spec)
}

func loopback(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// Webhook POSTs the JSON payload; any 2xx is taken as delivered.
type Webhook struct {
	URL    string
	name   string
	Client *http.Client
}

func (w *Webhook) Name() string { return w.name }

// Send posts the payload; errors name the receiver, never its URL.
func (w *Webhook) Send(ctx context.Context, payload []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(payload))
	if err != nil {
		return errors.New(w.name + ": bad URL")
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := w.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL carries the webhook's secret
		}
		return fmt.Errorf("%s: %v", w.name, err)
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("%s answered HTTP %d", w.name, res.StatusCode)
	}
	return nil
}

// Command runs a command through sh with the payload on its standard
// input; exit status 0 is delivered.
type Command struct{ Line string }

func (c *Command) Name() string { return "exec " + c.Line }

func (c *Command) Send(ctx context.Context, payload []byte) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", c.Line)
	cmd.Stdin = bytes.NewReader(payload)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(out.String())
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return fmt.Errorf("%s: %v %s", c.Name(), err, msg)
	}
	return nil
}

// Stdout writes each payload as one JSON line.
type Stdout struct {
	W  io.Writer
	mu sync.Mutex
}

func (s *Stdout) Name() string { return "stdout" }

func (s *Stdout) Send(_ context.Context, payload []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.W.Write(append(bytes.TrimSpace(payload), '\n'))
	return err
}
