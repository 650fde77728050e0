package vtab

import (
	"encoding/json"
	"fmt"
	"os"
)

// Version is sfsql's version, set at build time.
var Version = "0.1.0-dev"

// Function numbers of the SQL functions the bridge registers.
const (
	FuncVersion = iota
	FuncStats
	FuncCacheClear
	FuncConnect    // sfsql_connect('NAME')
	FuncDemo       // sfsql_demo()
	FuncDebugPanic // sfsql_debug_panic(): panics, to prove hosts survive it
)

// Stats is the session's API accounting.
type Stats struct {
	Requests int64 `json:"requests"`
	Bytes    int64 `json:"bytes"`
	APIUsed  int64 `json:"api_usage_used"`
	APIMax   int64 `json:"api_usage_max"`
}

// Stats reports what the client has asked of the org so far.
func (e *Engine) Stats() Stats {
	s := &e.Client().Stats
	return Stats{Requests: s.Requests.Load(), Bytes: s.Bytes.Load(), APIUsed: s.APIUsed.Load(), APIMax: s.APIMax.Load()}
}

// Function evaluates sfsql_version(), sfsql_stats(), sfsql_cache_clear(),
// sfsql_connect(NAME) and sfsql_demo().
func (e *Engine) Function(which int, args []Value) (Value, error) {
	switch which {
	case FuncConnect:
		if len(args) != 1 || args[0].Kind != Text || args[0].S == "" {
			return Value{}, fmt.Errorf("sfsql_connect needs a connection name: select sfsql_connect('prod')")
		}
		if err := e.Configure(args[0].S); err != nil {
			return Value{}, err
		}
		return TextValue(args[0].S), nil
	case FuncDebugPanic:
		if os.Getenv("SFSQL_DEBUG_PANIC") != "1" {
			return Value{}, fmt.Errorf("sfsql_debug_panic() needs SFSQL_DEBUG_PANIC=1")
		}
		var nothing map[string]int
		//lint:ignore SA5000 the point: a real nil-map panic, as a bug would cause
		nothing["boom"]++
		return Value{}, nil
	case FuncDemo:
		if err := e.Configure("demo"); err != nil {
			return Value{}, err
		}
		return TextValue("demo"), nil
	case FuncVersion:
		return TextValue(Version), nil
	case FuncStats:
		data, err := json.Marshal(e.Stats())
		return TextValue(string(data)), err
	case FuncCacheClear:
		e.ClearCache()
		return IntValue(1), nil
	}
	return Value{}, fmt.Errorf("unknown sfsql function %d", which)
}
