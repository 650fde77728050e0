package salesforce

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// Page is one page of a query result. Records stay raw: the caller decodes
// only what it reads.
type Page struct {
	TotalSize      int               `json:"totalSize"`
	Done           bool              `json:"done"`
	NextRecordsURL string            `json:"nextRecordsUrl"`
	Records        []json.RawMessage `json:"records"`
}

// QueryOptions choose the endpoint of a query.
type QueryOptions struct {
	All     bool // queryAll: include deleted and archived rows
	Tooling bool // the Tooling API
}

// Query sends SOQL and returns its first page.
func (c *Client) Query(ctx context.Context, soql string, opt QueryOptions) (*Page, error) {
	if c.OnQuery != nil {
		c.OnQuery(soql)
	}
	resource := "query"
	if opt.All {
		resource = "queryAll"
	}
	if opt.Tooling {
		resource = "tooling/" + resource
	}
	p := c.path(resource) + "?q=" + url.QueryEscape(soql)
	var page Page
	var err error
	// Salesforce refuses request lines and headers over 16 KiB: a longer
	// query travels in a composite request body instead.
	if len(p) > c.cfg.MaxURLBytes && !opt.Tooling {
		err = c.compositeGet(ctx, p, &page)
	} else {
		err = c.do(ctx, http.MethodGet, p, nil, c.queryHeader(), &page)
	}
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", objectOf(soql), err)
	}
	return &page, nil
}

// NextPage follows a nextRecordsUrl.
func (c *Client) NextPage(ctx context.Context, nextURL string) (*Page, error) {
	var page Page
	if err := c.do(ctx, http.MethodGet, nextURL, nil, c.queryHeader(), &page); err != nil {
		return nil, fmt.Errorf("next page: %w", err)
	}
	return &page, nil
}

func (c *Client) queryHeader() http.Header {
	h := http.Header{}
	if c.cfg.BatchSize > 0 {
		h.Set("Sforce-Query-Options", "batchSize="+strconv.Itoa(c.cfg.BatchSize))
	}
	return h
}

// compositeGet runs a GET whose URL is too long as a composite subrequest.
func (c *Client) compositeGet(ctx context.Context, path string, out any) error {
	body, _ := json.Marshal(map[string]any{"compositeRequest": []map[string]string{{"method": "GET", "url": path, "referenceId": "q"}}})
	var res struct {
		CompositeResponse []struct {
			Body           json.RawMessage `json:"body"`
			HTTPStatusCode int             `json:"httpStatusCode"`
		} `json:"compositeResponse"`
	}
	if err := c.do(ctx, http.MethodPost, c.path("composite"), body, c.queryHeader(), &res); err != nil {
		return err
	}
	if len(res.CompositeResponse) != 1 {
		return fmt.Errorf("composite: %d answers to one subrequest", len(res.CompositeResponse))
	}
	sub := res.CompositeResponse[0]
	if sub.HTTPStatusCode >= 300 {
		return parseError(sub.HTTPStatusCode, sub.Body)
	}
	return decodeBody(sub.Body, out)
}

// objectOf names the FROM object of a SOQL statement for error messages.
func objectOf(soql string) string {
	words := splitWords(soql)
	for i, w := range words {
		if (w == "FROM" || w == "from" || w == "From") && i+1 < len(words) {
			return words[i+1]
		}
	}
	return "SOQL"
}

func splitWords(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		space := r == ' ' || r == '\n' || r == '\t' || r == '(' || r == ')' || r == ','
		if space && start >= 0 {
			out = append(out, s[start:i])
			start = -1
		} else if !space && start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// Retrieve fetches records by Id through sObject collections (up to 2,000
// Ids per call); absent records come back as null entries.
func (c *Client) Retrieve(ctx context.Context, object string, ids, fields []string) ([]json.RawMessage, error) {
	body, _ := json.Marshal(map[string][]string{"ids": ids, "fields": fields})
	var out []json.RawMessage
	if err := c.do(ctx, http.MethodPost, c.path("composite/sobjects/"+url.PathEscape(object)), body, nil, &out); err != nil {
		return nil, fmt.Errorf("retrieve %s: %w", object, err)
	}
	return out, nil
}

// Limit is one entry of the org's limits.
type Limit struct {
	Max       int64 `json:"Max"`
	Remaining int64 `json:"Remaining"`
}

// Limits returns the org's API limits by name.
func (c *Client) Limits(ctx context.Context) (map[string]Limit, error) {
	var raw map[string]json.RawMessage
	if err := c.do(ctx, http.MethodGet, c.path("limits"), nil, nil, &raw); err != nil {
		return nil, fmt.Errorf("limits: %w", err)
	}
	out := map[string]Limit{}
	for k, v := range raw {
		var l Limit
		if json.Unmarshal(v, &l) == nil {
			out[k] = l
		}
	}
	return out, nil
}
