package soql

import (
	"strings"
	"testing"
	"time"
)

func TestString_RoundTrips(t *testing.T) {
	for _, s := range []string{"", "plain", "O'Brien", `back\slash`, `quote"d`, "new\nline", "tab\t", "cr\r", "bell\b", "ff\f", "100%", "a_b", "ÄÖÜ 😀", `\'`, "'; DELETE"} {
		q, err := Parse("SELECT Id FROM User WHERE Name = " + String(s))
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if got := q.Where.(Compare).Value.Str; got != s {
			t.Errorf("round trip of %q gave %q", s, got)
		}
	}
}

func FuzzString_RoundTrips(f *testing.F) {
	for _, s := range []string{"a", "'", `\`, "%_", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse("SELECT Id FROM User WHERE Name = " + String(s))
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if got := q.Where.(Compare).Value.Str; got != s {
			t.Errorf("round trip of %q gave %q", s, got)
		}
	})
}

func TestLikePattern_KeepsWildcardsAndEscapesLiterals(t *testing.T) {
	q, err := Parse("SELECT Id FROM User WHERE Name LIKE " + LikePattern(`a%b_c\d'e`))
	if err != nil {
		t.Fatal(err)
	}
	// In the decoded LIKE pattern a literal backslash stays escaped.
	if got := q.Where.(Compare).Value.Str; got != `a%b_c\\d'e` {
		t.Fatalf("decoded pattern %q", got)
	}
}

func TestParse_Grammar(t *testing.T) {
	q, err := Parse("select Id, Profile.Name, COUNT(Id) n FROM User WHERE (IsActive = true AND NOT Name LIKE 'a%') OR Id IN ('005000000000001AAA') ORDER BY Name DESC NULLS FIRST, CreatedDate LIMIT 10 OFFSET 5")
	if err != nil {
		t.Fatal(err)
	}
	if q.From != "User" || len(q.Items) != 3 || q.Items[1].Path[0] != "Profile" || q.Items[2].Alias != "n" {
		t.Errorf("items %+v", q.Items)
	}
	if q.Limit != 10 || q.Offset != 5 || len(q.OrderBy) != 2 || !q.OrderBy[0].Desc || !q.OrderBy[0].NullsFirst || !q.OrderBy[1].NullsFirst {
		t.Errorf("order/limit %+v %d %d", q.OrderBy, q.Limit, q.Offset)
	}
	if _, ok := q.Where.(Or); !ok {
		t.Errorf("where %T", q.Where)
	}
}

func TestParse_Literals(t *testing.T) {
	q, err := Parse("SELECT Id FROM User WHERE A = 2024-01-05 AND B > 2024-01-05T10:11:12Z AND C < 2024-01-05T10:11:12.000+02:00 AND D = LAST_N_DAYS:30 AND E = -1.5 AND F = null AND G = FALSE")
	if err != nil {
		t.Fatal(err)
	}
	var vals []Value
	var walk func(Expr)
	walk = func(e Expr) {
		switch x := e.(type) {
		case And:
			walk(x.L)
			walk(x.R)
		case Compare:
			vals = append(vals, x.Value)
		}
	}
	walk(q.Where)
	want := []Kind{KindDate, KindDateTime, KindDateTime, KindRelative, KindNumber, KindNull, KindBool}
	for i, v := range vals {
		if v.Kind != want[i] {
			t.Errorf("literal %d kind %v, want %v", i, v.Kind, want[i])
		}
	}
	if !vals[2].Time.Equal(time.Date(2024, 1, 5, 8, 11, 12, 0, time.UTC)) || vals[3].Relative.N != 30 || vals[4].Num != -1.5 {
		t.Errorf("values %+v", vals)
	}
}

func TestParse_Errors(t *testing.T) {
	cases := map[string]string{
		"SELEKT Id FROM User":                       "unexpected token: SELEKT",
		"SELECT Id FROM User WHERE Name = 'open":    "mismatched character '<EOF>'",
		`SELECT Id FROM User WHERE Name = 'a\qb'`:   `Invalid string literal '\q'`,
		`SELECT Id FROM User WHERE Name = 'a\%'`:    `Invalid string literal '\%'`,
		"SELECT Id FROM User WHERE":                 "unexpected token: <EOF>",
		"SELECT COUNT(), Id FROM User":              "COUNT() must be the only element",
		"SELECT Id FROM User WHERE D = NEXT_N_DAYS": "unexpected token: NEXT_N_DAYS",
	}
	for q, want := range cases {
		if _, err := Parse(q); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", q, err, want)
		}
	}
}

func TestRelative_Ranges(t *testing.T) {
	now := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC) // a Friday
	day := func(d int) time.Time { return time.Date(2026, 11, 27+d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		r          Relative
		start, end time.Time
	}{
		{Relative{Name: "TODAY"}, day(0), day(1)},
		{Relative{Name: "YESTERDAY"}, day(-1), day(0)},
		{Relative{Name: "LAST_N_DAYS", N: 7}, day(-7), day(1)},
		{Relative{Name: "THIS_WEEK"}, day(-5), day(2)},
		{Relative{Name: "LAST_MONTH"}, time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		s, e := c.r.Range(now)
		if !s.Equal(c.start) || !e.Equal(c.end) {
			t.Errorf("%+v: [%v, %v), want [%v, %v)", c.r, s, e, c.start, c.end)
		}
	}
}
