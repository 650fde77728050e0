package vtab

import (
	"encoding/json"
	"strings"
)

// jsonDecodeFirst decodes the JSON value idxStr starts with: EXPLAIN
// QUERY PLAN may append words after it.
func jsonDecodeFirst(idxStr string, v any) error {
	return json.NewDecoder(strings.NewReader(idxStr)).Decode(v)
}

// unionPlan travels to xFilter in idxStr: each planned org with its own
// plan and where its argv comes from, and the constraints on the org
// columns that prune orgs at run time.
type unionPlan struct {
	Table string     `json:"tb"`
	Parts []partPlan `json:"u"`
	Orgs  []orgTerm  `json:"ot,omitempty"`
	None  bool       `json:"none,omitempty"` // every org is ruled out
}

type partPlan struct {
	Org  string          `json:"c"`
	Idx  json.RawMessage `json:"i"` // the member's idxStr (always JSON)
	Args []int           `json:"a"` // member argv k (0-based) is union argv Args[k] (1-based)
}

// orgTerm is a constraint on an org column whose value comes at run time.
type orgTerm struct {
	Col int  `json:"c"` // colConnection, colOrgID or colOrgName
	Arg int  `json:"a"` // union argv, 1-based
	In  bool `json:"i,omitempty"`
}

// BestIndex prunes the orgs a known value rules out, has each remaining
// org plan its own scan, and combines their answers: with one org, its
// answer as it is; with several, a term is omitted only if every org
// omits it, and ORDER BY and LIMIT are left to SQLite.
func (u *unionTable) BestIndex(info *IndexInfo) error {
	parts := u.admitted(info)
	info.Usage = make([]ConstraintUsage, len(info.Constraints))
	if len(parts) == 0 {
		info.Cost, info.Rows = 1, 1
		return u.encode(info, unionPlan{Table: u.name, None: true})
	}
	single := len(parts) == 1
	plan := unionPlan{Table: u.name}
	argvOf := make([]int, len(info.Constraints)) // union argv per constraint, 0: none
	next := 1
	if single {
		next = 0
	}
	info.Cost, info.Rows = 0, 0
	kept := make([]bool, len(info.Constraints)) // some org leaves it to SQLite
	for _, p := range parts {
		mi := u.memberInfo(info, p, single)
		if err := p.vt.BestIndex(mi); err != nil {
			return err
		}
		pp := partPlan{Org: p.o.name, Idx: json.RawMessage(mi.IdxStr)}
		u.combine(info, mi, &pp, argvOf, &next, single, kept)
		plan.Parts = append(plan.Parts, pp)
		info.Cost += mi.Cost
		info.Rows += mi.Rows
		if single {
			info.OrderByConsumed = mi.OrderByConsumed
		}
	}
	if !single {
		for i := range info.Usage {
			info.Usage[i].Omit = info.Usage[i].Omit && !kept[i]
		}
		u.planOrgTerms(info, &plan, argvOf, next)
	}
	return u.encode(info, plan)
}

func (u *unionTable) encode(info *IndexInfo, plan unionPlan) error {
	data, err := json.Marshal(plan)
	info.IdxStr = string(data)
	return err
}

// memberInfo is the union's IndexInfo in a member's column numbers: a
// constraint on an org column or a column the org lacks is not usable
// there, nor, with several orgs, LIMIT and OFFSET and ORDER BY.
func (u *unionTable) memberInfo(info *IndexInfo, p *unionPart, single bool) *IndexInfo {
	mi := &IndexInfo{Constraints: make([]IndexConstraint, len(info.Constraints))}
	for i, c := range info.Constraints {
		mc := c
		switch {
		case c.Op == OpLIMIT || c.Op == OpOFFSET:
			mc.Usable = c.Usable && single
		case c.Column < 0 || c.Column >= len(p.toMember) || p.toMember[c.Column] < 0:
			mc.Column, mc.Usable = -1, false
		default:
			mc.Column = p.toMember[c.Column]
		}
		mi.Constraints[i] = mc
	}
	if single {
		for _, o := range info.OrderBy {
			if o.Column < 0 || o.Column >= len(p.toMember) || p.toMember[o.Column] < 0 {
				mi.OrderBy = nil
				break
			}
			mi.OrderBy = append(mi.OrderBy, IndexOrder{Column: p.toMember[o.Column], Desc: o.Desc})
		}
	}
	mi.ColUsed = p.memberColUsed(info.ColUsed, len(u.cols))
	return mi
}

// memberColUsed maps the columns SQLite reads into a member's: a union
// column past 63 is reported only as "some column ≥ 63", so each of them
// counts.
func (p *unionPart) memberColUsed(used uint64, n int) uint64 {
	var m uint64
	for k := 0; k < n; k++ {
		if used&(1<<min(k, 63)) == 0 {
			continue
		}
		if j := p.toMember[k]; j >= 0 {
			m |= 1 << min(j, 63)
		}
	}
	return m
}

// combine takes a member's answer into the union's. One org: its argv
// numbering is the union's. Several: each constraint any org uses gets
// one union argv; it is omitted only when every org omits it (an org
// that does not use it marks it in kept).
func (u *unionTable) combine(info, mi *IndexInfo, pp *partPlan, argvOf []int, next *int, single bool, kept []bool) {
	for i, mu := range mi.Usage {
		if mu.ArgvIndex == 0 {
			kept[i] = true
			continue
		}
		for len(pp.Args) < mu.ArgvIndex {
			pp.Args = append(pp.Args, 0)
		}
		if single {
			info.Usage[i] = mu
			pp.Args[mu.ArgvIndex-1] = mu.ArgvIndex
			continue
		}
		if argvOf[i] == 0 {
			argvOf[i] = *next
			*next++
			info.Usage[i] = ConstraintUsage{ArgvIndex: argvOf[i], Omit: mu.Omit, InWhole: mu.InWhole}
		} else {
			info.Usage[i].Omit = info.Usage[i].Omit && mu.Omit
			info.Usage[i].InWhole = info.Usage[i].InWhole || mu.InWhole
		}
		kept[i] = kept[i] || !mu.Omit
		pp.Args[mu.ArgvIndex-1] = argvOf[i]
	}
}

// planOrgTerms takes the org-column equalities whose values come at run
// time (a parameter, a join, an IN list) into argv, to prune orgs then.
func (u *unionTable) planOrgTerms(info *IndexInfo, plan *unionPlan, argvOf []int, next int) {
	for i, c := range info.Constraints {
		oc := u.orgColumn(c.Column)
		if oc < 0 || !c.Usable || c.RHS != nil || (c.Op != OpEQ && c.Op != OpIS) || !binary(c.Collation) {
			continue
		}
		in := c.IsIn && c.Op == OpEQ
		argvOf[i] = next
		info.Usage[i] = ConstraintUsage{ArgvIndex: next, InWhole: in}
		plan.Orgs = append(plan.Orgs, orgTerm{Col: oc, Arg: next, In: in})
		next++
	}
}

func binary(coll string) bool { return coll == "" || strings.EqualFold(coll, "BINARY") }

// admitted are the parts no constraint with a value known now rules out.
func (u *unionTable) admitted(info *IndexInfo) []*unionPart {
	var out []*unionPart
	for _, p := range u.parts {
		if u.admits(p, info) {
			out = append(out, p)
		}
	}
	return out
}

func (u *unionTable) admits(p *unionPart, info *IndexInfo) bool {
	for _, c := range info.Constraints {
		oc := u.orgColumn(c.Column)
		if oc < 0 || !c.Usable || c.RHS == nil || (c.Op != OpEQ && c.Op != OpIS) || !binary(c.Collation) {
			continue
		}
		if c.RHS.Kind != Text {
			continue // SQLite compares it as text after affinity: leave it to SQLite
		}
		if v, ok := u.orgValue(p.o, oc); ok && v != c.RHS.S {
			return false
		}
	}
	return true
}

// orgValue is an org column's value for an org; ok false when it cannot
// be known without a request that failed.
func (u *unionTable) orgValue(o *org, col int) (string, bool) {
	ctx := u.e.statementContext()
	switch col {
	case colConnection:
		return o.name, true
	case colOrgID:
		id, err := o.orgID(ctx)
		return id, err == nil
	}
	id, err := o.identity(ctx)
	if err != nil {
		return "", false
	}
	return id.Name, true
}
