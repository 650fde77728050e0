// Package rules is sfsql's posture checks: rule files (a comment header and
// one SELECT whose rows are violations), their evaluation on a session —
// live, offline or as of a moment — with a status per rule, and the
// findings they produce.
package rules

import (
	"fmt"
	"regexp"
	"strings"
)

// Severities, most severe first.
var Severities = []string{"critical", "high", "medium", "low", "info"}

// SeverityRank orders severities: critical is 0.
func SeverityRank(s string) int {
	for i, x := range Severities {
		if x == s {
			return i
		}
	}
	return len(Severities)
}

// Rule is one check.
type Rule struct {
	ID, Title, Severity string
	Rationale           string
	Remediation         string
	References          []string
	Tables              []string // what it reads; a table the org lacks makes it skip
	Requires            []string // table.column that must exist (a feature the org may lack)
	Needs               string   // what the tables take when they are missing (an API, the history store)
	SQL                 string
	File                string // where it was read from
}

var idRE = regexp.MustCompile(`^[A-Z][A-Z0-9]*-[0-9A-Za-z_]+$`)

// headerKeys are the keys a rule file's header may use.
var headerKeys = map[string]bool{"id": true, "title": true, "severity": true, "rationale": true, "remediation": true,
	"references": true, "tables": true, "requires": true, "needs": true}

// Parse reads a rule file: `-- key: value` lines (an indented `--` line
// continues the previous value), then one SELECT. Errors name the file
// and line.
func Parse(file, text string) (*Rule, error) {
	r := &Rule{File: file}
	fields := map[string]string{}
	lines := strings.Split(text, "\n")
	key, body := "", -1
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue
		}
		if !strings.HasPrefix(trimmed, "--") {
			body = i
			break
		}
		comment := strings.TrimPrefix(trimmed, "--")
		if k, v, ok := strings.Cut(comment, ":"); ok && !strings.HasPrefix(comment, "  ") && isKey(k) {
			k = strings.TrimSpace(k)
			if !headerKeys[k] {
				return nil, fmt.Errorf("%s:%d: unknown header key %q (want %s)", file, i+1, k, strings.Join(sortedKeys(), ", "))
			}
			key = k
			fields[k] = strings.TrimSpace(v)
			continue
		}
		if key == "" {
			return nil, fmt.Errorf("%s:%d: a rule starts with a header line such as -- id: PRIV-01", file, i+1)
		}
		fields[key] = strings.TrimSpace(fields[key] + " " + strings.TrimSpace(comment))
	}
	if body < 0 {
		return nil, fmt.Errorf("%s:%d: no SELECT after the header", file, len(lines))
	}
	r.SQL = strings.TrimSpace(strings.Join(lines[body:], "\n"))
	if err := r.fill(fields, body+1); err != nil {
		return nil, err
	}
	return r, nil
}

func isKey(k string) bool {
	k = strings.TrimSpace(k)
	return k != "" && !strings.ContainsAny(k, " \t")
}

func sortedKeys() []string {
	return []string{"id", "title", "severity", "rationale", "remediation", "references", "tables", "requires", "needs"}
}

func (r *Rule) fill(f map[string]string, bodyLine int) error {
	r.ID, r.Title, r.Severity = f["id"], f["title"], f["severity"]
	r.Rationale, r.Remediation = f["rationale"], f["remediation"]
	r.References = splitList(f["references"], ";")
	r.Tables = splitList(f["tables"], ",")
	r.Requires = splitList(f["requires"], ",")
	r.Needs = f["needs"]
	switch {
	case !idRE.MatchString(r.ID):
		return fmt.Errorf("%s:1: id %q: want an id such as PRIV-01", r.File, r.ID)
	case r.Title == "":
		return fmt.Errorf("%s:1: %s has no title", r.File, r.ID)
	case SeverityRank(r.Severity) == len(Severities):
		return fmt.Errorf("%s:1: severity %q: want one of %s", r.File, r.Severity, strings.Join(Severities, ", "))
	case r.Rationale == "" || r.Remediation == "":
		return fmt.Errorf("%s:1: %s needs a rationale and a remediation", r.File, r.ID)
	}
	lower := strings.ToLower(r.SQL)
	if !strings.HasPrefix(lower, "select") && !strings.HasPrefix(lower, "with") {
		return fmt.Errorf("%s:%d: the rule's body must be one SELECT", r.File, bodyLine)
	}
	if statementEnd(strings.TrimSuffix(strings.TrimSpace(r.SQL), ";")) >= 0 {
		return fmt.Errorf("%s:%d: the rule's body must be one statement", r.File, bodyLine)
	}
	r.SQL = strings.TrimSuffix(strings.TrimSpace(r.SQL), ";")
	return nil
}

func splitList(s, sep string) []string {
	var out []string
	for _, x := range strings.Split(s, sep) {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// statementEnd is the offset of the first ; outside quotes and comments,
// or -1.
func statementEnd(sql string) int {
	for i := 0; i < len(sql); i++ {
		switch c := sql[i]; {
		case c == '\'' || c == '"' || c == '`':
			j := strings.IndexByte(sql[i+1:], c)
			if j < 0 {
				return -1
			}
			i += j + 1
		case c == '-' && strings.HasPrefix(sql[i:], "--"):
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				return -1
			}
			i += j
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			j := strings.Index(sql[i+2:], "*/")
			if j < 0 {
				return -1
			}
			i += j + 3
		case c == ';':
			return i
		}
	}
	return -1
}
