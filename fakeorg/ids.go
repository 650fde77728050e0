package fakeorg

import "github.com/sfsql/sfsql/sfid"

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
	return id15 + sfid.Checksum(id15)
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
