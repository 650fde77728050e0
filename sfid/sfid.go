// Package sfid knows the shape of Salesforce record Ids: 15 case-sensitive
// characters, plus a 3-character checksum that makes the 18-character form
// case-insensitively unique.
package sfid

import "strings"

const alphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// Checksum computes the suffix of the 18-character form of a 15-character Id.
func Checksum(id15 string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
	var out strings.Builder
	for chunk := 0; chunk < 3; chunk++ {
		bits := 0
		for i := 0; i < 5; i++ {
			if c := id15[chunk*5+i]; c >= 'A' && c <= 'Z' {
				bits |= 1 << i
			}
		}
		out.WriteByte(alphabet[bits])
	}
	return out.String()
}

// Valid reports whether s is a well-formed 15- or 18-character Id (with a
// matching checksum when 18), as Salesforce checks Ids in a WHERE clause.
func Valid(s string) bool {
	if len(s) != 15 && len(s) != 18 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(alphanumerics, s[i]) < 0 {
			return false
		}
	}
	return len(s) == 15 || Checksum(s[:15]) == strings.ToUpper(s[15:])
}

// Canonical reports whether s is an Id exactly as Salesforce returns it:
// 18 characters with the checksum in upper case.
func Canonical(s string) bool {
	return len(s) == 18 && Valid(s) && Checksum(s[:15]) == s[15:]
}
