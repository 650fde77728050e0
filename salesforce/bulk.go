package salesforce

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// rawResponse takes a response body and headers as they came (a CSV page).
type rawResponse struct {
	data   []byte
	header http.Header
}

// BulkJob is a Bulk API 2.0 query job that has completed: its results are
// read page by page with Results.
type BulkJob struct {
	ID string
}

// BulkPage is one page of a job's results: the CSV header, the rows, and
// the locator of the next page ("" after the last).
type BulkPage struct {
	Header []string
	Rows   [][]string
	Next   string
}

// BulkQuery creates a query job (queryAll with all) and waits for it to
// complete, polling with a growing pause. An error means the query should
// go through REST instead (Bulk refuses aggregates, OFFSET, compound
// fields …) or failed outright.
func (c *Client) BulkQuery(ctx context.Context, soql string, all bool) (*BulkJob, error) {
	op := "query"
	if all {
		op = "queryAll"
	}
	body, _ := json.Marshal(map[string]string{"operation": op, "query": soql, "contentType": "CSV", "columnDelimiter": "COMMA", "lineEnding": "LF"})
	var job struct{ ID, State string }
	if err := c.do(ctx, http.MethodPost, c.path("jobs/query"), body, nil, &job); err != nil {
		return nil, fmt.Errorf("bulk query %s: %w", objectOf(soql), err)
	}
	pause := 50 * time.Millisecond
	for job.State != "JobComplete" {
		if job.State == "Failed" || job.State == "Aborted" {
			return nil, fmt.Errorf("bulk query %s: job %s %s", objectOf(soql), job.ID, job.State)
		}
		if err := sleep(ctx, pause); err != nil {
			return nil, err
		}
		pause = min(2*pause, 2*time.Second)
		if err := c.do(ctx, http.MethodGet, c.path("jobs/query/"+job.ID), nil, nil, &job); err != nil {
			return nil, fmt.Errorf("bulk query %s: %w", objectOf(soql), err)
		}
	}
	return &BulkJob{ID: job.ID}, nil
}

// Results reads one page of a completed job, from locator ("" for the
// first), of at most maxRecords rows.
func (c *Client) Results(ctx context.Context, job *BulkJob, locator string, maxRecords int) (*BulkPage, error) {
	q := url.Values{}
	if locator != "" {
		q.Set("locator", locator)
	}
	if maxRecords > 0 {
		q.Set("maxRecords", fmt.Sprint(maxRecords))
	}
	path := c.path("jobs/query/" + job.ID + "/results")
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	var raw rawResponse
	if err := c.do(ctx, http.MethodGet, path, nil, nil, &raw); err != nil {
		return nil, fmt.Errorf("bulk results: %w", err)
	}
	records, err := csv.NewReader(bytes.NewReader(raw.data)).ReadAll()
	if err != nil || len(records) == 0 {
		return nil, fmt.Errorf("bulk results: not CSV with a header row (%v)", err)
	}
	page := &BulkPage{Header: records[0], Rows: records[1:]}
	if next := raw.header.Get("Sforce-Locator"); next != "null" {
		page.Next = next // the last page says the literal null
	}
	return page, nil
}
