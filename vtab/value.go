// Package vtab is the engine behind sfsql's virtual tables: table specs
// become plans (SOQL), plans become lazy cursors. Pure Go: the cgo bridge in
// vtab/bridge adapts it to SQLite.
package vtab

import (
	"encoding/json"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
)

// Kind is the storage class of a Value, as SQLite sees it.
type Kind int

// Storage classes.
const (
	Null Kind = iota
	Int
	Float
	Text
	Blob
	List // the whole right-hand side of an IN, from sqlite3_vtab_in
)

// Value is one SQLite value crossing the bridge.
type Value struct {
	Kind Kind    `json:"k"`
	I    int64   `json:"i,omitempty"`
	F    float64 `json:"f,omitempty"`
	S    string  `json:"s,omitempty"`
	L    []Value `json:"l,omitempty"`
}

// IntValue, FloatValue and TextValue build values.
func IntValue(i int64) Value     { return Value{Kind: Int, I: i} }
func FloatValue(f float64) Value { return Value{Kind: Float, F: f} }
func TextValue(s string) Value   { return Value{Kind: Text, S: s} }

// number reads a value as SQLite's numeric affinity would: integers and
// reals as they are, text that looks like a number converted.
func (v Value) number() (float64, bool) {
	switch v.Kind {
	case Int:
		return float64(v.I), true
	case Float:
		return v.F, true
	case Text:
		f, err := strconv.ParseFloat(strings.TrimSpace(v.S), 64)
		return f, err == nil
	}
	return 0, false
}

// key is a normalised form for hash lookups: values SQLite might compare
// equal share a key (numbers and numeric text alike).
func (v Value) key() (string, bool) {
	if f, ok := v.number(); ok {
		return "n" + strconv.FormatFloat(f, 'g', -1, 64), true
	}
	switch v.Kind {
	case Text:
		return "t" + v.S, true
	case Blob:
		return "b" + v.S, true
	}
	return "", false
}

// lookupKey is the key a join lookup indexes a cached scan by. It is
// coarser than every collation and affinity SQLite may compare with —
// numbers and numeric text alike, text folded to ASCII lower case without
// trailing spaces (NOCASE, RTRIM) — so a lookup returns a superset of the
// matching rows and SQLite's own re-check decides. NULL has a key of its
// own for IS.
func (v Value) lookupKey() string {
	switch v.Kind {
	case Null:
		return "∅"
	case Int:
		return "n" + strconv.FormatFloat(float64(v.I), 'g', -1, 64)
	case Float:
		return "n" + strconv.FormatFloat(v.F, 'g', -1, 64)
	case Blob:
		return "b" + v.S
	}
	if n := numericOf(v); !n.nonNum {
		return "n" + strconv.FormatFloat(n.f, 'g', -1, 64)
	}
	return "t" + asciiLower(strings.TrimRight(v.S, " "))
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// rowHash is a 63-bit FNV-1a hash of values, used as a stable rowid.
func rowHash(vals []Value) int64 {
	h := fnv.New64a()
	for _, v := range vals {
		k, _ := v.key()
		h.Write([]byte(k))
		h.Write([]byte{0})
	}
	return int64(h.Sum64() &^ (1 << 63))
}

// valueJSON is how a Value travels in a plan: floats as text, so that
// ±Inf and NaN survive.
type valueJSON struct {
	Kind Kind    `json:"k"`
	I    int64   `json:"i,omitempty"`
	F    string  `json:"f,omitempty"`
	S    string  `json:"s,omitempty"`
	L    []Value `json:"l,omitempty"`
}

// MarshalJSON encodes a value for a plan.
func (v Value) MarshalJSON() ([]byte, error) {
	j := valueJSON{Kind: v.Kind, I: v.I, S: v.S, L: v.L}
	if v.Kind == Float {
		j.F = strconv.FormatFloat(v.F, 'g', -1, 64)
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes a value of a plan.
func (v *Value) UnmarshalJSON(data []byte) error {
	var j valueJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*v = Value{Kind: j.Kind, I: j.I, S: j.S, L: j.L}
	if j.Kind == Float {
		f, err := strconv.ParseFloat(j.F, 64)
		if err != nil && !math.IsInf(f, 0) {
			return err
		}
		v.F = f
	}
	return nil
}
