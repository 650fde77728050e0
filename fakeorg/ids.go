package fakeorg

import "strings"

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// makeID builds an 18-character Salesforce Id: prefix, pod "0", a base-62
// serial, and the real case-safe checksum suffix.
func makeID(prefix string, serial int) string {
	body := make([]byte, 12)
	body[0], body[1] = '0', '0'
	for i := 11; i >= 2; i-- {
		body[i] = base62[serial%62]
		serial /= 62
	}
	id15 := prefix + string(body)
	return id15 + idChecksum(id15)
}

// idChecksum computes the three characters that make a 15-character Id
// case-insensitively unique.
func idChecksum(id15 string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
	var out strings.Builder
	for chunk := 0; chunk < 3; chunk++ {
		bits := 0
		for i := 0; i < 5; i++ {
			c := id15[chunk*5+i]
			if c >= 'A' && c <= 'Z' {
				bits |= 1 << i
			}
		}
		out.WriteByte(alphabet[bits])
	}
	return out.String()
}

// validID reports whether s has the shape of a Salesforce Id (15 or 18
// alphanumerics, with a matching checksum when 18).
func validID(s string) bool {
	if len(s) != 15 && len(s) != 18 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune(base62, rune(s[i])) {
			return false
		}
	}
	return len(s) == 15 || idChecksum(s[:15]) == strings.ToUpper(s[15:])
}

// sameID compares Ids the way Salesforce does: a 15-character Id equals the
// 18-character form that starts with it.
func sameID(a, b string) bool {
	if len(a) == 18 && len(b) == 15 {
		return a[:15] == b
	}
	if len(a) == 15 && len(b) == 18 {
		return b[:15] == a
	}
	return a == b
}
