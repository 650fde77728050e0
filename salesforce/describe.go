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
	"sync"

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
	Name          string  `json:"name"`
	Label         string  `json:"label"`
	Queryable     bool    `json:"queryable"`
	Replicateable bool    `json:"replicateable"` // sobjects/X/updated and /deleted serve it
	Fields        []Field `json:"fields"`
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

// cached answers a describe from memory or the disk cache when fresh, else
// fetches and stores it. Disk entries are keyed by instance URL, API
// version and resource.
func (c *Client) cached(ctx context.Context, resource string, out any) error {
	if raw, ok := c.memo.get(resource, c.cfg.CacheTTL); ok {
		return json.Unmarshal(raw, out)
	}
	file := c.cacheFile(resource)
	if file != "" {
		if data, ok := readFresh(file, c.cfg.CacheTTL); ok && json.Unmarshal(data, out) == nil {
			c.memo.put(resource, data)
			return nil
		}
	}
	var raw json.RawMessage
	if err := c.do(ctx, http.MethodGet, c.path(resource), nil, nil, &raw); err != nil {
		return err
	}
	c.store(resource, raw)
	return json.Unmarshal(raw, out)
}

// store keeps a fetched describe in memory and on disk.
func (c *Client) store(resource string, raw []byte) {
	if file := c.cacheFile(resource); file != "" {
		writeAtomic(file, raw)
	}
	c.memo.put(resource, raw)
}

// isCached says whether a describe would be answered without a request.
func (c *Client) isCached(resource string) bool {
	if _, ok := c.memo.get(resource, c.cfg.CacheTTL); ok {
		return true
	}
	file := c.cacheFile(resource)
	if file == "" {
		return false
	}
	data, ok := readFresh(file, c.cfg.CacheTTL)
	if ok && json.Valid(data) {
		c.memo.put(resource, data)
	}
	return ok
}

// memoCache keeps describes in memory for the life of a client.
type memoCache struct {
	mu sync.Mutex
	m  map[string]memoEntry
}

type memoEntry struct {
	raw []byte
	at  time.Time
}

func (m *memoCache) get(key string, ttl time.Duration) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.m[key]
	if !ok || time.Since(e.at) > ttl {
		return nil, false
	}
	return e.raw, true
}

func (m *memoCache) put(key string, raw []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[string]memoEntry{}
	}
	m.m[key] = memoEntry{raw, time.Now()}
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
