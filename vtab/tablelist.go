package vtab

import "context"

// TableList computes salesforce_tables: every table sfsql serves on this
// connection, for hosts whose .tables cannot see virtual tables that are
// not in sqlite_master (sqlite3, sqlite-utils, litecli, DB Browser).
var TableList = &Derivation{Name: "table list", build: func(o *org, spec Spec) VTable {
	return &tableListTable{org: o, spec: spec}
}}

type tableListTable struct {
	org  *org
	spec Spec
}

func (t *tableListTable) Schema() string { return t.spec.derivedSchema() }

func (t *tableListTable) BestIndex(info *IndexInfo) error {
	info.Usage = make([]ConstraintUsage, len(info.Constraints))
	info.Cost, info.Rows, info.IdxStr = 100, 500, derivedIdx(t.spec.Table, "all")
	return nil
}

func (t *tableListTable) Open() (Cursor, error) {
	return newRowsCursor(t.org.engine, func(context.Context, string, []Value) ([][]Value, error) { return t.rows(), nil }), nil
}

// rows: the catalogue (with its docs) and the org's other objects.
func (t *tableListTable) rows() [][]Value {
	e := t.org.engine
	var out [][]Value
	for _, name := range e.TableNames() {
		kind, object, doc := "object", Value{}, Value{}
		if spec, ok := e.specs[name]; ok {
			kind, doc = "catalogue", TextValue(spec.Doc)
			if spec.Derived != nil {
				kind = "derived"
			}
			if spec.Object != "" {
				object = TextValue(spec.Object)
			}
		} else {
			t.org.mu.Lock()
			if obj, ok := t.org.objects[name]; ok {
				object = TextValue(obj.Name)
			}
			t.org.mu.Unlock()
		}
		out = append(out, []Value{TextValue(name), TextValue(kind), object, doc})
	}
	return out
}
