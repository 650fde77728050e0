package shell

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
)

// cmdSystem runs the rest of the line with /bin/sh, as sqlite3's .shell
// and .system do; its output goes where query output goes.
func (s *Shell) cmdSystem(ctx context.Context, args []string, rest string) error {
	if rest == "" {
		return fmt.Errorf("usage: .shell COMMAND")
	}
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", rest)
	cmd.Stdout, cmd.Stderr = s.out, s.cfg.Stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return fmt.Errorf(".shell: %s exited with status %d", args[0], exit.ExitCode())
	}
	return err
}

// cmdWidth caps the table's columns, in order, at these widths (0: as
// wide as they need), as sqlite3's .width does for its column modes.
func (s *Shell) cmdWidth(_ context.Context, args []string, _ string) error {
	widths := make([]int, len(args))
	for i, a := range args {
		n, err := strconv.Atoi(a)
		if err != nil || n < 0 {
			return fmt.Errorf(".width: %q is not a width (0 or more)", a)
		}
		widths[i] = n
	}
	s.widths = widths
	return nil
}
