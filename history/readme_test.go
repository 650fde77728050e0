package history_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfsql/sfsql/history"
)

// TestREADME_ListsTheHistoryColumns: the README's table of history names
// names every column of the store's views.
func TestREADME_ListsTheHistoryColumns(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	must(t, err)
	readme := string(data)
	s, err := history.Open(context.Background(), filepath.Join(t.TempDir(), "h.db"), true, history.Options{})
	must(t, err)
	defer s.Close()
	for _, view := range []string{"salesforce_snapshots", "salesforce_changes", "salesforce_field_changes"} {
		i := strings.Index(readme, "| `"+view+"` |")
		if i < 0 {
			t.Fatalf("README.md does not list %s", view)
		}
		row := readme[i : i+strings.Index(readme[i:], "\n")]
		rows, err := s.DB().Query("select name from pragma_table_info(?)", view)
		must(t, err)
		for rows.Next() {
			var col string
			must(t, rows.Scan(&col))
			if !strings.Contains(row, col) {
				t.Errorf("README.md's row of %s lacks the column %s", view, col)
			}
		}
		rows.Close()
	}
}
