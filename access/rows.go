package access

import "encoding/json"

// Row is the access as the table's columns: user_id, username,
// is_active, is_frozen, sobject_type, can_read … can_modify_all, sources.
func (a ObjectAccess) Row() []any {
	row := []any{a.User.ID, a.User.Username, bit(a.User.Active), bit(a.User.Frozen), a.Object}
	for i := range RightNames {
		row = append(row, bit(a.Rights.Has(1<<i)))
	}
	return append(row, sourcesJSON(a.Sources))
}

// Row is the access as the table's columns: user_id, username,
// is_active, is_frozen, sobject_type, field, can_read, can_edit, sources.
func (a FieldAccess) Row() []any {
	return []any{a.User.ID, a.User.Username, bit(a.User.Active), bit(a.User.Frozen), a.Object, a.Field, bit(a.Read), bit(a.Edit), sourcesJSON(a.Sources)}
}

func bit(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func sourcesJSON(s []Source) string {
	if s == nil {
		s = []Source{}
	}
	data, _ := json.Marshal(s)
	return string(data)
}
