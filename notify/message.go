package notify

// Message is one notification: Slack-compatible text plus the structured
// fields. Key is the idempotency key a receiver can deduplicate on.
type Message struct {
	Key      string `json:"idempotency_key"`
	Text     string `json:"text"`
	Event    string `json:"event"` // opened, resolved, summary
	OrgID    string `json:"org_id"`
	OrgName  string `json:"org_name,omitempty"`
	Rule     string `json:"rule,omitempty"`
	Title    string `json:"title,omitempty"`
	Severity string `json:"severity,omitempty"`
	Findings []Item `json:"findings"`
}

// Item is one finding in a message.
type Item struct {
	FindingID    string `json:"finding_id"`
	Rule         string `json:"rule"`
	Severity     string `json:"severity"`
	ResourceID   string `json:"resource_id"`
	ResourceName string `json:"resource_name"`
	Reason       string `json:"reason"`
	Event        string `json:"event"`
	Link         string `json:"link,omitempty"` // the record in Salesforce, where the resource is a record
}
