package fakeorg

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

func lower(s string) string { return strings.ToLower(s) }

// selectNode is the shape of the rendered record: fields and nested
// relationship objects, in the order the query first names them.
type selectNode struct {
	object   string
	fields   []*Field
	order    []string // keys in order: field or relationship names
	children map[string]*selectNode
	hops     map[string]*Field
}

func newSelectNode(object string) *selectNode {
	return &selectNode{object: object, children: map[string]*selectNode{}, hops: map[string]*Field{}}
}

func buildSelectTree(s *Store, c *compiled) *selectNode {
	root := newSelectNode(c.object.Name)
	for _, p := range c.items {
		n := root
		for _, hop := range p.hops {
			rel := *hop.RelationshipName
			child, ok := n.children[rel]
			if !ok {
				child = newSelectNode(hop.ReferenceTo[0])
				n.children[rel] = child
				n.hops[rel] = hop
				n.order = append(n.order, "rel:"+rel)
			}
			n = child
		}
		n.fields = append(n.fields, p.field)
		n.order = append(n.order, "field:"+p.field.Name)
	}
	return root
}

// writeRecord renders one record with its attributes the way the REST API
// does, nested parent objects included.
func (s *Store) writeRecord(b *bytes.Buffer, n *selectNode, r Record, version string) {
	id, _ := r["Id"].(string)
	object := n.object
	if o := s.objectForID(id); o != nil {
		object = o.Name // a polymorphic lookup names the record's real type
	}
	b.WriteString(`{"attributes":{"type":`)
	writeJSONString(b, object)
	b.WriteString(`,"url":`)
	writeJSONString(b, "/services/data/v"+version+"/sobjects/"+object+"/"+id)
	b.WriteString("}")
	fi := 0
	for _, key := range n.order {
		b.WriteByte(',')
		kind, name, _ := strings.Cut(key, ":")
		writeJSONString(b, name)
		b.WriteByte(':')
		if kind == "field" {
			f := n.fields[fi]
			fi++
			writeValue(b, f, fieldValue(r, f))
			continue
		}
		ref, _ := r[n.hops[name].Name].(string)
		parent := s.lookup(ref)
		if ref == "" || parent == nil {
			b.WriteString("null")
			continue
		}
		s.writeRecord(b, n.children[name], parent, version)
	}
	b.WriteByte('}')
}

func writeValue(b *bytes.Buffer, f *Field, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		writeJSONString(b, x)
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case float64:
		if f.Type == "int" && x == float64(int64(x)) {
			b.WriteString(strconv.FormatInt(int64(x), 10))
		} else {
			b.WriteString(strconv.FormatFloat(x, 'f', -1, 64))
		}
	case time.Time:
		if f.Type == "date" {
			writeJSONString(b, x.UTC().Format("2006-01-02"))
		} else {
			writeJSONString(b, x.UTC().Format("2006-01-02T15:04:05.000-0700"))
		}
	default:
		data, _ := json.Marshal(x)
		b.Write(data)
	}
}

func writeJSONString(b *bytes.Buffer, s string) {
	if plainJSON(s) {
		b.WriteByte('"')
		b.WriteString(s)
		b.WriteByte('"')
		return
	}
	data, _ := json.Marshal(s)
	b.Write(data)
}

// plainJSON reports whether s is printable ASCII that json.Marshal writes
// unchanged between quotes.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}
