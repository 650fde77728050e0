package vtab

import (
	"encoding/json"
	"strings"
)

// field is one SOQL select item and how to turn its JSON into a Value.
type field struct {
	path []string // Profile.Name → ["Profile", "Name"]
	cat  category
}

// decodeRecord turns one JSON record into the values of fields.
func decodeRecord(raw json.RawMessage, fields []field) ([]Value, error) {
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	row := make([]Value, len(fields))
	for i, f := range fields {
		row[i] = convert(lookupPath(m, f.path), f.cat)
	}
	return row, nil
}

func lookupPath(m map[string]any, path []string) any {
	var cur any = m
	for _, p := range path {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		v, ok := obj[p]
		if !ok {
			v = lookupFold(obj, p)
		}
		cur = v
	}
	return cur
}

func lookupFold(obj map[string]any, key string) any {
	for k, v := range obj {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
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
