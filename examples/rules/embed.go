// Package rulepack embeds the built-in rules: one readable, copyable .sql
// file per check, with its header of id, severity, rationale, remediation
// and references.
package rulepack

import "embed"

// Files holds the rule files.
//
//go:embed *.sql
var Files embed.FS
