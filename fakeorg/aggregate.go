package fakeorg

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
)

// writeAggregate answers an aggregate query without GROUP BY: one
// AggregateResult row, keys named by alias or expr0, expr1, ….
func (o *Org) writeAggregate(w http.ResponseWriter, r *http.Request, rs *resultSet, usage string) error {
	if len(rs.c.query.Items) != len(rs.c.items) {
		return malformed("COUNT() must be the only element in the SELECT list")
	}
	var b bytes.Buffer
	b.WriteString(`{"totalSize":1,"done":true,"records":[{"attributes":{"type":"AggregateResult"}`)
	expr := 0
	o.Store.mu.RLock()
	for i, item := range rs.c.query.Items {
		key := item.Alias
		if key == "" {
			key = "expr" + strconv.Itoa(expr)
			expr++
		}
		b.WriteByte(',')
		writeJSONString(&b, key)
		b.WriteByte(':')
		writeValue(&b, &Field{Type: "double"}, o.aggregate(rs, item.Aggregate, rs.c.items[i]))
	}
	o.Store.mu.RUnlock()
	b.WriteString("}]}")
	o.Counters.Rows.Add(1)
	writeBody(w, r, 200, b.Bytes(), usage)
	return nil
}

func (o *Org) aggregate(rs *resultSet, fn string, p *path) any {
	var out any
	count, sum := 0, 0.0
	distinct := map[string]bool{}
	for _, i := range rs.rows {
		v := o.Store.value(rs.table.At(int(i)), p)
		if v == nil {
			continue
		}
		count++
		distinct[strings.ToLower(toText(v))] = true
		if f, ok := v.(float64); ok {
			sum += f
		}
		switch {
		case out == nil:
			out = v
		case fn == "MIN" && compareValues(v, out, categoryOf(p.field)) < 0:
			out = v
		case fn == "MAX" && compareValues(v, out, categoryOf(p.field)) > 0:
			out = v
		}
	}
	switch fn {
	case "COUNT":
		return float64(count)
	case "COUNT_DISTINCT":
		return float64(len(distinct))
	case "SUM":
		return sum
	case "AVG":
		if count == 0 {
			return nil
		}
		return sum / float64(count)
	}
	return out
}

func toText(v any) string {
	var b bytes.Buffer
	writeValue(&b, &Field{}, v)
	return b.String()
}
