package fakeorg

import (
	"net/http"
	"time"
)

// replicable lists the objects whose describe says replicateable: the
// replication resources answer for them. Others get INVALID_TYPE, as
// objects without replication support do.
var replicable = map[string]bool{
	"User": true, "Profile": true, "PermissionSet": true, "PermissionSetAssignment": true,
	"PermissionSetGroup": true, "PermissionSetGroupComponent": true, "Group": true, "GroupMember": true,
	"UserRole": true, "ConnectedApplication": true, "Organization": true, "Account": true,
}

// Replicateable says whether sobjects/X/updated and /deleted serve it.
func (o *Object) Replicateable() bool { return replicable[o.Name] }

// replicationWindow is how far back the replication resources reach.
const replicationWindow = 30 * 24 * time.Hour

// serveReplication answers sobjects/X/updated and sobjects/X/deleted: the
// Ids changed (or deleted) in [start, latestDateCovered), where both ends
// are whole minutes (the resource ignores seconds) and latestDateCovered
// is the end or now, whichever is earlier.
func (o *Org) serveReplication(w http.ResponseWriter, r *http.Request, usage, name string, deleted bool) error {
	obj := o.objectFor(name, false)
	if obj == nil {
		return errNotFound
	}
	if !obj.Replicateable() {
		return &apiError{400, "INVALID_TYPE", "sObject type '" + obj.Name + "' does not support replication"}
	}
	start, err1 := parseReplicationDate(r.URL.Query().Get("start"))
	end, err2 := parseReplicationDate(r.URL.Query().Get("end"))
	if err1 != nil || err2 != nil {
		return &apiError{400, "MALFORMED_QUERY", "start and end must be date-times such as 2026-11-01T00:00:00+00:00"}
	}
	now := o.now().UTC()
	if !end.After(start) {
		return &apiError{400, "INVALID_REPLICATION_DATE", "end date must be after start date"}
	}
	if start.Before(now.Add(-replicationWindow)) {
		return &apiError{400, "INVALID_REPLICATION_DATE", "start date cannot be more than 30 days ago"}
	}
	covered := end
	if now.Before(covered) {
		covered = now.Truncate(time.Minute)
	}
	o.Counters.Replication.Add(1)
	if deleted {
		writeJSON(w, r, 200, o.deletedBetween(obj, start, covered), usage)
		return nil
	}
	writeJSON(w, r, 200, map[string]any{"ids": o.updatedBetween(obj, start, covered), "latestDateCovered": sfTime(covered)}, usage)
	return nil
}

func parseReplicationDate(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05.000-0700", "2006-01-02T15:04:05-0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Truncate(time.Minute), nil
		}
	}
	_, err := time.Parse(time.RFC3339, s)
	return time.Time{}, err
}

func sfTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000-0700") }

func (o *Org) updatedBetween(obj *Object, start, end time.Time) []string {
	stamp := "SystemModstamp"
	if obj.Field(stamp) == nil {
		stamp = "LastModifiedDate"
	}
	ids := []string{}
	for _, rec := range o.Store.Rows(obj.Name) {
		at, ok := rec[stamp].(time.Time)
		if ok && !at.Before(start) && at.Before(end) && rec["IsDeleted"] != true {
			ids = append(ids, rec["Id"].(string))
		}
	}
	return ids
}

func (o *Org) deletedBetween(obj *Object, start, end time.Time) map[string]any {
	s := o.Store
	s.mu.RLock()
	defer s.mu.RUnlock()
	list := []map[string]string{}
	for _, d := range s.deleted[obj.Name] {
		if !d.at.Before(start) && d.at.Before(end) {
			list = append(list, map[string]string{"id": d.id, "deletedDate": sfTime(d.at)})
		}
	}
	earliest := s.purged
	if earliest.IsZero() {
		earliest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return map[string]any{"deletedRecords": list, "earliestDateAvailable": sfTime(earliest), "latestDateCovered": sfTime(end)}
}
