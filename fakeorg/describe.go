package fakeorg

import (
	"net/http"
	"strings"
)

func (o *Org) objectFor(name string, tooling bool) *Object {
	api := "rest"
	if tooling {
		api = "tooling"
	}
	obj := o.Store.Schema.ObjectIn(name, api)
	if obj == nil || obj.API != api {
		return nil
	}
	return obj
}

func (o *Org) serveDescribeGlobal(w http.ResponseWriter, r *http.Request, version, usage string, tooling bool) error {
	o.Counters.DescribeGlobs.Add(1)
	var list []map[string]any
	for _, obj := range o.Store.Schema.Objects() {
		if o.objectFor(obj.Name, tooling) == nil {
			continue
		}
		base := "/services/data/v" + version + "/sobjects/" + obj.Name
		list = append(list, map[string]any{
			"name": obj.Name, "label": obj.Name, "keyPrefix": obj.KeyPrefix,
			"custom": strings.HasSuffix(obj.Name, "__c"), "queryable": true, "retrieveable": true,
			"replicateable": obj.Replicateable(), "urls": map[string]string{"sobject": base, "describe": base + "/describe", "rowTemplate": base + "/{ID}"},
		})
	}
	writeJSON(w, r, 200, map[string]any{"encoding": "UTF-8", "maxBatchSize": 200, "sobjects": list}, usage)
	return nil
}

func (o *Org) serveDescribe(w http.ResponseWriter, r *http.Request, version, usage string, tooling bool, name string) error {
	obj := o.objectFor(name, tooling)
	if obj == nil {
		return errNotFound
	}
	o.Counters.Describes.Add(1)
	base := "/services/data/v" + version + "/sobjects/" + obj.Name
	writeJSON(w, r, 200, map[string]any{
		"name": obj.Name, "label": obj.Name, "keyPrefix": obj.KeyPrefix, "queryable": true,
		"retrieveable": true, "custom": strings.HasSuffix(obj.Name, "__c"), "replicateable": obj.Replicateable(),
		"fields": obj.Fields, "childRelationships": []any{}, "recordTypeInfos": []any{},
		"urls": map[string]string{"sobject": base, "describe": base + "/describe"},
	}, usage)
	return nil
}

func (o *Org) serveLimits(w http.ResponseWriter, r *http.Request, usage string) error {
	o.mu.Lock()
	used, maxAPI := o.apiUsed, o.faults.DailyAPIMax
	o.mu.Unlock()
	if maxAPI == 0 {
		maxAPI = 100000
	}
	writeJSON(w, r, 200, map[string]any{
		"DailyApiRequests":                  map[string]int{"Max": maxAPI, "Remaining": maxAPI - used},
		"DailyBulkV2QueryJobs":              map[string]int{"Max": 10000, "Remaining": 10000},
		"DataStorageMB":                     map[string]int{"Max": 5, "Remaining": 5},
		"FileStorageMB":                     map[string]int{"Max": 20, "Remaining": 20},
		"ConcurrentAsyncGetReportInstances": map[string]int{"Max": 200, "Remaining": 200},
	}, usage)
	return nil
}
