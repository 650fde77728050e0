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
		if spec.Derived != nil {
			derivedReference(&b, spec)
			continue
		}
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
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// derivedReference documents a table the engine computes, from its spec.
func derivedReference(b *strings.Builder, spec vtab.Spec) {
	fmt.Fprintf(b, "### %s\n\n%s\n\n| column | type | meaning |\n|---|---|---|\n", spec.Table, spec.Doc)
	for _, c := range spec.Columns {
		doc := c.Doc
		if c.Hidden {
			doc += " (hidden)"
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", c.Name, c.SQLType, doc)
	}
	fmt.Fprintf(b, "\n```sql\n%s;\n```\n\n", spec.Examples[0])
}
