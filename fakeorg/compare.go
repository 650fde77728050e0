package fakeorg

import (
	"strings"
	"time"
	"unicode"

	"github.com/sfsql/sfsql/soql"
)

// comparison builds the test "field op literal" with SOQL semantics: text
// compares case-insensitively, != matches nulls, ordering never does.
func comparison(op string, lit soql.Value, cat category, now time.Time) func(any) bool {
	if lit.Kind == soql.KindNull {
		if op == "!=" {
			return func(v any) bool { return v != nil }
		}
		if op == "=" {
			return func(v any) bool { return v == nil }
		}
		return func(any) bool { return false }
	}
	if lit.Kind == soql.KindRelative {
		return relativeComparison(op, lit.Relative, now)
	}
	want := literalValue(lit)
	return func(v any) bool {
		if v == nil {
			return op == "!="
		}
		d := compareValues(v, want, cat)
		switch op {
		case "=":
			return d == 0
		case "!=":
			return d != 0
		case "<":
			return d < 0
		case "<=":
			return d <= 0
		case ">":
			return d > 0
		case ">=":
			return d >= 0
		}
		return false
	}
}

func relativeComparison(op string, r soql.Relative, now time.Time) func(any) bool {
	start, end := r.Range(now)
	return func(v any) bool {
		t, ok := v.(time.Time)
		if !ok {
			return op == "!="
		}
		in := !t.Before(start) && t.Before(end)
		switch op {
		case "=":
			return in
		case "!=":
			return !in
		case "<":
			return t.Before(start)
		case "<=":
			return t.Before(end)
		case ">":
			return !t.Before(end)
		case ">=":
			return !t.Before(start)
		}
		return false
	}
}

func literalValue(v soql.Value) any {
	switch v.Kind {
	case soql.KindString:
		return v.Str
	case soql.KindNumber:
		return v.Num
	case soql.KindBool:
		return v.Bool
	case soql.KindDate, soql.KindDateTime:
		return v.Time
	}
	return nil
}

// compareValues orders two non-null values of one field category.
func compareValues(a, b any, cat category) int {
	switch x := a.(type) {
	case string:
		y, _ := b.(string)
		if cat == catID {
			if sameID(x, y) {
				return 0
			}
			return strings.Compare(x, y)
		}
		return foldCompare(x, y)
	case float64:
		y, _ := b.(float64)
		return cmpOrdered(x, y)
	case bool:
		y, _ := b.(bool)
		return cmpOrdered(boolInt(x), boolInt(y))
	case time.Time:
		y, _ := b.(time.Time)
		return x.Compare(y)
	}
	return 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func cmpOrdered[T int | float64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// foldCompare compares strings case-insensitively, rune by rune.
func foldCompare(a, b string) int {
	ar, br := []rune(a), []rune(b)
	for i := 0; i < len(ar) && i < len(br); i++ {
		x, y := unicode.ToLower(ar[i]), unicode.ToLower(br[i])
		if x != y {
			return cmpOrdered(int(x), int(y))
		}
	}
	return cmpOrdered(len(ar), len(br))
}

// likeElem is one element of a LIKE pattern: a literal rune or a wildcard.
type likeElem struct {
	r        rune
	any, one bool // % and _
}

// compileLike builds a case-insensitive matcher for a decoded SOQL LIKE
// pattern in which \%, \_ and \\ stand for literal characters.
func compileLike(pattern string) func(string) bool {
	var elems []likeElem
	rs := []rune(pattern)
	for i := 0; i < len(rs); i++ {
		switch {
		case rs[i] == '\\' && i+1 < len(rs):
			i++
			elems = append(elems, likeElem{r: unicode.ToLower(rs[i])})
		case rs[i] == '%':
			elems = append(elems, likeElem{any: true})
		case rs[i] == '_':
			elems = append(elems, likeElem{one: true})
		default:
			elems = append(elems, likeElem{r: unicode.ToLower(rs[i])})
		}
	}
	return func(s string) bool {
		rs := []rune(s)
		for i := range rs {
			rs[i] = unicode.ToLower(rs[i])
		}
		return likeMatch(elems, rs)
	}
}

func likeMatch(p []likeElem, s []rune) bool {
	// Iterative matching with backtracking to the last %.
	pi, si, star, mark := 0, 0, -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && !p[pi].any && (p[pi].one || p[pi].r == s[si]):
			pi++
			si++
		case pi < len(p) && p[pi].any:
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi].any {
		pi++
	}
	return pi == len(p)
}
