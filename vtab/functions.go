package vtab

import (
	"encoding/json"
	"fmt"
	"os"
)

// Version is sfsql's version, set at build time.
var Version = "0.1.0-dev"

// Function is an SQL function every sfsql connection has. This list is
// the only one: the bridge registers each entry by its index.
type Function struct {
	Name string
	Args int
	Call func(e *Engine, args []Value) (Value, error)
	// SwitchesOrg says the call made another org current: the bridge then
	// has SQLite connect every table again.
	SwitchesOrg bool
}

// Functions are sfsql_version(), sfsql_stats(), sfsql_cache_clear(),
// sfsql_parallel(N), sfsql_connect(NAME), sfsql_disconnect(NAME),
// sfsql_demo() and sfsql_debug_panic().
var Functions = []Function{
	{Name: "sfsql_version", Call: func(*Engine, []Value) (Value, error) { return TextValue(Version), nil }},
	{Name: "sfsql_stats", Call: func(e *Engine, _ []Value) (Value, error) {
		data, err := json.Marshal(e.Stats())
		return TextValue(string(data)), err
	}},
	{Name: "sfsql_cache_clear", Call: func(e *Engine, _ []Value) (Value, error) {
		e.ClearCache()
		return IntValue(1), nil
	}},
	{Name: "sfsql_parallel", Args: 1, Call: parallelFunction},
	{Name: "sfsql_connect", Args: 1, SwitchesOrg: true, Call: connectFunction},
	{Name: "sfsql_disconnect", Args: 1, SwitchesOrg: true, Call: disconnectFunction},
	{Name: "sfsql_demo", SwitchesOrg: true, Call: func(e *Engine, _ []Value) (Value, error) {
		if err := e.Configure("demo"); err != nil {
			return Value{}, err
		}
		return TextValue("demo"), nil
	}},
	{Name: "sfsql_debug_panic", Call: debugPanic},
}

// parallelFunction sets how many pages of a large scan are fetched at
// once: select sfsql_parallel(8); 1 pages sequentially.
func parallelFunction(e *Engine, args []Value) (Value, error) {
	if len(args) != 1 || args[0].Kind != Int || args[0].I < 1 || args[0].I > 16 {
		return Value{}, fmt.Errorf("sfsql_parallel needs a page count from 1 to 16: select sfsql_parallel(4)")
	}
	e.SetParallel(int(args[0].I))
	return IntValue(args[0].I), nil
}

func connectFunction(e *Engine, args []Value) (Value, error) {
	if len(args) != 1 || args[0].Kind != Text || args[0].S == "" {
		return Value{}, fmt.Errorf("sfsql_connect needs a connection name: select sfsql_connect('prod')")
	}
	if err := e.Configure(args[0].S); err != nil {
		return Value{}, err
	}
	return TextValue(args[0].S), nil
}

// disconnectFunction drops an org from the session.
func disconnectFunction(e *Engine, args []Value) (Value, error) {
	if len(args) != 1 || args[0].Kind != Text || args[0].S == "" {
		return Value{}, fmt.Errorf("sfsql_disconnect needs a connection name: select sfsql_disconnect('uat')")
	}
	if err := e.RemoveOrg(args[0].S); err != nil {
		return Value{}, err
	}
	return TextValue(args[0].S), nil
}

// debugPanic panics, to prove hosts survive it.
func debugPanic(*Engine, []Value) (Value, error) {
	if os.Getenv("SFSQL_DEBUG_PANIC") != "1" {
		return Value{}, fmt.Errorf("sfsql_debug_panic() needs SFSQL_DEBUG_PANIC=1")
	}
	var nothing map[string]int
	//lint:ignore SA5000 the point: a real nil-map panic, as a bug would cause
	nothing["boom"]++
	return Value{}, nil
}

// Stats is the session's API accounting.
type Stats struct {
	Requests int64 `json:"requests"`
	Bytes    int64 `json:"bytes"`
	APIUsed  int64 `json:"api_usage_used"`
	APIMax   int64 `json:"api_usage_max"`
}

// Stats reports what the members' clients have asked of them so far
// (API usage: the sums of the orgs' allowances).
func (e *Engine) Stats() Stats {
	var out Stats
	for _, o := range e.memberList() {
		s := &o.client.Stats
		out.Requests += s.Requests.Load()
		out.Bytes += s.Bytes.Load()
		out.APIUsed += s.APIUsed.Load()
		out.APIMax += s.APIMax.Load()
	}
	return out
}
