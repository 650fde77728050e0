package vtab

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sfsql/sfsql/salesforce"
)

// Shape is an object table as the history store keeps it: its own fields
// (stored), its relationship columns (computed from the stored parent
// tables, so a renamed profile is one change, not one per user), and how
// its rows can be found again cheaply.
type Shape struct {
	Table         string
	Object        string
	Tooling       bool
	Replicateable bool   // the describe says sobjects/X/updated and /deleted serve it
	HasID         bool   // most objects; TwoFactorMethodsInfo has none
	OneRow        bool   // the org's one record: reads ask for LIMIT 1
	Stamp         string // SystemModstamp, else LastModifiedDate, if filterable; "" when neither
	History       History
	Columns       []ShapeColumn // every column of the live table, in its order
	own           []field       // decode info of the own columns, in Columns order
}

// ShapeColumn is one column of a shape.
type ShapeColumn struct {
	Name     string `json:"name"`
	SQLType  string `json:"type"`
	Field    string `json:"field,omitempty"`    // API name of an own field
	Bool     bool   `json:"bool,omitempty"`     // a boolean: never NULL in Salesforce, stored only when true
	Relation []Hop  `json:"relation,omitempty"` // a relationship column's path through the stored tables
	Target   string `json:"target,omitempty"`   // the column of the last hop's table
}

// Hop is one step of a relationship column: the reference column of the
// current table and the table it points to.
type Hop struct {
	Column string `json:"column"`
	Table  string `json:"table"`
}

// Own lists the API names of the stored fields (the SOQL select list).
func (s *Shape) Own() []string {
	var out []string
	for _, c := range s.Columns {
		if c.Field != "" {
			out = append(out, c.Field)
		}
	}
	return out
}

// Decode turns one JSON record into its own columns' values: int64,
// float64, string or nil, as the live table returns them.
func (s *Shape) Decode(raw json.RawMessage) (map[string]any, error) {
	vals, err := decodeRecord(raw, s.own)
	if err != nil {
		return nil, err
	}
	out := make(map[string]any, len(vals))
	i := 0
	for _, c := range s.Columns {
		if c.Field == "" {
			continue
		}
		out[c.Name] = vals[i].Any()
		i++
	}
	return out, nil
}

// Any is the value as Go holds it: int64, float64, string or nil.
func (v Value) Any() any {
	switch v.Kind {
	case Int:
		return v.I
	case Float:
		return v.F
	case Text, Blob:
		return v.S
	}
	return nil
}

// Shape describes a catalogue table of the current org for the history
// store (one describe per object on the relationship paths, cached).
func (e *Engine) Shape(ctx context.Context, name string) (*Shape, error) {
	spec, ok := e.specs[name]
	if !ok || spec.Derived != nil {
		return nil, fmt.Errorf("%s is not a catalogue object table", name)
	}
	o := e.org()
	vt, err := o.connect(ctx, name)
	if err != nil {
		return nil, err
	}
	t := vt.(*Table)
	d, err := o.client.Describe(ctx, spec.Object, spec.Tooling)
	if err != nil {
		return nil, err
	}
	s := &Shape{Table: name, Object: spec.Object, Tooling: spec.Tooling, Replicateable: d.Replicateable, HasID: t.hasID, History: spec.History, OneRow: spec.OneRow}
	for _, f := range d.Fields {
		if !f.Filterable {
			continue // a delta query could not ask for it (TwoFactorInfo's SystemModstamp)
		}
		if strings.EqualFold(f.Name, "SystemModstamp") || s.Stamp == "" && strings.EqualFold(f.Name, "LastModifiedDate") {
			s.Stamp = f.Name
		}
	}
	for _, c := range t.cols {
		sc := ShapeColumn{Name: c.name, SQLType: c.sqlType()}
		switch {
		case c.path != "" && !strings.Contains(c.path, "."):
			sc.Field, sc.Bool = c.path, c.cat == catBool
			s.own = append(s.own, field{path: []string{c.path}, cat: c.cat})
		case c.path != "":
			sc.Relation, sc.Target = e.resolvePath(ctx, o, spec, c.path)
		}
		s.Columns = append(s.Columns, sc)
	}
	return s, nil
}

// resolvePath follows Profile.UserLicense.Name through the describes to
// the catalogue tables it crosses; nil when a hop leaves the catalogue.
func (e *Engine) resolvePath(ctx context.Context, o *org, spec Spec, path string) ([]Hop, string) {
	parts := strings.Split(path, ".")
	object, tooling := spec.Object, spec.Tooling
	var hops []Hop
	for _, rel := range parts[:len(parts)-1] {
		d, err := o.client.Describe(ctx, object, tooling)
		if err != nil {
			return nil, ""
		}
		hop, next, ok := e.hop(d.Fields, rel)
		if !ok {
			return nil, ""
		}
		hops = append(hops, hop)
		object, tooling = next.Object, next.Tooling
	}
	last := parts[len(parts)-1]
	target := SnakeCase(last)
	if next, ok := e.specs[hops[len(hops)-1].Table]; ok {
		for _, c := range next.Columns {
			if strings.EqualFold(c.Path, last) && c.Name != "" {
				target = c.Name
			}
		}
	}
	return hops, target
}

// hop finds the reference field named by a relationship and the first
// catalogue table it may point to.
func (e *Engine) hop(fields []salesforce.Field, rel string) (Hop, Spec, bool) {
	for _, f := range fields {
		if !strings.EqualFold(f.RelationshipName, rel) {
			continue
		}
		for _, target := range f.ReferenceTo {
			if s, ok := e.specs[TableName(target)]; ok && s.Derived == nil {
				return Hop{Column: SnakeCase(f.Name), Table: s.Table}, s, true
			}
		}
	}
	return Hop{}, Spec{}, false
}
