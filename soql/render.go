package soql

import (
	"strconv"
	"strings"
)

// String renders the query as SOQL text. It is the one renderer: the
// engine's scans, .explain and COUNT() probes all print through it, so what
// .explain shows is what a scan sends.
func (q *Query) String() string {
	var b strings.Builder
	b.WriteString("SELECT ")
	if q.Count {
		b.WriteString("COUNT()")
	}
	for i, it := range q.Items {
		if i > 0 {
			b.WriteString(", ")
		}
		writeItem(&b, it)
	}
	b.WriteString(" FROM ")
	b.WriteString(q.From)
	if q.Where != nil {
		b.WriteString(" WHERE ")
		writeExpr(&b, q.Where, false)
	}
	for i, o := range q.OrderBy {
		if i == 0 {
			b.WriteString(" ORDER BY ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(strings.Join(o.Path, "."))
		b.WriteString(orderSuffix(o))
	}
	if q.Limit >= 0 {
		b.WriteString(" LIMIT " + strconv.Itoa(q.Limit))
	} else if q.LimitParam {
		b.WriteString(" LIMIT ?")
	}
	if q.Offset >= 0 {
		b.WriteString(" OFFSET " + strconv.Itoa(q.Offset))
	}
	return b.String()
}

// writeItem renders a field path, or an aggregate over one with its alias:
// MAX(SystemModstamp) m.
func writeItem(b *strings.Builder, it SelectItem) {
	path := strings.Join(it.Path, ".")
	if it.Aggregate == "" {
		b.WriteString(path)
	} else {
		b.WriteString(it.Aggregate + "(" + path + ")")
	}
	if it.Alias != "" {
		b.WriteString(" " + it.Alias)
	}
}

func orderSuffix(o OrderItem) string {
	dir, nulls := " ASC", " NULLS LAST"
	if o.Desc {
		dir = " DESC"
	}
	if o.NullsFirst {
		nulls = " NULLS FIRST"
	}
	return dir + nulls
}

// writeExpr renders a condition; nested ORs inside an AND are bracketed.
func writeExpr(b *strings.Builder, e Expr, nested bool) {
	switch x := e.(type) {
	case And:
		writeExpr(b, x.L, true)
		b.WriteString(" AND ")
		writeExpr(b, x.R, true)
	case Or:
		if nested {
			b.WriteString("(")
		}
		writeExpr(b, x.L, false)
		b.WriteString(" OR ")
		writeExpr(b, x.R, false)
		if nested {
			b.WriteString(")")
		}
	case Not:
		b.WriteString("NOT (")
		writeExpr(b, x.X, false)
		b.WriteString(")")
	case Compare:
		b.WriteString(strings.Join(x.Path, ".") + " " + x.Op + " " + Literal(x.Value))
	case In:
		b.WriteString(strings.Join(x.Path, "."))
		if x.Negate {
			b.WriteString(" NOT")
		}
		b.WriteString(" IN (")
		for i, v := range x.Values {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(Literal(v))
		}
		b.WriteString(")")
	}
}

// AndAll joins conditions with AND; nil when there are none.
func AndAll(conds []Expr) Expr {
	var out Expr
	for _, c := range conds {
		if out == nil {
			out = c
		} else {
			out = And{out, c}
		}
	}
	return out
}

// Literal renders one value as SOQL.
func Literal(v Value) string {
	switch v.Kind {
	case KindString:
		return String(v.Str)
	case KindNumber:
		if v.Str != "" {
			return v.Str
		}
		return Float(v.Num)
	case KindBool:
		return Bool(v.Bool)
	case KindDate:
		return Date(v.Time)
	case KindDateTime:
		return DateTime(v.Time)
	case KindRelative:
		if v.Relative.N != 0 || strings.HasSuffix(v.Relative.Name, "_N_DAYS") {
			return v.Relative.Name + ":" + strconv.Itoa(v.Relative.N)
		}
		return v.Relative.Name
	case KindParam:
		return "?"
	}
	return "null"
}
