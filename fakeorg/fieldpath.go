package fakeorg

import (
	"strings"

	"github.com/sfsql/sfsql/soql"
)

// path is a resolved field path: reference fields to follow, then a field.
type path struct {
	hops  []*Field // reference fields, in order
	field *Field
	names []string // canonical relationship names then field name
}

// resolvePath resolves a (possibly dotted) field path on an object.
func (s *Store) resolvePath(q *soql.Query, o *Object, parts []string, pos int) (*path, error) {
	if len(parts) > 1 && strings.EqualFold(parts[0], o.Name) {
		parts = parts[1:] // Account.Name FROM Account is just Name
	}
	p := &path{}
	cur := o
	for _, rel := range parts[:len(parts)-1] {
		ref := cur.Relationship(rel)
		if ref == nil {
			return nil, fieldError(q, pos, "Didn't understand relationship '"+rel+"' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.")
		}
		p.hops = append(p.hops, ref)
		p.names = append(p.names, *ref.RelationshipName)
		cur = s.Schema.Object(ref.ReferenceTo[0])
		if cur == nil {
			return nil, fieldError(q, pos, "Didn't understand relationship '"+rel+"' in field path.")
		}
	}
	last := parts[len(parts)-1]
	f := cur.Field(last)
	if f == nil {
		return nil, fieldError(q, pos, "No such column '"+last+"' on entity '"+cur.Name+"'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.")
	}
	p.field = f
	p.names = append(p.names, f.Name)
	return p, nil
}

// value reads the path from a record; a null reference anywhere gives nil.
func (s *Store) value(r Record, p *path) any {
	for _, hop := range p.hops {
		id, _ := r[hop.Name].(string)
		if id == "" {
			return nil
		}
		r = s.lookup(id)
		if r == nil {
			return nil
		}
	}
	return fieldValue(r, p.field)
}

func fieldValue(r Record, f *Field) any {
	v, ok := r[f.Name]
	if !ok && f.Type == "boolean" {
		return false
	}
	return v
}

// category groups field types by how they compare.
type category int

const (
	catText category = iota
	catID
	catBool
	catNumber
	catDate
	catDateTime
	catTime
	catCompound
)

func categoryOf(f *Field) category {
	switch f.Type {
	case "id", "reference":
		return catID
	case "boolean":
		return catBool
	case "int", "double", "currency", "percent", "long":
		return catNumber
	case "date":
		return catDate
	case "datetime":
		return catDateTime
	case "time":
		return catTime
	case "address", "location", "base64":
		return catCompound
	}
	return catText
}

func soapTypeName(c category) string {
	switch c {
	case catBool:
		return "boolean"
	case catNumber:
		return "double"
	case catDate:
		return "date"
	case catDateTime:
		return "dateTime"
	case catID:
		return "id"
	}
	return "string"
}
