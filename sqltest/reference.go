package sqltest

import (
	"fmt"
	"strings"

	"github.com/sfsql/sfsql/vtab"
	"github.com/sfsql/sfsql/vtab/tables"
)

// Reference renders the catalogue as Markdown for the README: each table,
// what it is, its chosen columns with types and pushdown, an example.
func (h *Harness) Reference() (string, error) {
	var b strings.Builder
	for _, spec := range tables.All {
		t, err := h.Engine.Table(spec.Table)
		if err != nil {
			return "", err
		}
		api := "REST"
		if spec.Tooling {
			api = "Tooling API"
		}
		fmt.Fprintf(&b, "### %s\n\n%s Salesforce object `%s` (%s). ", spec.Table, spec.Doc, spec.Object, api)
		cols := t.Columns()
		fmt.Fprintf(&b, "%d columns in the demo org: these, then every other field the org's describe reports.\n\n", len(cols))
		b.WriteString("| column | type | Salesforce field | pushed down |\n|---|---|---|---|\n")
		for _, c := range cols[:len(spec.Columns)] {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", c.Name, c.Type, c.SalesforcePath, c.Pushdown)
		}
		fmt.Fprintf(&b, "\n```sql\n%s;\n```\n\n", spec.Examples[0])
	}
	fmt.Fprintf(&b, "### %s\n\nEffective system permissions: one row per user × permission × source (`Profile`, `PermissionSet`, `PermissionSetGroup`). Columns: user_id, username, permission (API name without the `Permissions` prefix, e.g. `ModifyAllData`), source_type, source_id, source_name. `user_id = …` is pushed into the assignment query.\n\n", vtab.UserPermissionTable)
	b.WriteString("```sql\nselect username, source_type, source_name from salesforce_user_permission where permission = 'ModifyAllData';\n```\n\n")
	b.WriteString("### soql(…)\n\nRaw SOQL as a table-valued function: columns id, object, record (the record as JSON, relationship paths nested).\n\n")
	b.WriteString("```sql\nselect id, json_extract(record, '$.Profile.Name') from soql('SELECT Id, Profile.Name FROM User LIMIT 5');\n```\n")
	return b.String(), nil
}
