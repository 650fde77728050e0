package vtab

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sfsql/sfsql/salesforce"
)

// A scan whose first page shows more rows than the engine's BulkThreshold
// goes through a Bulk API 2.0 query job instead of REST pages: one job,
// its CSV results read bulkPageRows at a time, converted exactly as the
// REST path converts JSON (the differential test holds them equal). A
// query Bulk refuses — Tooling, compound fields, aggregates — stays REST.

// DefaultBulkThreshold is the row count above which scans use Bulk 2.0.
const DefaultBulkThreshold = 250_000

// bulkPageRows is how many rows one results page asks for.
const bulkPageRows = 10_000

type bulkReader struct {
	job     *salesforce.BulkJob
	next    string
	done    bool
	pos     []int               // field position → CSV column
	pending chan bulkPageResult // the next page, in flight while this one is read
}

type bulkPageResult struct {
	page *salesforce.BulkPage
	err  error
}

// page is the next results page: the one fetched ahead, or fetched now;
// the one after it starts on its way.
func (b *bulkReader) page(c *scanCursor) (*salesforce.BulkPage, error) {
	var r bulkPageResult
	if b.pending != nil {
		r = <-b.pending
		b.pending = nil
	} else {
		r.page, r.err = c.t.org.client.Results(c.ctx, b.job, b.next, bulkPageRows)
	}
	if r.err == nil && r.page.Next != "" {
		ch := make(chan bulkPageResult, 1)
		b.pending = ch
		go func(next string) {
			page, err := c.t.org.client.Results(c.ctx, b.job, next, bulkPageRows)
			ch <- bulkPageResult{page, err}
		}(r.page.Next)
	}
	return r.page, r.err
}

func bulkable(t *Table, q *query) bool {
	if t.spec.Tooling {
		return false
	}
	for _, f := range q.fields {
		if f.cat == catOther {
			return false
		}
	}
	return true
}

// startBulk replaces the REST pages with a job; false (no error) keeps
// REST, which the org may prefer for this query.
func (c *scanCursor) startBulk(q *query) (bool, error) {
	o := c.t.org
	job, err := o.client.BulkQuery(c.ctx, q.soql, q.apiOptions.All)
	if err != nil {
		return false, c.ctx.Err()
	}
	o.engine.notifyScan("Bulk 2.0: " + q.soql)
	c.pager.close()
	c.pager, c.bulk = nil, &bulkReader{job: job}
	return true, c.loadBulkPage()
}

// loadBulkPage reads and converts the next results page.
func (c *scanCursor) loadBulkPage() error {
	c.raw, c.rows = nil, nil
	for !c.bulk.done {
		page, err := c.bulk.page(c)
		if err != nil {
			return err
		}
		if c.bulk.pos == nil {
			if c.bulk.pos, err = csvPositions(page.Header, c.fields); err != nil {
				return err
			}
		}
		c.bulk.next, c.bulk.done = page.Next, page.Next == ""
		rows := make([][]Value, len(page.Rows))
		for i, rec := range page.Rows {
			if rows[i], err = csvRow(rec, c.bulk.pos, c.fields); err != nil {
				return err
			}
		}
		c.prog.Rows += len(rows)
		c.prog.Pages++
		c.t.org.engine.rowsFetched.Add(int64(len(rows)))
		c.rows, c.i = rows, 0
		if c.keep != nil {
			c.keep.rows = append(c.keep.rows, rows...)
		}
		if len(rows) > 0 {
			return nil
		}
	}
	c.eof = true
	c.finish()
	return nil
}

// csvPositions finds each field's column in the CSV header.
func csvPositions(header []string, fields []field) ([]int, error) {
	pos := make([]int, len(fields))
	for i, f := range fields {
		pos[i] = -1
		for j, h := range header {
			if strings.EqualFold(h, strings.Join(f.path, ".")) {
				pos[i] = j
			}
		}
		if pos[i] < 0 {
			return nil, fmt.Errorf("bulk results lack %s", strings.Join(f.path, "."))
		}
	}
	return pos, nil
}

// csvRow converts one CSV record as convert does JSON: "" is NULL (the
// REST API returns null for empty text too), booleans 0/1, numbers by the
// column's category, datetimes in ISO-8601 with Z.
func csvRow(rec []string, pos []int, fields []field) ([]Value, error) {
	row := make([]Value, len(fields))
	for i, f := range fields {
		if pos[i] >= len(rec) {
			return nil, fmt.Errorf("bulk results: a row of %d columns", len(rec))
		}
		v, err := csvValue(rec[pos[i]], f.cat)
		if err != nil {
			return nil, fmt.Errorf("bulk results, %s: %w", strings.Join(f.path, "."), err)
		}
		row[i] = v
	}
	return row, nil
}

func csvValue(s string, cat category) (Value, error) {
	switch {
	case s == "":
		return Value{}, nil
	case cat == catBool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return Value{}, err
		}
		return convert(b, cat), nil
	case cat == catInt || cat == catFloat:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return Value{}, err
		}
		return convert(f, cat), nil
	}
	return convert(s, cat), nil
}
