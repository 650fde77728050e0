package vtab

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// oracleDecode is the decoder the streaming one replaced: the whole record
// into a map, then each path looked up. The streaming decoder must give
// the same values for every record.
func oracleDecode(raw json.RawMessage, fields []field) ([]Value, error) {
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	row := make([]Value, len(fields))
	for i, f := range fields {
		var cur any = m
		for _, p := range f.path {
			obj, ok := cur.(map[string]any)
			if !ok {
				cur = nil
				break
			}
			v, ok := obj[p]
			if !ok {
				for k, x := range obj {
					if strings.EqualFold(k, p) {
						v = x
					}
				}
			}
			cur = v
		}
		row[i] = convert(cur, f.cat)
	}
	return row, nil
}

// fieldsOf lists every path in a record (relationships too), each under
// every category, plus a path the record lacks and one in another case.
func fieldsOf(m map[string]any, prefix []string) []field {
	var out []field
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		path := append(append([]string(nil), prefix...), k)
		for _, cat := range []category{catText, catInt, catFloat, catDateTime, catOther} {
			out = append(out, field{path: path, cat: cat})
		}
		if sub, ok := m[k].(map[string]any); ok {
			out = append(out, fieldsOf(sub, path)...)
		}
	}
	return append(out, field{path: append(append([]string(nil), prefix...), "NoSuchField__c")},
		field{path: append(append([]string(nil), prefix...), strings.ToUpper(firstKey(keys)))})
}

func firstKey(keys []string) string {
	if len(keys) == 0 {
		return "x"
	}
	return keys[0]
}

func checkSameAsOracle(t *testing.T, name string, raw json.RawMessage) {
	t.Helper()
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return
	}
	fields := fieldsOf(m, nil)
	want, err := oracleDecode(raw, fields)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeRecord(raw, fields)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for i := range fields {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s %v (cat %d): %#v, want %#v", name, fields[i].path, fields[i].cat, got[i], want[i])
		}
	}
}

// TestDecode_SameAsTheMapDecoderOnRecordedRecords: every record of the
// recorded live responses decodes as the map decoder decodes it, for every
// path in it under every category.
func TestDecode_SameAsTheMapDecoderOnRecordedRecords(t *testing.T) {
	files, _ := filepath.Glob("../fakeorg/testdata/fixtures/*.json") // copies of the recorded responses
	records := 0
	for _, file := range files {
		data, _ := os.ReadFile(file)
		var page struct{ Records []json.RawMessage }
		if json.Unmarshal(data, &page) != nil {
			continue
		}
		for _, r := range page.Records {
			checkSameAsOracle(t, filepath.Base(file), r)
			records++
		}
	}
	if records < 21 {
		t.Fatalf("only %d recorded records", records)
	}
}

// TestDecode_SameAsTheMapDecoderOnHardCases: escapes, nulls where objects
// go, numbers of every shape, nested compounds, keys in another case.
func TestDecode_SameAsTheMapDecoderOnHardCases(t *testing.T) {
	for _, raw := range []string{
		`{"attributes":{"type":"User","url":"/x"},"Id":"005A","Name":"Zoë \"Q\" O'Brien\\n\t\u00e9\ud83d\ude00","Profile":null}`,
		`{"Id":"005B","Profile":{"attributes":{"type":"Profile"},"Name":"Admin","UserLicense":{"Name":"Salesforce"}},"Manager":{"Profile":null}}`,
		`{"N":-0,"M":1e21,"K":-1.5E-3,"J":12345678901234567,"B":true,"F":false,"Z":null}`,
		`{ "Address" : { "city" : "Paris", "geocodeAccuracy" : null, "tags" : [1, "a\"]", {"x": [ ]}] } , "Id" : "a" }`,
		`{"id":"lower","ID":"upper","Id":"exact"}`,
		`{"T":"2024-01-05T10:11:12.000+0000","U":"2024-01-05","E":"","S":"\\\\","Arr":[],"Obj":{}}`,
		`{"\u0049d":"escaped key","Weird Key":"x"}`,
	} {
		checkSameAsOracle(t, raw, json.RawMessage(raw))
	}
	if _, err := decodeRecord(json.RawMessage(`{"Id":"unterminated`), []field{{path: []string{"Id"}}}); err == nil {
		t.Fatal("a broken record decoded")
	}
}
