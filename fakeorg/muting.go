package fakeorg

import "strings"

// addMutingPermissionSet derives MutingPermissionSet from PermissionSet:
// the object reference says it has PermissionSet's permission fields, and
// its own DeveloperName, MasterLabel and Language (key prefix 0QM). No
// field list of it was captured from a live org.
func (s *Schema) addMutingPermissionSet() {
	ps := s.Object("PermissionSet")
	if ps == nil {
		return
	}
	m := &Object{Name: "MutingPermissionSet", API: "rest", KeyPrefix: "0QM"}
	str := func(name, label string) Field {
		return Field{Name: name, Type: "string", Label: label, Filterable: true, Sortable: true, Groupable: true, Length: 80}
	}
	m.Fields = append(m.Fields, Field{Name: "Id", Type: "id", Label: "Muting Permission Set ID", Filterable: true, Sortable: true, Groupable: true},
		str("DeveloperName", "Muting Permission Set Name"), str("MasterLabel", "Muting Permission Set Label"), str("Language", "Master Language"),
		Field{Name: "IsDeleted", Type: "boolean", Label: "Deleted", Filterable: true, Groupable: true})
	for _, f := range ps.Fields {
		switch {
		case strings.HasPrefix(f.Name, "Permissions"), f.Name == "CreatedDate", f.Name == "CreatedById", f.Name == "LastModifiedDate",
			f.Name == "LastModifiedById", f.Name == "SystemModstamp":
			m.Fields = append(m.Fields, f)
		}
	}
	s.Add(m)
}
