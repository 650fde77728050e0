package rules

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	rulepack "github.com/sfsql/sfsql/examples/rules"
)

// Builtin is the embedded rule pack (examples/rules/*.sql).
func Builtin() ([]*Rule, error) { return loadFS(rulepack.Files, ".", "builtin:") }

// LoadDir reads a user's rule files (*.sql) from a directory.
func LoadDir(dir string) ([]*Rule, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("--rules %s: not a directory", dir)
	}
	return loadFS(os.DirFS(dir), ".", dir+string(filepath.Separator))
}

func loadFS(fsys fs.FS, dir, prefix string) ([]*Rule, error) {
	names, err := fs.Glob(fsys, filepath.Join(dir, "*.sql"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []*Rule
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		r, err := Parse(prefix+n, string(data))
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Merge joins rule sets; a later rule with an id already present is an
// error naming both files.
func Merge(sets ...[]*Rule) ([]*Rule, error) {
	seen := map[string]*Rule{}
	var out []*Rule
	for _, set := range sets {
		for _, r := range set {
			if prev, ok := seen[r.ID]; ok {
				return nil, fmt.Errorf("%s: rule %s is already defined in %s", r.File, r.ID, prev.File)
			}
			seen[r.ID] = r
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Select keeps the rules named by --only (ids, comma-separated).
func Select(all []*Rule, only string) ([]*Rule, error) {
	if strings.TrimSpace(only) == "" {
		return all, nil
	}
	byID := map[string]*Rule{}
	for _, r := range all {
		byID[r.ID] = r
	}
	var out []*Rule
	for _, id := range splitList(only, ",") {
		r, ok := byID[strings.ToUpper(id)]
		if !ok {
			return nil, fmt.Errorf("--only: no rule %q (sfsql rules lists them)", id)
		}
		out = append(out, r)
	}
	return out, nil
}
