package fakeorg

import (
	"fmt"
	"time"
)

// goneKey marks a deleted record of an object without IsDeleted: it stays
// in its table (open cursors index rows by position) but no query sees it.
const goneKey = "\x00gone"

// deletion is one entry of an object's deletion log, which the replication
// resource sobjects/X/deleted reads.
type deletion struct {
	id string
	at time.Time
}

// Insert adds a record as a user would: CreatedDate, LastModifiedDate and
// SystemModstamp are the org's now, the creator the admin, unless given.
func (o *Org) Insert(object string, r Record) string {
	obj := o.Store.Schema.Object(object)
	now := o.now().UTC().Truncate(time.Second)
	for k, v := range map[string]any{"CreatedDate": now, "LastModifiedDate": now, "SystemModstamp": now,
		"CreatedById": o.AdminID(), "LastModifiedById": o.AdminID()} {
		if _, set := r[k]; !set && obj.Field(k) != nil {
			r[k] = v
		}
	}
	return o.Store.Insert(object, r)
}

// Update changes fields as a user would: LastModifiedDate and
// SystemModstamp move to the org's now, the modifier is the admin unless
// LastModifiedById is given.
func (o *Org) Update(id string, fields Record) error {
	obj := o.Store.objectForID(id)
	if obj == nil {
		return fmt.Errorf("fakeorg: no object for Id %s", id)
	}
	now := o.now().UTC().Truncate(time.Second)
	stamped := Record{}
	for k, v := range fields {
		stamped[k] = v
	}
	for k, v := range map[string]any{"LastModifiedDate": now, "SystemModstamp": now, "LastModifiedById": o.AdminID()} {
		if _, set := stamped[k]; !set && obj.Field(k) != nil {
			stamped[k] = v
		}
	}
	return o.Store.Update(id, stamped)
}

// Delete removes a record as a user would: queries stop returning it
// (queryAll still does where the object has IsDeleted), and the deletion
// log records it for the replication resources.
func (o *Org) Delete(id string) error {
	obj := o.Store.objectForID(id)
	if obj == nil {
		return fmt.Errorf("fakeorg: no object for Id %s", id)
	}
	now := o.now().UTC().Truncate(time.Second)
	s := o.Store
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.byID[id]
	if r == nil || r[goneKey] == true {
		return fmt.Errorf("fakeorg: no record %s", id)
	}
	r[goneKey] = true
	if obj.Field("IsDeleted") != nil {
		r["IsDeleted"] = true
	}
	if obj.Field("SystemModstamp") != nil {
		r["SystemModstamp"] = now
	}
	if s.deleted == nil {
		s.deleted = map[string][]deletion{}
	}
	s.deleted[obj.Name] = append(s.deleted[obj.Name], deletion{id, now})
	return nil
}

// PurgeDeletions empties the recycle bin of deletions before t: the
// replication resource no longer reports them, and says so through
// earliestDateAvailable.
func (o *Org) PurgeDeletions(before time.Time) {
	s := o.Store
	s.mu.Lock()
	defer s.mu.Unlock()
	for name, list := range s.deleted {
		var kept []deletion
		for _, d := range list {
			if !d.at.Before(before) {
				kept = append(kept, d)
			}
		}
		s.deleted[name] = kept
	}
	if before.After(s.purged) {
		s.purged = before
	}
}
