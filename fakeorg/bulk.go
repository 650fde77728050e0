package fakeorg

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// Bulk API 2.0 query jobs, as API-NOTES §11 records them: POST
// /jobs/query creates a job (state UploadComplete), GET /jobs/query/ID
// reports it (InProgress once, then JobComplete), GET …/results pages the
// rows as CSV: a header row on every page, values double-quoted, NULL as
// "", Sforce-Locator naming the next page or the literal null.

type bulkJob struct {
	id    string
	rs    *resultSet
	polls int
}

func (o *Org) serveBulk(w http.ResponseWriter, r *http.Request, version, usage string, parts []string) error {
	switch {
	case len(parts) == 2 && r.Method == http.MethodPost:
		return o.createBulkJob(w, r, version, usage)
	case len(parts) == 3 && r.Method == http.MethodGet:
		return o.bulkJobInfo(w, r, usage, parts[2])
	case len(parts) == 4 && parts[3] == "results" && r.Method == http.MethodGet:
		return o.bulkResults(w, r, usage, parts[2])
	}
	return errNotFound
}

func (o *Org) createBulkJob(w http.ResponseWriter, r *http.Request, version, usage string) error {
	var req struct{ Operation, Query string }
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
		return malformed("the job request is not JSON")
	}
	o.mu.Lock()
	refuse := o.faults.RefuseBulk
	o.mu.Unlock()
	if refuse {
		return &apiError{400, "API_ERROR", "Bulk API 2.0 is not enabled for this org"}
	}
	rs, err := o.execute(req.Query, version, false, req.Operation == "queryAll")
	if err != nil {
		return err
	}
	if rs.c.query.Count || rs.c.aggr || rs.c.query.Offset >= 0 {
		return &apiError{400, "API_ERROR", "Bulk API 2.0 does not support this query: aggregates, COUNT() and OFFSET"}
	}
	for _, p := range rs.c.items {
		if categoryOf(p.field) == catCompound {
			return &apiError{400, "API_ERROR", "Selecting compound data not supported in Bulk Query"}
		}
	}
	o.mu.Lock()
	o.serial++
	job := &bulkJob{id: makeID("750", o.serial), rs: rs}
	if o.bulk == nil {
		o.bulk = map[string]*bulkJob{}
	}
	o.bulk[job.id] = job
	o.mu.Unlock()
	o.Counters.BulkJobs.Add(1)
	body, _ := json.Marshal(map[string]any{"id": job.id, "operation": req.Operation, "object": rs.c.object.Name, "state": "UploadComplete",
		"contentType": "CSV", "apiVersion": version, "lineEnding": "LF", "columnDelimiter": "COMMA"})
	writeBody(w, r, 200, body, usage)
	return nil
}

func (o *Org) bulkJob(id string) *bulkJob {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.bulk[id]
}

func (o *Org) bulkJobInfo(w http.ResponseWriter, r *http.Request, usage, id string) error {
	job := o.bulkJob(id)
	if job == nil {
		return errNotFound
	}
	o.mu.Lock()
	job.polls++
	state := "JobComplete"
	if job.polls == 1 {
		state = "InProgress" // a client must poll
	}
	o.mu.Unlock()
	body, _ := json.Marshal(map[string]any{"id": id, "operation": "query", "state": state, "jobType": "V2Query",
		"numberRecordsProcessed": len(job.rs.rows), "retries": 0})
	writeBody(w, r, 200, body, usage)
	return nil
}

func (o *Org) bulkResults(w http.ResponseWriter, r *http.Request, usage, id string) error {
	job := o.bulkJob(id)
	if job == nil {
		return errNotFound
	}
	off := 0
	if loc := r.URL.Query().Get("locator"); loc != "" {
		raw, derr := base64.StdEncoding.DecodeString(loc)
		var err error
		if off, err = strconv.Atoi(string(raw)); derr != nil || err != nil || off < 0 || off > len(job.rs.rows) {
			return &apiError{400, "INVALIDLOCATOR", "invalid locator"}
		}
	}
	max := 50000
	if n, err := strconv.Atoi(r.URL.Query().Get("maxRecords")); err == nil && n > 0 {
		max = n
	}
	end := min(off+max, len(job.rs.rows))
	next := "null"
	if end < len(job.rs.rows) {
		next = base64.StdEncoding.EncodeToString([]byte(strconv.Itoa(end)))
	}
	w.Header().Set("Sforce-Locator", next)
	w.Header().Set("Sforce-NumberOfRecords", strconv.Itoa(end-off))
	w.Header().Set("Content-Type", "text/csv")
	o.Counters.Rows.Add(int64(end - off))
	writeBody(w, r, 200, o.bulkCSV(job.rs, off, end), usage)
	return nil
}

// bulkCSV renders rows [off, end) with a header of the select items.
func (o *Org) bulkCSV(rs *resultSet, off, end int) []byte {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	header := make([]string, len(rs.c.items))
	for i, p := range rs.c.items {
		header[i] = strings.Join(p.names, ".")
	}
	cw.Write(header)
	o.Store.mu.RLock()
	defer o.Store.mu.RUnlock()
	rec := make([]string, len(rs.c.items))
	for i := off; i < end; i++ {
		row := rs.table.At(int(rs.rows[i]))
		for j, p := range rs.c.items {
			rec[j] = csvValue(p, o.Store.value(row, p))
		}
		cw.Write(rec)
	}
	cw.Flush()
	return b.Bytes()
}

// csvValue is a value as the REST JSON renders it, unquoted: NULL is "".
func csvValue(p *path, v any) string {
	var b bytes.Buffer
	writeValue(&b, p.field, v)
	text := b.String()
	if text == "null" {
		return ""
	}
	var s string
	if json.Unmarshal([]byte(text), &s) == nil {
		return s
	}
	return text
}
