package salesforce

import (
	"strconv"
	"strings"
)

// Row counts are kept beside the describes, with the same lifetime and the
// same key (instance URL and API version): a scan's totalSize tells how big
// an object is, and the next session plans its joins by that rather than by
// a guess. They cost no request: they are only ever learnt from a response
// that came anyway.

func rowsResource(object string) string { return "rowcount/" + strings.ToLower(object) }

// NoteRows keeps an object's record count.
func (c *Client) NoteRows(object string, n int64) {
	c.store(rowsResource(object), []byte(strconv.FormatInt(n, 10)))
}

// KnownRows is an object's record count, when a scan within the describe
// cache's lifetime showed it.
func (c *Client) KnownRows(object string) (int64, bool) {
	resource := rowsResource(object)
	raw, ok := c.memo.get(resource, c.cfg.CacheTTL)
	if !ok {
		file := c.cacheFile(resource)
		if file == "" {
			return 0, false
		}
		if raw, ok = readFresh(file, c.cfg.CacheTTL); !ok {
			return 0, false
		}
		c.memo.put(resource, raw)
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	return n, err == nil && n >= 0
}
