package salesforce

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"time"
)

// Field is one field of a describe.
type Field struct {
	Name             string   `json:"name"`
	Type             string   `json:"type"`
	Label            string   `json:"label"`
	Nillable         bool     `json:"nillable"`
	Filterable       bool     `json:"filterable"`
	Sortable         bool     `json:"sortable"`
	ReferenceTo      []string `json:"referenceTo"`
	RelationshipName string   `json:"relationshipName"`
}

// Description is an sObject describe.
type Description struct {
	Name      string  `json:"name"`
	Label     string  `json:"label"`
	Queryable bool    `json:"queryable"`
	Fields    []Field `json:"fields"`
}

// SObject is one entry of describeGlobal.
type SObject struct {
	Name      string `json:"name"`
	Label     string `json:"label"`
	Queryable bool   `json:"queryable"`
	Custom    bool   `json:"custom"`
}

// DescribeGlobal lists the org's sObjects (REST, or Tooling).
func (c *Client) DescribeGlobal(ctx context.Context, tooling bool) ([]SObject, error) {
	resource := "sobjects"
	if tooling {
		resource = "tooling/sobjects"
	}
	var out struct {
		SObjects []SObject `json:"sobjects"`
	}
	if err := c.cached(ctx, resource, &out); err != nil {
		return nil, fmt.Errorf("describe global: %w", err)
	}
	return out.SObjects, nil
}

// Describe returns an sObject's fields.
func (c *Client) Describe(ctx context.Context, object string, tooling bool) (*Description, error) {
	resource := "sobjects/" + url.PathEscape(object) + "/describe"
	if tooling {
		resource = "tooling/" + resource
	}
	var d Description
	if err := c.cached(ctx, resource, &d); err != nil {
		return nil, fmt.Errorf("describe %s: %w", object, err)
	}
	return &d, nil
}

// cached answers a describe from the disk cache when fresh, else fetches
// and stores it. Entries are keyed by instance URL, API version, resource.
func (c *Client) cached(ctx context.Context, resource string, out any) error {
	file := c.cacheFile(resource)
	if file != "" {
		if data, ok := readFresh(file, c.cfg.CacheTTL); ok && json.Unmarshal(data, out) == nil {
			return nil
		}
	}
	var raw json.RawMessage
	if err := c.do(ctx, http.MethodGet, c.path(resource), nil, nil, &raw); err != nil {
		return err
	}
	if file != "" {
		writeAtomic(file, raw)
	}
	return json.Unmarshal(raw, out)
}

func (c *Client) cacheFile(resource string) string {
	if c.cfg.CacheDir == "" {
		return ""
	}
	base, err := c.InstanceURL()
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(base))
	name := strings.NewReplacer("/", "_", "?", "_").Replace(resource) + ".json"
	return filepath.Join(c.cfg.CacheDir, "describe", hex.EncodeToString(sum[:8]), "v"+c.cfg.APIVersion, name)
}

func readFresh(file string, ttl time.Duration) ([]byte, bool) {
	st, err := os.Stat(file)
	if err != nil || time.Since(st.ModTime()) > ttl {
		return nil, false
	}
	data, err := os.ReadFile(file)
	return data, err == nil
}

// writeAtomic writes through a temporary file and a rename, so a reader
// never sees half a file. Failures only cost a later refetch.
func writeAtomic(file string, data []byte) {
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), file) != nil {
		os.Remove(tmp.Name())
	}
}
