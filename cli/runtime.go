package cli

import (
	"os"
	"runtime/debug"
)

// TuneRuntime sets the collector for a process that streams large pages:
// a collection when the heap grows by half (not doubles), so a wide scan's
// resident memory stays near one or two pages. GOGC, when set, wins.
func TuneRuntime() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
}
