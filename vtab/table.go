package vtab

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/sfsql/sfsql/salesforce"
)

// category groups Salesforce types by how they compare and push down.
type category int

const (
	catText category = iota
	catID
	catBool
	catInt
	catFloat
	catDate
	catDateTime
	catOther // compound and binary: never pushed down
)

func categoryOf(sfType string) category {
	switch sfType {
	case "id", "reference":
		return catID
	case "boolean":
		return catBool
	case "int", "long":
		return catInt
	case "double", "currency", "percent":
		return catFloat
	case "date":
		return catDate
	case "datetime":
		return catDateTime
	case "address", "location", "base64", "anyType", "complexvalue":
		return catOther
	}
	return catText
}

// col is one column of a connected table.
type col struct {
	name       string
	path       string // Salesforce path; "" when the org lacks the field (always NULL)
	sfType     string
	cat        category
	filterable bool
	sortable   bool
	doc        string
}

func (c *col) sqlType() string {
	switch c.cat {
	case catBool, catInt:
		return "INTEGER"
	case catFloat:
		return "REAL"
	}
	return "TEXT"
}

// Table is a connected object table: the spec's columns plus every field
// the org's describe reports.
type Table struct {
	org   *org
	spec  Spec
	cols  []col
	hasID bool // most objects; TwoFactorMethodsInfo and a few others have none
}

// newTable intersects a spec with a live describe: spec columns first (NULL
// when the org lacks them), then every other field.
func newTable(o *org, spec Spec, d *salesforce.Description) *Table {
	t := &Table{org: o, spec: spec}
	fields := map[string]*salesforce.Field{}
	for i := range d.Fields {
		fields[strings.ToLower(d.Fields[i].Name)] = &d.Fields[i]
	}
	t.hasID = fields["id"] != nil
	seen := map[string]bool{}
	add := func(c col) {
		if !seen[c.name] {
			seen[c.name] = true
			t.cols = append(t.cols, c)
		}
	}
	for _, sc := range spec.Columns {
		add(specColumn(sc, fields))
	}
	// Scalar fields before the long tail of boolean flags: SQLite reports
	// columns past the 63rd only as "some column ≥ 63", which makes the
	// scan select every one of them.
	for _, flags := range []bool{false, true} {
		for _, f := range d.Fields {
			if (f.Type == "boolean") == flags {
				add(fieldColumn(&f))
			}
		}
	}
	return t
}

func fieldColumn(f *salesforce.Field) col {
	return col{name: SnakeCase(f.Name), path: f.Name, sfType: f.Type, cat: categoryOf(f.Type),
		filterable: f.Filterable, sortable: f.Sortable, doc: f.Label}
}

func specColumn(sc Column, fields map[string]*salesforce.Field) col {
	name := sc.Name
	if name == "" {
		name = SnakeCase(sc.Path)
	}
	if !strings.Contains(sc.Path, ".") {
		f := fields[strings.ToLower(sc.Path)]
		if f == nil {
			return col{name: name, sfType: sc.Type, cat: categoryOf(sc.Type), doc: sc.Doc} // absent: NULL
		}
		c := fieldColumn(f)
		c.name, c.doc = name, cmp.Or(sc.Doc, f.Label)
		return c
	}
	// A relationship path: present when its first hop is.
	rel := strings.ToLower(strings.SplitN(sc.Path, ".", 2)[0])
	for _, f := range fields {
		if strings.ToLower(f.RelationshipName) == rel {
			typ := cmp.Or(sc.Type, "string")
			return col{name: name, path: sc.Path, sfType: typ, cat: categoryOf(typ), filterable: true, sortable: true, doc: sc.Doc}
		}
	}
	return col{name: name, sfType: sc.Type, cat: categoryOf(sc.Type), doc: sc.Doc}
}

// Schema is the CREATE TABLE statement SQLite is given.
func (t *Table) Schema() string {
	var b strings.Builder
	b.WriteString("CREATE TABLE x(")
	for i, c := range t.cols {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q %s", c.name, c.sqlType())
	}
	b.WriteString(")")
	return b.String()
}

// ColumnInfo describes a column for .schema and the README.
type ColumnInfo struct {
	Name, Type, SalesforcePath, Pushdown, Doc string
	History                                   string // how snapshots treat it: "", "not a change", "from the parent", "event time"
}

// Columns lists the table's columns with what each pushes down.
func (t *Table) Columns() []ColumnInfo {
	var out []ColumnInfo
	for _, c := range t.cols {
		out = append(out, ColumnInfo{Name: c.name, Type: c.sqlType(), SalesforcePath: c.path, Pushdown: pushdownOps(&c), Doc: c.doc,
			History: t.spec.History.column(c.name, c.path)})
	}
	return out
}

// pushdownOps lists the operators some value of which reaches Salesforce
// under the default collation: the planner's own accepts, so .schema and
// the README say what the planner does.
func pushdownOps(c *col) string {
	var ops []string
	for _, o := range []struct {
		op   int
		text string
	}{{OpEQ, "="}, {OpNE, "<>"}, {OpLT, "<"}, {OpLE, "<="}, {OpGT, ">"}, {OpGE, ">="}, {OpLIKE, "LIKE"}, {OpIN, "IN"}, {OpISNULL, "IS NULL"}} {
		if c.accepts(o.op, "BINARY") {
			ops = append(ops, o.text)
		}
	}
	return strings.Join(ops, " ")
}
