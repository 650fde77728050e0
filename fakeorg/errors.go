package fakeorg

import (
	"fmt"
	"strings"

	"github.com/sfsql/sfsql/soql"
)

// apiError is a REST failure: HTTP status plus the JSON error array entry.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// caret renders the "\n<query>\n   ^\nERROR at Row:1:Column:N\n" preamble
// Salesforce puts before field and type errors.
func caret(q string, pos int) string {
	line := strings.ReplaceAll(q, "\n", " ")
	if pos > len(line) {
		pos = len(line)
	}
	return fmt.Sprintf("\n%s\n%s^\nERROR at Row:1:Column:%d\n", line, strings.Repeat(" ", pos), pos+1)
}

func fieldError(q *soql.Query, pos int, msg string) error {
	return &apiError{Status: 400, Code: "INVALID_FIELD", Message: caret(q.Text, pos) + msg}
}

func malformed(msg string) error {
	return &apiError{Status: 400, Code: "MALFORMED_QUERY", Message: msg}
}

var (
	errSession  = &apiError{Status: 401, Code: "INVALID_SESSION_ID", Message: "Session expired or invalid"}
	errNotFound = &apiError{404, "NOT_FOUND", "The requested resource does not exist"}
	errLimit    = &apiError{Status: 403, Code: "REQUEST_LIMIT_EXCEEDED", Message: "TotalRequests Limit exceeded."}
	errServer   = &apiError{Status: 500, Code: "UNKNOWN_EXCEPTION", Message: "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)"}
	errLocator  = &apiError{Status: 400, Code: "INVALID_QUERY_LOCATOR", Message: "invalid query locator"}
)
