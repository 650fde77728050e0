package history

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/sfsql/sfsql/salesforce"
)

// Identify asks the org who it is (one query): its Id keys everything the
// store holds of it.
func Identify(ctx context.Context, c *salesforce.Client, connection string) (Org, error) {
	page, err := c.Query(ctx, "SELECT Id, Name FROM Organization", salesforce.QueryOptions{})
	if err != nil {
		return Org{}, err
	}
	if len(page.Records) != 1 {
		return Org{}, fmt.Errorf("the org returned %d Organization records", len(page.Records))
	}
	var rec struct{ Id, Name string }
	if err := json.Unmarshal(page.Records[0], &rec); err != nil {
		return Org{}, err
	}
	instance, _ := c.InstanceURL()
	return Org{ID: rec.Id, Name: connection, OrgName: rec.Name, Instance: instance}, nil
}
