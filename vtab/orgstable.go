package vtab

import "context"

// OrgsTable lists the orgs of the session.
const OrgsTable = "salesforce_orgs"

// orgsTable is salesforce_orgs: one row per member org — who it is (one
// Organization query per org, kept with the describes) and what the
// session has used of its API allowance.
type orgsTable struct{ e *Engine }

var orgsColumns = []struct{ name, typ, doc string }{
	{"connection", "TEXT", "the connection name the session knows the org by"},
	{"org_id", "TEXT", "the Organization Id (00D…)"},
	{"org_name", "TEXT", "the Organization's name"},
	{"instance", "TEXT", "the instance (NA139, EU45, CS12 …)"},
	{"edition", "TEXT", "the edition (OrganizationType)"},
	{"is_sandbox", "INTEGER", "1 for a sandbox"},
	{"instance_url", "TEXT", "the URL queries go to"},
	{"requests", "INTEGER", "requests this session sent the org"},
	{"api_used", "INTEGER", "the org's daily API requests used, as its last response said (Sforce-Limit-Info)"},
	{"api_max", "INTEGER", "the org's daily API allowance"},
}

func (t *orgsTable) Schema() string {
	s := "CREATE TABLE x("
	for i, c := range orgsColumns {
		if i > 0 {
			s += ", "
		}
		s += c.name + " " + c.typ
	}
	return s + ")"
}

func (t *orgsTable) BestIndex(info *IndexInfo) error {
	info.Usage = make([]ConstraintUsage, len(info.Constraints))
	info.Cost, info.Rows, info.IdxStr = 10, int64(len(t.e.memberList())), derivedIdx(OrgsTable, "all")
	return nil
}

func (t *orgsTable) Open() (Cursor, error) {
	return newRowsCursor(t.e, func(ctx context.Context, _ string, _ []Value) ([][]Value, error) { return t.rows(ctx) }), nil
}

// rows asks each org who it is, at once; an org that cannot say fails the
// statement, or with SkipFailed is listed with its connection only.
func (t *orgsTable) rows(ctx context.Context) ([][]Value, error) {
	members := t.e.memberList()
	rows := make([][]Value, len(members))
	errs := eachOrg(members, func(o *org) error {
		row, err := orgRow(ctx, o)
		rows[indexOf(members, o)] = row
		return err
	})
	for i, o := range members {
		if err := t.e.failed(o, errs[i]); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

func orgRow(ctx context.Context, o *org) ([]Value, error) {
	s := &o.client.Stats
	row := make([]Value, len(orgsColumns))
	row[0] = TextValue(o.name)
	if url, err := o.client.InstanceURL(); err == nil {
		row[6] = TextValue(url)
	}
	row[7] = IntValue(s.Requests.Load())
	id, err := o.identity(ctx)
	if err != nil {
		return row, err
	}
	row[1], row[2], row[3], row[4] = TextValue(id.ID), TextValue(id.Name), TextValue(id.Instance), TextValue(id.Edition)
	row[5] = boolValue(id.Sandbox)
	if used, max := s.APIUsed.Load(), s.APIMax.Load(); max > 0 {
		row[8], row[9] = IntValue(used), IntValue(max)
	}
	return row, nil
}

func boolValue(b bool) Value {
	if b {
		return IntValue(1)
	}
	return IntValue(0)
}

// orgsColumnInfo is salesforce_orgs' columns for .schema.
func orgsColumnInfo() []ColumnInfo {
	var out []ColumnInfo
	for _, c := range orgsColumns {
		out = append(out, ColumnInfo{Name: c.name, Type: c.typ, Doc: c.doc})
	}
	return out
}
