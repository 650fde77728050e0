package vtab

import (
	"encoding/json"
	"fmt"
)

// Version is sfsql's version, set at build time.
var Version = "0.1.0-dev"

// Function numbers of the SQL functions the bridge registers.
const (
	FuncVersion = iota
	FuncStats
	FuncCacheClear
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
	s := &e.opts.Client.Stats
	return Stats{Requests: s.Requests.Load(), Bytes: s.Bytes.Load(), APIUsed: s.APIUsed.Load(), APIMax: s.APIMax.Load()}
}

// Function evaluates sfsql_version(), sfsql_stats() and sfsql_cache_clear().
func (e *Engine) Function(which int) (Value, error) {
	switch which {
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
