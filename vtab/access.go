package vtab

import (
	"context"
	"strings"

	"github.com/sfsql/sfsql/access"
)

// ObjectAccess computes salesforce_user_object_access and FieldAccess
// salesforce_user_field_access (package access resolves them).
var (
	ObjectAccess = &Derivation{Name: "effective object access", build: func(o *org, spec Spec) VTable {
		return &accessTable{org: o, spec: spec}
	}}
	FieldAccess = &Derivation{Name: "effective field access", build: func(o *org, spec Spec) VTable {
		return &accessTable{org: o, spec: spec, fields: true}
	}}
)

type accessTable struct {
	org    *org
	spec   Spec
	fields bool
	memo   *accessMemo
}

// accessMemo is the whole table, by user, for the scans it came from.
type accessMemo struct {
	from   []*scan
	byUser map[string][][]Value
}

// The columns filters are pushed on, by name.
var accessFilterColumns = []string{"user_id", "username", "sobject_type", "field"}

func (t *accessTable) Schema() string { return t.spec.derivedSchema() }

func (t *accessTable) column(name string) int {
	for i, c := range t.spec.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// BestIndex: user_id, username, sobject_type and field equal to a value
// narrow what is read (the user's assignments and grants only); user_id
// from a join is a lookup into the whole table, computed once. SQLite
// re-checks every term.
func (t *accessTable) BestIndex(info *IndexInfo) error {
	info.Usage = make([]ConstraintUsage, len(info.Constraints))
	var mode []string
	lookup := false
	argc := 0
	for _, name := range accessFilterColumns {
		col := t.column(name)
		for i, c := range info.Constraints {
			binary := c.Collation == "" || strings.EqualFold(c.Collation, "BINARY")
			if col < 0 || !c.Usable || c.Column != col || c.Op != OpEQ || c.IsIn || !binary || info.Usage[i].ArgvIndex > 0 {
				continue
			}
			argc++
			info.Usage[i] = ConstraintUsage{ArgvIndex: argc}
			mode = append(mode, name)
			lookup = lookup || name == "user_id" && c.RHS == nil
			break
		}
	}
	switch {
	case lookup:
		info.Cost, info.Rows = 10, 50
		mode = append([]string{"lookup"}, mode...)
	case len(mode) > 0 && (mode[0] == "user_id" || mode[0] == "username"):
		info.Cost, info.Rows = 5000, 50
	case len(mode) > 0:
		info.Cost, info.Rows = 50_000, 5_000
	default:
		info.Cost, info.Rows = 1e6, 100_000
	}
	info.IdxStr = derivedIdx(t.spec.Table, strings.Join(mode, ","))
	return nil
}

func (t *accessTable) Open() (Cursor, error) { return newRowsCursor(t.org.engine, t.rows), nil }

func (t *accessTable) rows(ctx context.Context, mode string, args []Value) ([][]Value, error) {
	names := strings.Split(mode, ",")
	if names[0] == "lookup" {
		return t.lookup(ctx, names[1:], args)
	}
	var f accessFilter
	for i, name := range names {
		if name == "" || i >= len(args) {
			continue
		}
		if args[i].Kind != Text {
			return nil, nil // an Id, a name: text or no row
		}
		switch name {
		case "user_id":
			f.userID = args[i].S
		case "username":
			f.username = args[i].S
		case "sobject_type":
			f.object = args[i].S
		case "field":
			f.field = args[i].S
		}
	}
	if f.userID != "" && !isID18(f.userID) {
		return nil, nil
	}
	l := &accessLoader{o: t.org, ctx: ctx, f: f, fields: t.fields}
	org, err := l.load()
	if err != nil {
		return nil, err
	}
	return t.compute(org, f), nil
}

// lookup answers user_id = (a join's value) from the whole table.
func (t *accessTable) lookup(ctx context.Context, names []string, args []Value) ([][]Value, error) {
	l := &accessLoader{o: t.org, ctx: ctx, fields: t.fields}
	org, err := l.load()
	if err != nil {
		return nil, err
	}
	if t.memo == nil || !sameScans(t.memo.from, l.used) {
		m := &accessMemo{from: l.used, byUser: map[string][][]Value{}}
		for _, r := range t.compute(org, accessFilter{}) {
			k := r[0].lookupKey()
			m.byUser[k] = append(m.byUser[k], r)
		}
		t.memo = m
	}
	for i, name := range names {
		if name == "user_id" && i < len(args) {
			return t.memo.byUser[args[i].lookupKey()], nil
		}
	}
	return nil, nil
}

// sameScans: the same scans, in any order (some are read at once).
func sameScans(a, b []*scan) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[*scan]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		if seen[s] == 0 {
			return false
		}
		seen[s]--
	}
	return true
}

// compute resolves the rows, narrowed as the filter says.
func (t *accessTable) compute(org *access.Org, f accessFilter) [][]Value {
	var out [][]Value
	if t.fields {
		keep := func(_, object, field string) bool {
			return (f.object == "" || object == f.object) && (f.field == "" || field == f.field)
		}
		for _, a := range org.FieldAccess(keep) {
			out = append(out, values(a.Row()))
		}
		return out
	}
	keep := func(_, object string) bool { return f.object == "" || object == f.object }
	for _, a := range org.ObjectAccess(keep) {
		out = append(out, values(a.Row()))
	}
	return out
}

// values converts a row of text and integers.
func values(row []any) []Value {
	out := make([]Value, len(row))
	for i, v := range row {
		switch x := v.(type) {
		case string:
			out[i] = TextValue(x)
		case int64:
			out[i] = IntValue(x)
		}
	}
	return out
}

// AccessOrg reads what one user's access is resolved from (by Id or
// username), narrowed like a query on the access tables: a few requests.
func (e *Engine) AccessOrg(ctx context.Context, user string, fields bool) (*access.Org, error) {
	f := accessFilter{username: user}
	if isID18(user) {
		f = accessFilter{userID: user}
	}
	l := &accessLoader{o: e.org(), ctx: ctx, f: f, fields: fields}
	return l.load()
}
