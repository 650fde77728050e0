package salesforce

import (
	"context"
	"encoding/json"
	"fmt"
)

// Organization is who an org is: what salesforce_orgs lists and what
// org_id and org_name read.
type Organization struct {
	ID       string `json:"Id"`
	Name     string `json:"Name"`
	Edition  string `json:"OrganizationType"`
	Instance string `json:"InstanceName"`
	Sandbox  bool   `json:"IsSandbox"`
}

const organizationSOQL = "SELECT Id, Name, OrganizationType, InstanceName, IsSandbox FROM Organization"

// Organization asks the org who it is: one query, then kept beside the
// describes (in memory and on disk, for the describe cache's lifetime).
func (c *Client) Organization(ctx context.Context) (*Organization, error) {
	const resource = "organization"
	raw, ok := c.memo.get(resource, c.cfg.CacheTTL)
	if !ok {
		if file := c.cacheFile(resource); file != "" {
			if raw, ok = readFresh(file, c.cfg.CacheTTL); ok {
				c.memo.put(resource, raw)
			}
		}
	}
	var org Organization
	if ok && json.Unmarshal(raw, &org) == nil && org.ID != "" {
		return &org, nil
	}
	page, err := c.Query(ctx, organizationSOQL, QueryOptions{})
	if err != nil {
		return nil, err
	}
	if len(page.Records) != 1 {
		return nil, fmt.Errorf("the org returned %d Organization records", len(page.Records))
	}
	if err := json.Unmarshal(page.Records[0], &org); err != nil {
		return nil, fmt.Errorf("the Organization record: %w", err)
	}
	data, _ := json.Marshal(org)
	c.store(resource, data)
	return &org, nil
}
