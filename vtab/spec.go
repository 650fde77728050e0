package vtab

import (
	"strings"
	"unicode"
)

// Size is how many rows an object usually has; it drives costs and whether
// join lookups are answered from one cached scan.
type Size int

// Size classes.
const (
	Small  Size = iota // hundreds: profiles, permission sets, roles
	Medium             // thousands to tens of thousands: users, assignments
	Large              // up to millions: login history, audit trail, field permissions
)

// Column is a spec column: a Salesforce field or relationship path, or a
// column of a derived table.
type Column struct {
	Name    string // SQL name; derived from Path when empty
	Path    string // Salesforce field or relationship path: Profile.Name
	Type    string // Salesforce type for a relationship path (its target field's)
	SQLType string // a derived table's column type (TEXT, INTEGER)
	Hidden  bool   // a derived table's argument column (soql's query)
	Doc     string
}

// Spec declares one table of the security catalogue.
type Spec struct {
	Table    string // salesforce_user
	Object   string // User
	Tooling  bool   // served by the Tooling API
	Size     Size
	Doc      string
	Columns  []Column // listed first, in this order; every other field follows
	Examples []string // SQL run by tests against the fake org
	// Derived, when set, makes the table computed by the engine from scans
	// of other objects (Object is then empty, Columns are all it has).
	Derived *Derivation
	// History says how snapshots keep the table.
	History History
	// Aliases are other names the table answers to: the Steampipe
	// plugin's (salesforce_object_permission), so its queries run unchanged.
	Aliases []string
	// OneRow: the object is the org's one record (SecuritySettings), and
	// the API wants LIMIT 1 on any query that selects its Metadata.
	OneRow bool
}

// HistoryKind is how snapshots find a table's changes.
type HistoryKind int

// History kinds.
const (
	// State: records are added, modified and removed; snapshots diff them.
	State HistoryKind = iota
	// Events: append-only records (logins, audit trail); snapshots fetch
	// what is newer than the last one and never report a change.
	Events
	// OptIn: not in the default snapshot (volatile, or re-read in full each
	// time); snapshot --tables names it.
	OptIn
)

// History is a table's snapshot policy, shown by .schema.
type History struct {
	Kind HistoryKind
	// Ignore lists columns that move on their own (activity, not change):
	// stored, but they never make a record "modified". SystemModstamp,
	// LastModifiedDate, LastViewedDate and LastReferencedDate always are.
	Ignore []string
	// EventTime is the field an Events table's new rows are found by.
	EventTime string
	// Why explains an OptIn table.
	Why string
}

// AlwaysIgnored are the columns no table's changes are made of.
var AlwaysIgnored = []string{"system_modstamp", "last_modified_date", "last_viewed_date", "last_referenced_date"}

// Ignored lists every column that never makes a record modified.
func (h History) Ignored() []string {
	return append(append([]string(nil), AlwaysIgnored...), h.Ignore...)
}

// Derivation is how a derived table is computed: the engine's own tables
// such as salesforce_user_permission and soql(), declared by specs like
// every object.
type Derivation struct {
	Name  string // what .schema calls it
	build func(o *org, spec Spec) VTable
}

// Schema is the CREATE TABLE statement of a derived table.
func (s Spec) derivedSchema() string {
	var defs []string
	for _, c := range s.Columns {
		def := c.Name + " " + c.SQLType
		if c.Hidden {
			def += " HIDDEN"
		}
		defs = append(defs, def)
	}
	return "CREATE TABLE x(" + strings.Join(defs, ", ") + ")"
}

func derivedColumns(s Spec) []ColumnInfo {
	var out []ColumnInfo
	for _, c := range s.Columns {
		if !c.Hidden {
			out = append(out, ColumnInfo{Name: c.Name, Type: c.SQLType, Doc: c.Doc})
		}
	}
	return out
}

// SnakeCase turns an API name into a column or table name:
// IsActive → is_active, UserRoleId → user_role_id, Foo__c → foo__c,
// PermissionsModifyAllData → permissions_modify_all_data. Acronyms and
// digits stay with their word: HasU2F → has_u2f, InventoryAPIs →
// inventory_apis, B2BMarketing → b2b_marketing, HideS1BrowserUI →
// hide_s1_browser_ui.
func SnakeCase(name string) string {
	base, suffix := name, ""
	if i := strings.Index(name, "__"); i > 0 {
		base, suffix = name[:i], strings.ToLower(name[i:])
	}
	rs := []rune(strings.ReplaceAll(base, ".", "_"))
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 && rs[i-1] != '_' && wordStarts(rs, i) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String() + suffix
}

// wordStarts says whether the capital at i begins a word: after a small
// letter; after a digit or another capital only when a small letter
// follows (Scrt2Conversation, OCIAvailability), and not when that small
// letter is an acronym's plural s (APIs, IDs).
func wordStarts(rs []rune, i int) bool {
	prev := rs[i-1]
	if unicode.IsLower(prev) {
		return true
	}
	nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
	if !nextLower {
		return false
	}
	plural := unicode.IsUpper(prev) && rs[i+1] == 's' && (i+2 == len(rs) || !unicode.IsLower(rs[i+2]))
	return !plural
}

// TableName is the SQL table name of an sObject.
func TableName(object string) string { return "salesforce_" + SnakeCase(object) }

// column says how snapshots treat a column of the table.
func (h History) column(name, path string) string {
	switch {
	case strings.Contains(path, "."):
		return "from the parent" // computed from the stored parent table, not stored
	case h.Kind == Events && strings.EqualFold(path, h.EventTime):
		return "event time"
	}
	for _, c := range h.Ignored() {
		if c == name {
			return "not a change"
		}
	}
	return ""
}

// Describe is the table's snapshot policy in words (.schema).
func (h History) Describe() string {
	switch h.Kind {
	case Events:
		return "append-only: snapshots fetch rows newer than the last one (by " + h.EventTime + ") and never report changes"
	case OptIn:
		return "not in the default snapshot (" + h.Why + "): name it with snapshot --tables"
	}
	return "snapshots diff it: added, removed, modified"
}
