package vtab

import (
	"cmp"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// maxExactInt is 2^53: every integer up to it is exact as a float64, so
// Salesforce, the fake org and SQLite agree on comparisons with it.
const maxExactInt = 1 << 53

// sqliteNumberRE is the text SQLite's numeric affinity turns into a number:
// optional spaces, sign, digits with an optional fraction, optional exponent.
// Hexadecimal, "inf" and "nan" stay text.
var sqliteNumberRE = regexp.MustCompile(`^[ \t\n\f\r]*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[ \t\n\f\r]*$`)

// numeric is a value as SQLite compares it with a column of numeric
// affinity: an integer, a real, or something (text that is no number, a
// blob) that sorts after every number.
type numeric struct {
	isInt  bool
	i      int64
	f      float64
	nonNum bool
}

// numericOf applies SQLite's numeric affinity to a comparison's value.
func numericOf(v Value) numeric {
	switch v.Kind {
	case Int:
		return numeric{isInt: true, i: v.I, f: float64(v.I)}
	case Float:
		return numeric{f: v.F}
	case Text:
		s := strings.TrimSpace(v.S)
		if !sqliteNumberRE.MatchString(v.S) {
			return numeric{nonNum: true}
		}
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return numeric{isInt: true, i: i, f: float64(i)}
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil && !math.IsInf(f, 0) {
			return numeric{nonNum: true}
		}
		return numeric{f: f}
	}
	return numeric{nonNum: true}
}

// integral reports the value as an int64 when it is a whole number within
// ±2^53.
func (n numeric) integral() (int64, bool) {
	if n.nonNum {
		return 0, false
	}
	if n.isInt {
		return n.i, n.i >= -maxExactInt && n.i <= maxExactInt
	}
	if n.f != math.Trunc(n.f) || math.Abs(n.f) > maxExactInt {
		return 0, false
	}
	return int64(n.f), true
}

// compareWith orders the column value c against n as SQLite does: numbers
// numerically, anything else after every number.
func (n numeric) compareWith(c int64) int {
	if n.nonNum {
		return -1
	}
	if n.isInt {
		return cmp.Compare(c, n.i)
	}
	switch f := float64(c); {
	case f < n.f:
		return -1
	case f > n.f:
		return 1
	}
	return 0
}

// holds reports whether "c op n" is true in SQLite for a non-NULL c.
func (n numeric) holds(c int64, op int) bool {
	d := n.compareWith(c)
	switch op {
	case OpEQ, OpIS:
		return d == 0
	case OpNE, OpISNOT:
		return d != 0
	case OpLT:
		return d < 0
	case OpLE:
		return d <= 0
	case OpGT:
		return d > 0
	case OpGE:
		return d >= 0
	}
	return false
}

// decimal renders a float as a plain SOQL decimal (no exponent).
func decimal(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
