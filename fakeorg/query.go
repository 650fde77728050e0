package fakeorg

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/sfsql/sfsql/soql"
)

const (
	maxBatch = 2000
	minBatch = 200
)

func (o *Org) serveQuery(w http.ResponseWriter, r *http.Request, version, usage string, tooling, all bool) error {
	text := r.URL.Query().Get("q")
	rs, err := o.execute(text, version, tooling, all)
	if err != nil {
		return err
	}
	o.Counters.Queries.Add(1)
	if rs.c.query.Count {
		body := []byte(`{"totalSize":` + strconv.Itoa(len(rs.rows)) + `,"done":true,"records":[]}`)
		writeBody(w, r, 200, body, usage)
		return nil
	}
	if rs.c.aggr {
		return o.writeAggregate(w, r, rs, usage)
	}
	o.writePage(w, r, rs, 0, batchSize(r), usage)
	return nil
}

// execute parses, compiles and runs one SOQL statement.
func (o *Org) execute(text, version string, tooling, all bool) (*resultSet, error) {
	o.mu.Lock()
	o.queries = append(o.queries, text)
	o.mu.Unlock()
	if strings.TrimSpace(text) == "" {
		return nil, malformed("A query string has to be specified")
	}
	q, err := soql.Parse(text)
	if err != nil {
		return nil, malformed(err.Error())
	}
	api := "rest"
	if tooling {
		api = "tooling"
	}
	c, err := o.Store.compile(q, api, o.now())
	if err != nil {
		return nil, err
	}
	rs := o.Store.run(c, all)
	if err := oneRowForMetadata(c, len(rs.rows)); err != nil {
		return nil, err
	}
	rs.version, rs.tooling = version, tooling
	return rs, nil
}

func (o *Org) serveQueryMore(w http.ResponseWriter, r *http.Request, version, usage, locator string) error {
	id, offStr, ok := strings.Cut(locator, "-")
	off, err := strconv.Atoi(offStr)
	o.mu.Lock()
	rs := o.cursors[id]
	refused := rs != nil && o.faults.RefuseLocatorOffsets && !rs.issued[off]
	o.mu.Unlock()
	if !ok || err != nil || rs == nil || off < 0 || off > len(rs.rows) || refused {
		return errLocator
	}
	o.Counters.QueryMores.Add(1)
	o.writePage(w, r, rs, off, batchSize(r), usage)
	return nil
}

func batchSize(r *http.Request) int {
	n := maxBatch
	for _, opt := range strings.Split(r.Header.Get("Sforce-Query-Options"), ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(opt), "=")
		if strings.EqualFold(k, "batchSize") {
			if b, err := strconv.Atoi(v); err == nil {
				n = min(max(b, minBatch), maxBatch)
			}
		}
	}
	return n
}

// writePage renders rows [off, off+batch) of a result set, registering a
// locator when more remain.
func (o *Org) writePage(w http.ResponseWriter, r *http.Request, rs *resultSet, off, batch int, usage string) {
	end := min(off+batch, len(rs.rows))
	var b bytes.Buffer
	b.Grow(int(rs.pageBytes.Load()))
	b.WriteString(`{"totalSize":`)
	b.WriteString(strconv.Itoa(len(rs.rows)))
	next := ""
	if end < len(rs.rows) {
		o.issue(rs, end)
		next = "/services/data/v" + rs.version + "/query/" + o.locatorFor(rs) + "-" + strconv.Itoa(end)
		if rs.tooling {
			next = "/services/data/v" + rs.version + "/tooling/query/" + o.locatorFor(rs) + "-" + strconv.Itoa(end)
		}
	}
	b.WriteString(`,"done":`)
	b.WriteString(strconv.FormatBool(next == ""))
	if next != "" {
		b.WriteString(`,"nextRecordsUrl":`)
		writeJSONString(&b, next)
	}
	if rs.tooling {
		b.WriteString(`,"size":` + strconv.Itoa(len(rs.rows)) + `,"queryLocator":`)
		if next == "" {
			b.WriteString("null")
		} else {
			writeJSONString(&b, o.locatorFor(rs)+"-"+strconv.Itoa(end))
		}
		b.WriteString(`,"entityTypeName":`)
		writeJSONString(&b, rs.c.object.Name)
	}
	b.WriteString(`,"records":[`)
	tree := buildSelectTree(o.Store, rs.c)
	o.Store.mu.RLock()
	for i := off; i < end; i++ {
		if i > off {
			b.WriteByte(',')
		}
		o.Store.writeRecord(&b, tree, rs.table.At(int(rs.rows[i])), rs.version)
	}
	o.Store.mu.RUnlock()
	b.WriteString("]}")
	if n := int64(b.Len()); n > rs.pageBytes.Load() {
		rs.pageBytes.Store(n)
	}
	o.Counters.Rows.Add(int64(end - off))
	writeBody(w, r, 200, b.Bytes(), usage)
}

// issue records an offset handed out as a next page.
func (o *Org) issue(rs *resultSet, offset int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if rs.issued == nil {
		rs.issued = map[int]bool{}
	}
	rs.issued[offset] = true
}

// locatorFor returns the result set's locator, creating one on first use.
func (o *Org) locatorFor(rs *resultSet) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	if rs.locator == "" {
		o.serial++
		rs.locator = makeID("0r8", o.serial)
		o.cursors[rs.locator] = rs
	}
	return rs.locator
}

// oneRowForMetadata is the Tooling API's rule: a query selecting a
// Metadata field may return one row at most.
func oneRowForMetadata(c *compiled, rows int) error {
	for _, it := range c.items {
		if it.field != nil && it.field.Type == "complexvalue" && strings.EqualFold(it.field.Name, "Metadata") && rows > 1 {
			return malformed("When retrieving results with Metadata or FullName fields, the query qualifications must specify no more than one row for retrieval.")
		}
	}
	return nil
}
