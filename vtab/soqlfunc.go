package vtab

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/sfsql/sfsql/salesforce"
)

// SOQLQueries computes soql('SELECT …'): raw SOQL, relationship paths
// included. Each record is one row: its Id, its type, and its fields as
// JSON (read them with json_extract(record, '$.Profile.Name')).
var SOQLQueries = &Derivation{Name: "table-valued function", build: func(o *org, spec Spec) VTable {
	return &soqlTable{org: o, spec: spec}
}}

type soqlTable struct {
	org  *org
	spec Spec
}

func (t *soqlTable) Schema() string { return t.spec.derivedSchema() }

// BestIndex needs the hidden query column (the function's argument).
func (t *soqlTable) BestIndex(info *IndexInfo) error {
	info.Usage = make([]ConstraintUsage, len(info.Constraints))
	info.Cost, info.Rows, info.IdxStr = 1e12, 1e6, derivedIdx(t.spec.Table, "none")
	for i, c := range info.Constraints {
		if c.Column == 3 && c.Op == OpEQ && c.Usable {
			info.Usage[i] = ConstraintUsage{ArgvIndex: 1, Omit: true}
			info.Cost, info.Rows, info.IdxStr = 2000, 2000, derivedIdx(t.spec.Table, "query")
		}
	}
	return nil
}

func (t *soqlTable) Open() (Cursor, error) { return newRowsCursor(t.org.engine, t.rows), nil }

var errSOQLArgument = errors.New("soql() needs a SOQL statement: select * from soql('SELECT Id, Name FROM Profile')")

func (t *soqlTable) rows(ctx context.Context, mode string, args []Value) ([][]Value, error) {
	if mode != "query" || len(args) != 1 || args[0].Kind != Text {
		return nil, errSOQLArgument
	}
	e := t.org.engine
	e.notifyScan(args[0].S)
	pg, err := t.org.pages(ctx, args[0].S, salesforce.QueryOptions{})
	if err != nil {
		return nil, err
	}
	defer pg.close()
	var out [][]Value
	prog := Progress{SOQL: args[0].S}
	for {
		page, err := pg.next()
		if err != nil || page == nil {
			return out, err
		}
		e.received(&prog, page)
		for _, raw := range page.Records {
			row, err := rawRecordRow(raw)
			if err != nil {
				return nil, err
			}
			out = append(out, row)
		}
	}
}

func rawRecordRow(raw json.RawMessage) ([]Value, error) {
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	object := ""
	if a, ok := m["attributes"].(map[string]any); ok {
		object, _ = a["type"].(string)
	}
	stripAttributes(m)
	data, _ := json.Marshal(m)
	id, _ := m["Id"].(string)
	idv := Value{}
	if id != "" {
		idv = TextValue(id)
	}
	return []Value{idv, TextValue(object), TextValue(string(data))}, nil
}

func stripAttributes(m map[string]any) {
	delete(m, "attributes")
	for _, v := range m {
		if child, ok := v.(map[string]any); ok {
			stripAttributes(child)
		}
	}
}
