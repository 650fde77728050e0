package vtab

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/sfsql/sfsql/jsonscan"
)

// field is one SOQL select item and how to turn its JSON into a Value.
type field struct {
	path []string // Profile.Name → ["Profile", "Name"]
	cat  category
}

// decodeRecord turns one JSON record into the values of fields. It walks
// the record's bytes once and converts only the keys the fields name; the
// rest (attributes, fields nobody asked for) are skipped unparsed.
func decodeRecord(raw json.RawMessage, fields []field) ([]Value, error) {
	return newFieldTree(fields).decode(raw)
}

// fieldTree is the select items by path: a key of the record leads to a
// field's position, or to the fields of a relationship object.
type fieldTree struct {
	width    int
	children map[string]*fieldNode
}

type fieldNode struct {
	leaves   []leaf // the fields this key's value fills
	children map[string]*fieldNode
	// foldSiblings: another key of the same level differs only in case.
	foldSiblings bool
}

// leaf is a position in the row and how its value converts.
type leaf struct {
	pos int
	cat category
}

func newFieldTree(fields []field) *fieldTree {
	t := &fieldTree{width: len(fields), children: map[string]*fieldNode{}}
	for i, f := range fields {
		level := t.children
		for j, key := range f.path {
			n := level[key]
			if n == nil {
				n = &fieldNode{}
				level[key] = n
			}
			if j == len(f.path)-1 {
				n.leaves = append(n.leaves, leaf{i, f.cat})
				continue
			}
			if n.children == nil {
				n.children = map[string]*fieldNode{}
			}
			level = n.children
		}
	}
	markFolds(t.children)
	return t
}

// markFolds flags the keys of each level that differ only in case.
func markFolds(level map[string]*fieldNode) {
	for k, n := range level {
		for k2 := range level {
			if k2 != k && strings.EqualFold(k, k2) {
				n.foldSiblings = true
			}
		}
		if n.children != nil {
			markFolds(n.children)
		}
	}
}

func (t *fieldTree) decode(raw []byte) ([]Value, error) {
	row := make([]Value, t.width)
	if err := t.decodeInto(raw, row); err != nil {
		return nil, err
	}
	return row, nil
}

// decodeInto decodes into a row of the tree's width: a field the record
// lacks is NULL.
func (t *fieldTree) decodeInto(raw []byte, row []Value) error {
	clear(row)
	return object(&jsonscan.Scanner{Data: raw}, t.children, row)
}

// matches are the nodes a record key fills: the one named exactly, and
// those named in another case, which Salesforce field names ignore.
func matches(level map[string]*fieldNode, key []byte) (exact *fieldNode, folded []*fieldNode) {
	exact = level[string(key)]
	if exact != nil && !exact.foldSiblings {
		return exact, nil
	}
	for k, n := range level {
		if n != exact && strings.EqualFold(k, string(key)) {
			folded = append(folded, n)
		}
	}
	return exact, folded
}

// object reads one JSON object, filling the row from the keys level names.
// A key named in another case fills a field only when the record has no
// key of that field's exact name.
func object(s *jsonscan.Scanner, level map[string]*fieldNode, row []Value) error {
	var exactly map[*fieldNode]bool // filled by their exact key, when some key folds
	return s.Object(func(key []byte) error {
		exact, folded := matches(level, key)
		raw, err := s.Value()
		if err != nil {
			return err
		}
		if exact != nil {
			if exactly != nil || folded != nil {
				exactly = markExact(exactly, exact)
			}
			if err := fill(exact, raw, row); err != nil {
				return err
			}
		}
		for _, n := range folded {
			if exactly[n] {
				continue
			}
			if err := fill(n, raw, row); err != nil {
				return err
			}
		}
		return nil
	})
}

func markExact(m map[*fieldNode]bool, n *fieldNode) map[*fieldNode]bool {
	if m == nil {
		m = map[*fieldNode]bool{}
	}
	m[n] = true
	return m
}

// fill converts one value into the fields a node stands for: its own, and
// those of a relationship object below it (all NULL when it is null).
func fill(n *fieldNode, raw []byte, row []Value) error {
	if n.children != nil && raw[0] == '{' {
		if err := object(&jsonscan.Scanner{Data: raw}, n.children, row); err != nil {
			return err
		}
	}
	for _, l := range n.leaves {
		v, err := jsonValue(raw, l.cat)
		if err != nil {
			return err
		}
		row[l.pos] = v
	}
	return nil
}

// jsonValue converts one JSON value as convert does.
func jsonValue(raw []byte, cat category) (Value, error) {
	switch raw[0] {
	case 'n':
		return Value{}, nil
	case 't':
		return IntValue(1), nil
	case 'f':
		return IntValue(0), nil
	case '"':
		if text, ok := jsonscan.PlainString(raw); ok {
			return convert(text, cat), nil
		}
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		if last := raw[len(raw)-1]; last < '0' || last > '9' {
			break // not a JSON number ("-Inf"): encoding/json says why
		}
		if f, err := strconv.ParseFloat(string(raw), 64); err == nil {
			return convert(f, cat), nil // as encoding/json reads a number
		}
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return Value{}, err
	}
	return convert(v, cat), nil
}

// convert maps a JSON value to SQLite's: booleans 0/1, datetimes as
// ISO-8601 with Z, compound values as JSON text.
func convert(v any, cat category) Value {
	switch x := v.(type) {
	case nil:
		return Value{}
	case bool:
		if x {
			return IntValue(1)
		}
		return IntValue(0)
	case float64:
		if cat == catInt || cat == catBool {
			return IntValue(int64(x))
		}
		if x == 0 {
			x = 0 // -0.0 reads back as 0 from any SQLite table; so here
		}
		return FloatValue(x)
	case string:
		if cat == catDateTime {
			return TextValue(isoUTC(x))
		}
		return TextValue(x)
	}
	data, _ := json.Marshal(v)
	return TextValue(string(data))
}

// isoUTC rewrites Salesforce's 2024-01-05T10:11:12.000+0000 as
// 2024-01-05T10:11:12.000Z, which SQLite's date functions read.
func isoUTC(s string) string {
	if strings.HasSuffix(s, "+0000") {
		return s[:len(s)-5] + "Z"
	}
	return s
}
