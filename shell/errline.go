package shell

import (
	"context"
	"regexp"
	"strings"
)

var (
	nearToken = regexp.MustCompile(`near "((?:[^"]|"")*)": syntax error`)
	noSuch    = regexp.MustCompile(`no such (?:column|table|function): ([^\s(]+)`)
)

// offendingLine is the line, counted from the statement's first, of the
// token a statement's error is about: the one SQLite says it stopped near,
// or the unknown name. It is 0 when the error names nothing it can find.
func (s *Shell) offendingLine(ctx context.Context, stmt string, err error) int {
	msg := err.Error()
	if m := nearToken.FindStringSubmatch(msg); m != nil {
		return lineAt(stmt, s.syntaxErrorAt(ctx, stmt, strings.ReplaceAll(m[1], `""`, `"`), m[0]))
	}
	if m := noSuch.FindStringSubmatch(msg); m != nil {
		if at := tokenPositions(stmt, m[1]); len(at) > 0 {
			return lineAt(stmt, at[0])
		}
		if i := strings.LastIndexByte(m[1], '.'); i >= 0 {
			if at := tokenPositions(stmt, m[1][i+1:]); len(at) > 0 {
				return lineAt(stmt, at[0])
			}
		}
	}
	return 0
}

// syntaxErrorAt finds which occurrence of token the parser stopped at: the
// first whose statement, cut right after it, fails with the same error
// (an earlier, well-placed occurrence leaves the input merely incomplete).
func (s *Shell) syntaxErrorAt(ctx context.Context, stmt, token, want string) int {
	at := tokenPositions(stmt, token)
	if len(at) == 0 {
		return -1
	}
	for _, i := range at[:len(at)-1] {
		st, err := s.conn().PrepareContext(ctx, stmt[:i+len(token)])
		if err == nil {
			st.Close()
			continue
		}
		if strings.Contains(err.Error(), want) {
			return i
		}
	}
	return at[len(at)-1]
}

// tokenPositions are the byte offsets where token stands on its own in
// stmt, case-insensitively, outside comments, and outside strings unless
// the token is one.
func tokenPositions(stmt, token string) []int {
	if token == "" {
		return nil
	}
	lower, want := strings.ToLower(stmt), strings.ToLower(token)
	var at []int
	for i := 0; i < len(stmt); {
		if strings.HasPrefix(lower[i:], want) && standsAlone(stmt, i, len(want)) {
			at = append(at, i)
		}
		if next, _ := opaque(stmt, i); next > i {
			i = next
			continue
		}
		i++
	}
	return at
}

// standsAlone says the token at stmt[i:i+n] is not part of a longer word.
func standsAlone(stmt string, i, n int) bool {
	word := func(c byte) bool {
		return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	if i > 0 && word(stmt[i-1]) && word(stmt[i]) {
		return false
	}
	end := i + n
	return end >= len(stmt) || !word(stmt[end-1]) || !word(stmt[end])
}

// lineAt counts lines from the statement's own first line, after the
// comments it may start with (the line Split gives it).
func lineAt(stmt string, offset int) int {
	if offset < 0 {
		return 0
	}
	return strings.Count(stmt[:offset], "\n") - strings.Count(leadingComments(stmt), "\n")
}
