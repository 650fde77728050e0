package history

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/sfsql/sfsql/vtab"
)

// encodeData is a record's stored JSON: its own columns in the shape's
// order, so equal records encode to equal bytes without sorting keys.
// NULLs and false booleans are left out (the views read a missing key as
// NULL, or 0 for a boolean, which Salesforce never leaves NULL): most
// fields of a wide object are empty or false.
func encodeData(cols []vtab.ShapeColumn, data map[string]any) string {
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	for _, c := range cols {
		if c.Field == "" || data[c.Name] == nil || c.Bool && data[c.Name] == int64(0) {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		writeString(&b, c.Name)
		b.WriteByte(':')
		writeValue(&b, data[c.Name])
	}
	b.WriteByte('}')
	return b.String()
}

func writeValue(b *bytes.Buffer, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		data, err := json.Marshal(x)
		if err != nil {
			data = []byte("null") // NaN and ±Inf have no JSON form
		}
		b.Write(data)
	case string:
		writeString(b, x)
	default:
		data, _ := json.Marshal(x)
		b.Write(data)
	}
}

// writeString writes a JSON string; plain ASCII (most values) needs no
// escaping.
func writeString(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 || c == '<' || c == '>' || c == '&' {
			data, _ := json.Marshal(s)
			b.Write(data)
			return
		}
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}

// decodeData reads stored JSON back, numbers exactly as written.
func decodeData(s string) map[string]any {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var m map[string]any
	d.Decode(&m)
	return m
}

func valueJSON(v any) string {
	var b bytes.Buffer
	writeValue(&b, v)
	return b.String()
}

// complete puts the false booleans back into a decoded record, so before
// and after read like the live table.
func complete(cols []vtab.ShapeColumn, m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	for _, c := range cols {
		if c.Bool {
			if _, ok := m[c.Name]; !ok {
				m[c.Name] = int64(0)
			}
		}
	}
	return m
}
