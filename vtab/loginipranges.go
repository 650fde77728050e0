package vtab

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/sfsql/sfsql/salesforce"
	"github.com/sfsql/sfsql/soql"
)

// ProfileLoginIPRanges computes salesforce_profile_login_ip_ranges: each
// profile's login IP ranges, read from its Tooling API Metadata. The
// Tooling API answers Metadata one record per query, so the table costs
// one scan of profiles plus one query per profile, five to a composite
// call.
var ProfileLoginIPRanges = &Derivation{Name: "profile metadata", build: func(o *org, spec Spec) VTable {
	return &loginIPRangeTable{org: o, spec: spec}
}}

type loginIPRangeTable struct {
	org  *org
	spec Spec
}

func (t *loginIPRangeTable) Schema() string { return t.spec.derivedSchema() }

// BestIndex: nothing narrows the reads; SQLite filters every column.
func (t *loginIPRangeTable) BestIndex(info *IndexInfo) error {
	info.Usage = make([]ConstraintUsage, len(info.Constraints))
	info.Cost, info.Rows, info.IdxStr = 1e5, 100, derivedIdx(t.spec.Table, "all")
	return nil
}

func (t *loginIPRangeTable) Open() (Cursor, error) {
	return newRowsCursor(t.org.engine, func(ctx context.Context, _ string, _ []Value) ([][]Value, error) { return t.rows(ctx) }), nil
}

var profileFields = []field{{path: []string{"Id"}, cat: catID}, {path: []string{"Name"}}}

// rows is one row per profile and range; a profile without ranges is one
// row with NULL addresses.
func (t *loginIPRangeTable) rows(ctx context.Context) ([][]Value, error) {
	profiles, err := t.org.fullScan(ctx, scanQuery("Profile", profileFields, nil))
	if err != nil {
		return nil, err
	}
	c := t.org.client
	var out [][]Value
	for start := 0; start < len(profiles.rows); start += salesforce.MaxQuerySubrequests {
		chunk := profiles.rows[start:min(start+salesforce.MaxQuerySubrequests, len(profiles.rows))]
		var subs []salesforce.Subrequest
		for _, p := range chunk {
			q := soql.Query{Items: []soql.SelectItem{{Path: soql.Field("Id")}, {Path: soql.Field("Metadata")}}, From: "Profile", Limit: -1, Offset: -1,
				Where: soql.Compare{Path: soql.Field("Id"), Op: "=", Value: soql.Value{Kind: soql.KindString, Str: p[0].S}}}
			subs = append(subs, salesforce.Subrequest{Path: c.QueryPath(q.String(), salesforce.QueryOptions{Tooling: true}), Query: true})
		}
		answers, err := c.Composite(ctx, subs)
		if err != nil {
			return nil, err
		}
		for i, a := range answers {
			rows, err := rangeRows(chunk[i], a)
			if err != nil {
				return nil, err
			}
			out = append(out, rows...)
		}
	}
	return out, nil
}

func rangeRows(profile []Value, a salesforce.SubResponse) ([][]Value, error) {
	if err := a.Err(); err != nil {
		return nil, fmt.Errorf("profile %s metadata: %w", profile[1].S, err)
	}
	var page struct {
		Records []struct {
			Metadata struct {
				LoginIPRanges []struct {
					StartAddress string `json:"startAddress"`
					EndAddress   string `json:"endAddress"`
					Description  string `json:"description"`
				} `json:"loginIpRanges"`
			} `json:"Metadata"`
		} `json:"records"`
	}
	if err := json.Unmarshal(a.Body, &page); err != nil {
		return nil, err
	}
	if len(page.Records) == 0 || len(page.Records[0].Metadata.LoginIPRanges) == 0 {
		return [][]Value{{profile[0], profile[1], {}, {}, {}}}, nil
	}
	var out [][]Value
	for _, r := range page.Records[0].Metadata.LoginIPRanges {
		desc := Value{}
		if r.Description != "" {
			desc = TextValue(r.Description)
		}
		out = append(out, []Value{profile[0], profile[1], TextValue(r.StartAddress), TextValue(r.EndAddress), desc})
	}
	return out, nil
}

// sources are the scans .explain shows (the per-profile queries follow).
func (t *loginIPRangeTable) sources(context.Context) ([]string, error) {
	return []string{scanQuery("Profile", profileFields, nil).soql, "Tooling: SELECT Id, Metadata FROM Profile WHERE Id = '…' (one per profile)"}, nil
}
