package soql

import (
	"strings"
	"time"
)

// Query is a parsed SOQL SELECT.
type Query struct {
	Text    string // the statement as sent
	Items   []SelectItem
	Count   bool // SELECT COUNT()
	From    string
	Where   Expr // nil when absent
	OrderBy []OrderItem
	Limit   int // -1 when absent
	Offset  int // -1 when absent
	// LimitParam renders LIMIT ? for a limit known only at run time (.explain).
	LimitParam bool
}

// Field is the path of a one-field select item, filter or order term.
func Field(path string) []string { return strings.Split(path, ".") }

// SelectItem is a field path (Profile.Name) or an aggregate over one.
type SelectItem struct {
	Path      []string
	Aggregate string // "" or COUNT, MAX, MIN, SUM, AVG, COUNT_DISTINCT
	Alias     string
}

// OrderItem is one ORDER BY term.
type OrderItem struct {
	Path       []string
	Desc       bool
	NullsFirst bool // resolved default: ASC → first, DESC → last
}

// Expr is a WHERE condition.
type Expr interface{ expr() }

// And is L AND R.
type And struct{ L, R Expr }

// Or is L OR R.
type Or struct{ L, R Expr }

// Not is NOT X.
type Not struct{ X Expr }

// Compare is Path Op Value with Op one of = != < <= > >= LIKE.
type Compare struct {
	Path  []string
	Op    string
	Value Value
	Pos   int // byte offset of the field in the query, for error carets
}

// In is Path [NOT] IN (values).
type In struct {
	Path   []string
	Negate bool
	Values []Value
	Pos    int
}

func (And) expr()     {}
func (Or) expr()      {}
func (Not) expr()     {}
func (Compare) expr() {}
func (In) expr()      {}

// Kind tells which field of a Value is set.
type Kind int

// The literal kinds of SOQL.
const (
	KindNull Kind = iota
	KindString
	KindNumber
	KindBool
	KindDate     // Time holds midnight UTC of the date
	KindDateTime // Time holds the instant
	KindRelative // Relative holds TODAY, LAST_N_DAYS:7, …
	KindParam    // a value known only when the query runs: renders as ?
)

// Value is a SOQL literal.
type Value struct {
	Kind     Kind
	Str      string // a string's text; a number's exact digits when known
	Num      float64
	Bool     bool
	Time     time.Time
	Relative Relative
	Pos      int
}

// Relative is a relative date literal such as LAST_N_DAYS:30.
type Relative struct {
	Name string // upper case, without the :n
	N    int
}
