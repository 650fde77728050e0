package cli

import (
	"cmp"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/chzyer/readline"

	"github.com/sfsql/sfsql/shell"
)

// Readline makes the REPL's line reader for a terminal: persistent history
// (mode 0600) under the XDG state directory, tab completion.
func Readline(getenv func(string) string) func(sh *shell.Shell) (shell.LineReader, func(), error) {
	return func(sh *shell.Shell) (shell.LineReader, func(), error) {
		history := historyFile(getenv)
		if history != "" {
			if err := os.MkdirAll(filepath.Dir(history), 0o700); err != nil {
				history = ""
			} else if f, err := os.OpenFile(history, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
				f.Close()
				os.Chmod(history, 0o600)
			}
		}
		rl, err := readline.NewEx(&readline.Config{
			Prompt:                 "sfsql> ",
			HistoryFile:            history,
			DisableAutoSaveHistory: true,
			AutoComplete:           sh.Completer(),
			InterruptPrompt:        "^C",
			EOFPrompt:              "",
			HistorySearchFold:      true,
		})
		if err != nil {
			return nil, nil, err
		}
		return rl, func() { rl.Close() }, nil
	}
}

// historyFile is $SFSQL_HISTORY, else $XDG_STATE_HOME/sfsql/history, else
// ~/.local/state/sfsql/history.
func historyFile(getenv func(string) string) string {
	if f := getenv("SFSQL_HISTORY"); f != "" {
		return f
	}
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "sfsql", "history")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".local", "state", "sfsql", "history")
}

// pagerCommand is the shell's pager: $SFSQL_PAGER, else $PAGER, else less
// (quitting at once when the result fits, keeping colours and the
// screen), when installed.
func pagerCommand(getenv func(string) string) string {
	if p := cmp.Or(getenv("SFSQL_PAGER"), getenv("PAGER")); p != "" {
		return p
	}
	if _, err := exec.LookPath("less"); err == nil {
		return "less -FRSX"
	}
	return ""
}
