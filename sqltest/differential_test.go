package sqltest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sfsql/sfsql/fakeorg"
)

// trickyText are values that break naive SOQL: quotes, backslashes, LIKE
// wildcards, unicode case pairs, control characters.
var trickyText = []string{"a%b", "a_b", "A%B", `back\slash`, `back\\double`, "quote'd", `double"q`, "ÄÖÜ", "äöü",
	"emoji 😀", "  spaced  ", "new\nline", "tab\tx", "100%", "MiXeD", "mixed", "_", "%", `\`, "O'Brien", "Ça va"}

// plantTricky adds users whose fields hold the tricky values, numbers of
// every sign and dates at day boundaries.
func plantTricky(srv *fakeorg.Server) {
	s := srv.Store
	profile := s.Rows("Profile")[1]["Id"]
	base := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for i, v := range trickyText {
		s.Insert("User", fakeorg.Record{
			"Username": fmt.Sprintf("tricky%d@acme.example.com", i), "LastName": v, "Name": v, "Department": v,
			"Title": strings.ToUpper(v), "IsActive": i%2 == 0, "ProfileId": profile, "UserType": "Standard",
			"Latitude": []float64{0, -1.5, 1.5, 2.5, 1e-7, 100, math.Copysign(0, -1)}[i%7], "NumberOfFailedLogins": float64(i % 4),
			"LastLoginDate":          base.Add(time.Duration(i*7) * time.Hour),
			"SuAccessExpirationDate": base.AddDate(0, 0, i%3),
		})
	}
}

var diffColumns = []string{"id", "username", "name", "department", "title", "profile_id", "manager_id", "is_active",
	"number_of_failed_logins", "latitude", "last_login_date", "su_access_expiration_date", "profile_name",
	"user_role_name", "user_type", "federation_identifier", "created_date"}

var specialLiterals = []string{"NULL", "0", "1", "2", "-1", "2.5", "-0.0", "1e-7", "'1'", "'0'", "'true'", "''", "'a%'", "'%a%'",
	"'_'", "'%'", `'\'`, "'O''Brien'", "'ÄÖÜ'", "'äöü'", "'2026-11-01'", "'2026-11-01T07:00:00.000Z'", "'2026-11-01T07:00:00Z'",
	"'2026'", "'zzz'", "'A'", "'005'", "'Standard'", "'standard'", "'System Administrator'", "'system administrator'", "x'41'"}

type generator struct {
	rnd    *rand.Rand
	values map[string][]string // column → SQL literals of sampled values
}

func sqlLiteral(v string) string {
	if v == "NULL" {
		return "NULL"
	}
	kind, body, _ := strings.Cut(v, ":")
	switch kind {
	case "s":
		return "'" + strings.ReplaceAll(body, "'", "''") + "'"
	case "i", "f":
		return body
	}
	return "NULL"
}

func newGenerator(t *testing.T, h *Harness) *generator {
	g := &generator{rnd: rand.New(rand.NewPCG(42, 7)), values: map[string][]string{}}
	for _, c := range diffColumns {
		rows := h.MustQuery(t, fmt.Sprintf("select distinct %s from local_user order by random() limit 8", c))
		for _, r := range rows {
			lit := sqlLiteral(r[0])
			g.values[c] = append(g.values[c], lit)
			if strings.HasPrefix(r[0], "s:") {
				body := r[0][2:]
				g.values[c] = append(g.values[c], sqlLiteral("s:"+strings.ToUpper(body)), sqlLiteral("s:"+strings.ToLower(body)))
				if len(body) > 3 {
					g.values[c] = append(g.values[c], sqlLiteral("s:"+body[:3]+"%"), sqlLiteral("s:%"+body[len(body)-2:]), sqlLiteral("s:_"+body[1:]))
				}
			}
		}
	}
	return g
}

func (g *generator) value(col string) string {
	if g.rnd.IntN(3) == 0 {
		return specialLiterals[g.rnd.IntN(len(specialLiterals))]
	}
	vs := g.values[col]
	if len(vs) == 0 {
		return "NULL"
	}
	return vs[g.rnd.IntN(len(vs))]
}

func (g *generator) predicate() string {
	col := diffColumns[g.rnd.IntN(len(diffColumns))]
	switch g.rnd.IntN(14) {
	case 0:
		return col + " IS NULL"
	case 1:
		return col + " IS NOT NULL"
	case 2:
		return col + " LIKE " + g.value(col)
	case 3, 4:
		n := 1 + g.rnd.IntN(3)
		var vs []string
		for i := 0; i < n; i++ {
			vs = append(vs, g.value(col))
		}
		not := ""
		if g.rnd.IntN(4) == 0 {
			not = "NOT "
		}
		return col + " " + not + "IN (" + strings.Join(vs, ", ") + ")"
	case 5:
		return col + " BETWEEN " + g.value(col) + " AND " + g.value(col)
	case 6:
		return col + " IS " + g.value(col)
	}
	ops := []string{"=", "<>", "<", "<=", ">", ">=", "=="}
	return col + " " + ops[g.rnd.IntN(len(ops))] + " " + g.value(col)
}

func (g *generator) condition() string {
	switch g.rnd.IntN(6) {
	case 0:
		return g.predicate() + " AND " + g.predicate()
	case 1:
		return g.predicate() + " OR " + g.predicate()
	case 2:
		return "NOT (" + g.predicate() + ")"
	}
	return g.predicate()
}

// TestDifferential_PushdownMatchesSQLite compares, for thousands of
// generated predicates, the rows sfsql returns with the rows SQLite computes
// on a local copy of the same data.
func TestDifferential_PushdownMatchesSQLite(t *testing.T) {
	srv := NewOrg(t, fakeorg.SeedOptions{Users: 250})
	plantTricky(srv)
	h := Open(t, srv, Options{})
	h.MustQuery(t, "create table local_user as select * from salesforce_user")
	g := newGenerator(t, h)
	n := 3000
	if testing.Short() {
		n = 500
	}
	mismatches := 0
	h.SOQL = nil
	for i := 0; i < n && mismatches < 10; i++ {
		cond := g.condition()
		orderCol, order, limit := g.orderAndLimit()
		q := "select id, " + diffColumns[g.rnd.IntN(len(diffColumns))] + ", " + orderCol + " from %s where " + cond + order + limit
		remote, rerr := h.Query(fmt.Sprintf(q, "salesforce_user"))
		local, lerr := h.Query(fmt.Sprintf(q, "local_user"))
		if rerr != nil || lerr != nil {
			if (rerr == nil) != (lerr == nil) || (rerr != nil && !strings.Contains(rerr.Error(), "syntax")) {
				t.Errorf("%s: remote error %v, local error %v (SOQL %s)", q, rerr, lerr, last(h.SOQL))
				mismatches++
			}
			continue
		}
		if !same(remote, local, order, limit) {
			t.Errorf("%s\n SOQL %s\n sfsql %d rows, SQLite %d rows\n sfsql: %.400v\n local: %.400v", fmt.Sprintf(q, "salesforce_user"), last(h.SOQL), len(remote), len(local), remote, local)
			mismatches++
		}
	}
	// The comparison only means something if filters, limits and orders
	// really went to Salesforce.
	pushed := map[string]int{}
	for _, q := range h.SOQL {
		for _, clause := range []string{" WHERE ", " LIKE ", " IN (", " = null", " LIMIT ", " ORDER BY ", " >= ", " < "} {
			if strings.Contains(q, clause) {
				pushed[clause]++
			}
		}
	}
	t.Logf("%d queries, %d scans; pushed down: %v", n, len(h.SOQL), pushed)
	if pushed[" WHERE "] < len(h.SOQL)/3 || pushed[" LIMIT "] == 0 || pushed[" ORDER BY "] == 0 || pushed[" LIKE "] == 0 || pushed[" IN ("] == 0 {
		t.Errorf("too little pushdown to prove anything: %v of %d scans", pushed, len(h.SOQL))
	}
}

// orderAndLimit sometimes orders (the ordered column, selected last, is
// then compared in sequence) and limits (only with an order on a unique
// key, so the rows are determined).
func (g *generator) orderAndLimit() (col, order, limit string) {
	switch g.rnd.IntN(6) {
	case 0:
		cols := []string{"number_of_failed_logins", "latitude", "last_login_date", "is_active", "su_access_expiration_date", "created_date"}
		col = cols[g.rnd.IntN(len(cols))]
		return col, " order by " + col + []string{"", " desc", " asc"}[g.rnd.IntN(3)], ""
	case 1:
		return "id", " order by id", fmt.Sprintf(" limit %d", g.rnd.IntN(5))
	case 2:
		return "username", " order by username desc", fmt.Sprintf(" limit %d offset %d", g.rnd.IntN(5), g.rnd.IntN(3))
	case 3:
		return "number_of_failed_logins", " order by number_of_failed_logins desc", fmt.Sprintf(" limit %d", g.rnd.IntN(40))
	case 4:
		return "1", "", fmt.Sprintf(" limit %d offset %d", g.rnd.IntN(40), g.rnd.IntN(5))
	}
	return "1", "", ""
}

// same compares results as fully as the query determines them: the rows
// as a set, the ordered column in sequence; under a LIMIT with ties (or no
// order) only the ordered values, or the count.
func same(remote, local [][]string, order, limit string) bool {
	seqOK := slices.Equal(lastColumn(remote), lastColumn(local))
	if limit != "" && !strings.Contains(order, "order by id") && !strings.Contains(order, "username") {
		if order == "" {
			return len(remote) == len(local)
		}
		return seqOK
	}
	sortRows(remote)
	sortRows(local)
	return seqOK && slices.EqualFunc(remote, local, slices.Equal)
}

func lastColumn(rows [][]string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r[len(r)-1]
	}
	return out
}

func sortRows(rows [][]string) {
	slices.SortFunc(rows, func(a, b []string) int { return strings.Compare(strings.Join(a, "\x00"), strings.Join(b, "\x00")) })
}

func last(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[len(ss)-1]
}
