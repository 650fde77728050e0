package salesforce

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Composite limits: 25 subrequests per call, of which at most 5 may be
// query operations or sObject collections. The call counts as one API
// request.
const (
	MaxSubrequests      = 25
	MaxQuerySubrequests = 5
)

// Subrequest is one GET inside a composite call.
type Subrequest struct {
	Path  string // a path from QueryPath, UpdatedPath or DeletedPath
	Query bool   // counts against MaxQuerySubrequests
}

// SubResponse is the answer to one subrequest.
type SubResponse struct {
	Status int
	Body   json.RawMessage
}

// Err is the subrequest's error, if it failed.
func (r SubResponse) Err() error {
	if r.Status >= 300 {
		return parseError(r.Status, r.Body)
	}
	return nil
}

// Composite sends up to 25 GET subrequests as one API request. Each
// answer comes back in order; a failed subrequest fails only itself.
func (c *Client) Composite(ctx context.Context, subs []Subrequest) ([]SubResponse, error) {
	if len(subs) == 0 || len(subs) > MaxSubrequests {
		return nil, fmt.Errorf("composite: %d subrequests (1 to %d allowed)", len(subs), MaxSubrequests)
	}
	var list []map[string]string
	queries := 0
	for i, s := range subs {
		if s.Query {
			queries++
		}
		list = append(list, map[string]string{"method": "GET", "url": s.Path, "referenceId": fmt.Sprintf("r%d", i)})
	}
	if queries > MaxQuerySubrequests {
		return nil, fmt.Errorf("composite: %d query subrequests (at most %d)", queries, MaxQuerySubrequests)
	}
	body, _ := json.Marshal(map[string]any{"allOrNone": false, "compositeRequest": list})
	var res struct {
		CompositeResponse []struct {
			Body           json.RawMessage `json:"body"`
			HTTPStatusCode int             `json:"httpStatusCode"`
		} `json:"compositeResponse"`
	}
	if err := c.do(ctx, http.MethodPost, c.path("composite"), body, c.queryHeader(), &res); err != nil {
		return nil, fmt.Errorf("composite: %w", err)
	}
	if len(res.CompositeResponse) != len(subs) {
		return nil, fmt.Errorf("composite: %d answers to %d subrequests", len(res.CompositeResponse), len(subs))
	}
	out := make([]SubResponse, len(subs))
	for i, r := range res.CompositeResponse {
		out[i] = SubResponse{Status: r.HTTPStatusCode, Body: r.Body}
	}
	return out, nil
}

// QueryPath is the resource path of a SOQL query, for a subrequest.
func (c *Client) QueryPath(soql string, opt QueryOptions) string {
	resource := "query"
	if opt.All {
		resource = "queryAll"
	}
	if opt.Tooling {
		resource = "tooling/" + resource
	}
	return c.path(resource) + "?q=" + url.QueryEscape(soql)
}

// replicationTime is the form the replication resources take.
func replicationTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05+00:00") }

// UpdatedPath is sobjects/X/updated over [start, end): the Ids added or
// changed (by SystemModstamp), complete up to latestDateCovered.
func (c *Client) UpdatedPath(object string, start, end time.Time) string {
	return c.path("sobjects/"+url.PathEscape(object)+"/updated") + "?start=" + url.QueryEscape(replicationTime(start)) + "&end=" + url.QueryEscape(replicationTime(end))
}

// DeletedPath is sobjects/X/deleted over [start, end).
func (c *Client) DeletedPath(object string, start, end time.Time) string {
	return c.path("sobjects/"+url.PathEscape(object)+"/deleted") + "?start=" + url.QueryEscape(replicationTime(start)) + "&end=" + url.QueryEscape(replicationTime(end))
}

// Updated is the answer of sobjects/X/updated.
type Updated struct {
	IDs               []string `json:"ids"`
	LatestDateCovered string   `json:"latestDateCovered"`
}

// Deleted is the answer of sobjects/X/deleted.
type Deleted struct {
	DeletedRecords []struct {
		ID          string `json:"id"`
		DeletedDate string `json:"deletedDate"`
	} `json:"deletedRecords"`
	EarliestDateAvailable string `json:"earliestDateAvailable"`
	LatestDateCovered     string `json:"latestDateCovered"`
}

// ParseTime reads a Salesforce date-time (2026-11-01T10:00:00.000+0000,
// or RFC 3339).
func ParseTime(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04:05.000-0700", time.RFC3339Nano, "2006-01-02T15:04:05-0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("not a Salesforce date-time: %q", s)
}

// DescribeRef names one describe to prime.
type DescribeRef struct {
	Object  string
	Tooling bool
}

// PrimeDescribes fetches the describes not cached yet in composite calls,
// 25 to a call, so a snapshot of twenty objects costs one or two requests
// of describes instead of twenty. Failed subrequests are left for the
// ordinary describe to fetch (and report).
func (c *Client) PrimeDescribes(ctx context.Context, refs []DescribeRef) error {
	var missing []string
	for _, r := range refs {
		resource := "sobjects/" + url.PathEscape(r.Object) + "/describe"
		if r.Tooling {
			resource = "tooling/" + resource
		}
		if c.isCached(resource) {
			continue
		}
		missing = append(missing, resource)
	}
	for start := 0; start < len(missing); start += MaxSubrequests {
		chunk := missing[start:min(start+MaxSubrequests, len(missing))]
		subs := make([]Subrequest, len(chunk))
		for i, res := range chunk {
			subs[i] = Subrequest{Path: c.path(res)}
		}
		answers, err := c.Composite(ctx, subs)
		if err != nil {
			return err
		}
		for i, a := range answers {
			if a.Err() == nil {
				c.store(chunk[i], a.Body)
			}
		}
	}
	return nil
}

// CollectionPath is the GET form of sObject collections retrieve, for a
// subrequest: ids and fields in the query string (keep ids to a few
// hundred).
func (c *Client) CollectionPath(object string, ids, fields []string) string {
	return c.path("composite/sobjects/"+url.PathEscape(object)) + "?ids=" + url.QueryEscape(strings.Join(ids, ",")) + "&fields=" + url.QueryEscape(strings.Join(fields, ","))
}
