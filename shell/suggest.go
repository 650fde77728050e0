package shell

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

var unknownName = regexp.MustCompile(`no such (table|column): (?:[A-Za-z_0-9]+\.)?([A-Za-z_0-9]+)`)

// didYouMean adds the closest known name to "no such table" and "no such
// column" errors: the tables of the connection, the columns of the
// tables the statement names.
func (s *Shell) didYouMean(stmt string, err error) error {
	if err == nil {
		return nil
	}
	m := unknownName.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	var names []string
	if m[1] == "table" {
		names = s.tableNames()
	} else {
		known := map[string]bool{}
		for _, n := range s.tableNames() {
			known[n] = true
		}
		for _, tok := range strings.FieldsFunc(strings.ToLower(stmt), func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') }) {
			if known[tok] {
				known[tok] = false
				if cols, cerr := s.engine().Columns(tok); cerr == nil {
					for _, c := range cols {
						names = append(names, c.Name)
					}
				}
			}
		}
	}
	if best := closest(strings.ToLower(m[2]), names); best != "" {
		return fmt.Errorf("%w (did you mean %s?)", err, best)
	}
	return err
}

// closest is the nearest name within a fifth of the word's length in
// edits (at least one), or "": a typo, not a guess.
func closest(word string, names []string) string {
	w := strings.TrimPrefix(word, "salesforce_") // the part that tells tables apart
	best, bestD := "", max(1, len(w)/5)+1
	for _, n := range names {
		if d := editDistance(w, strings.TrimPrefix(n, "salesforce_")); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
