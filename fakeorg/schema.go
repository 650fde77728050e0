package fakeorg

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

//go:embed objects/*.json
var objectFiles embed.FS

// Field is one field of an object as describe reports it.
type Field struct {
	Name              string   `json:"name"`
	Type              string   `json:"type"`
	Nillable          bool     `json:"nillable"`
	ReferenceTo       []string `json:"referenceTo"`
	RelationshipName  *string  `json:"relationshipName"`
	Label             string   `json:"label"`
	Filterable        bool     `json:"filterable"`
	Sortable          bool     `json:"sortable"`
	Groupable         bool     `json:"groupable"`
	Length            int      `json:"length,omitempty"`
	CompoundFieldName *string  `json:"compoundFieldName,omitempty"`
}

// Object is an sObject: its describe and where it is served (rest or tooling).
type Object struct {
	Name      string  `json:"name"`
	API       string  `json:"api"`
	Fields    []Field `json:"fields"`
	KeyPrefix string  `json:"-"`

	byName map[string]*Field // lower-case name → field
	byRel  map[string]*Field // lower-case relationship name → reference field
}

// Field returns the field with the given name, case-insensitively.
func (o *Object) Field(name string) *Field { return o.byName[strings.ToLower(name)] }

// Relationship returns the reference field behind a relationship name.
func (o *Object) Relationship(name string) *Field { return o.byRel[strings.ToLower(name)] }

func (o *Object) index() {
	o.byName = map[string]*Field{}
	o.byRel = map[string]*Field{}
	for i := range o.Fields {
		f := &o.Fields[i]
		o.byName[strings.ToLower(f.Name)] = f
		if f.RelationshipName != nil && *f.RelationshipName != "" {
			o.byRel[strings.ToLower(*f.RelationshipName)] = f
		}
	}
}

// Schema is the set of objects an org knows.
type Schema struct {
	objects  map[string]*Object // lower-case name → object
	byPrefix map[string]*Object
	tooling  map[string]*Object // Tooling API twins of REST objects (Profile with its Metadata)
}

// ObjectIn returns the object an API serves under a name: the Tooling
// twin of a REST object where there is one.
func (s *Schema) ObjectIn(name, api string) *Object {
	if t, ok := s.tooling[strings.ToLower(name)]; ok && api == "tooling" {
		return t
	}
	return s.Object(name)
}

// addToolingProfile gives the Tooling API its Profile: the same records
// (the same table), with the Metadata field that holds loginIpRanges.
func (s *Schema) addToolingProfile() {
	rest := s.Object("Profile")
	if rest == nil {
		return
	}
	t := &Object{Name: "Profile", API: "tooling", KeyPrefix: rest.KeyPrefix}
	for _, f := range rest.Fields {
		if f.Name == "Id" || f.Name == "Name" || f.Name == "UserLicenseId" || f.Name == "UserType" {
			t.Fields = append(t.Fields, f)
		}
	}
	t.Fields = append(t.Fields, Field{Name: "Metadata", Type: "complexvalue", Label: "Metadata"})
	t.index()
	s.tooling = map[string]*Object{"profile": t}
}

// Object returns the named object, case-insensitively, or nil.
func (s *Schema) Object(name string) *Object { return s.objects[strings.ToLower(name)] }

// Objects lists the objects sorted by name.
func (s *Schema) Objects() []*Object {
	var out []*Object
	for _, o := range s.objects {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ByPrefix returns the object whose Ids start with prefix, or nil.
func (s *Schema) ByPrefix(prefix string) *Object {
	return s.byPrefix[prefix]
}

// Add registers an object (used by tests to add custom objects).
func (s *Schema) Add(o *Object) {
	o.index()
	if o.KeyPrefix == "" {
		o.KeyPrefix = keyPrefix(o.Name)
	}
	s.objects[strings.ToLower(o.Name)] = o
	s.byPrefix[o.KeyPrefix] = o
}

// LoadSchema reads the describe field lists captured from live orgs.
func LoadSchema() (*Schema, error) {
	entries, err := objectFiles.ReadDir("objects")
	if err != nil {
		return nil, err
	}
	s := &Schema{objects: map[string]*Object{}, byPrefix: map[string]*Object{}}
	for _, e := range entries {
		data, err := objectFiles.ReadFile("objects/" + e.Name())
		if err != nil {
			return nil, err
		}
		var o Object
		if err := json.Unmarshal(data, &o); err != nil {
			return nil, fmt.Errorf("object file %s: %w", e.Name(), err)
		}
		systemFieldsFilter(&o, data)
		s.Add(&o)
	}
	s.addToolingProfile()
	s.addMutingPermissionSet()
	return s, nil
}

// keyPrefixes are the real three-character Id prefixes of the objects.
var keyPrefixes = map[string]string{
	"Account": "001", "User": "005", "Profile": "00e", "UserRole": "00E", "Group": "00G",
	"GroupMember": "011", "Organization": "00D", "PermissionSet": "0PS",
	"PermissionSetAssignment": "0Pa", "PermissionSetGroup": "0PG",
	"PermissionSetGroupComponent": "0PH", "PermissionSetLicense": "0PL",
	"PermissionSetLicenseAssign": "2LA", "UserLicense": "100", "UserLogin": "060",
	"LoginHistory": "0Ya", "SetupAuditTrail": "0Ym", "ConnectedApplication": "0H4",
	"OauthToken": "0CQ", "AuthSession": "0Ak", "ObjectPermissions": "110",
	"FieldPermissions": "01k", "SetupEntityAccess": "0J0", "TwoFactorInfo": "0Cv",
	"SecurityHealthCheck": "0Dz", "SecurityHealthCheckRisks": "0Dy", "LoginIp": "0Ys",
	"LoginGeo": "04F", "VerificationHistory": "0bN", "NamedCredential": "0XA",
	"Network": "0DB", "Site": "0DM", "Domain": "0I4", "CspTrustedSite": "08y",
	"AppMenuItem": "0DS", "PackageLicense": "050", "UserPackageLicense": "051",
	"TwoFactorMethodsInfo": "0n8", "SecurityHealthCheckResult": "0Dx", "SecuritySettings": "0Ss",
}

func keyPrefix(object string) string {
	if p, ok := keyPrefixes[object]; ok {
		return p
	}
	return "a0" + string(rune('A'+len(object)%26))
}

// AddField gives the object another field (a custom field of one org).
func (o *Object) AddField(f Field) {
	o.Fields = append(o.Fields, f)
	o.index()
}

// RemoveField takes a field away (an org of an edition without it).
func (o *Object) RemoveField(name string) {
	for i := range o.Fields {
		if strings.EqualFold(o.Fields[i].Name, name) {
			o.Fields = append(o.Fields[:i], o.Fields[i+1:]...)
			break
		}
	}
	o.index()
}

// unknown is a flag the capture left out or null.
func unknown(v json.RawMessage) bool { return len(v) == 0 || string(v) == "null" }

// systemFields are filterable and sortable on every object (the field
// reference lists them so); some captures, taken from the docs rather than
// a live describe, leave the flags null for them.
var systemFields = map[string]bool{"Id": true, "IsDeleted": true, "CreatedById": true, "CreatedDate": true,
	"LastModifiedById": true, "LastModifiedDate": true, "SystemModstamp": true}

func systemFieldsFilter(o *Object, data []byte) {
	var raw struct {
		Fields []map[string]json.RawMessage `json:"fields"`
	}
	if json.Unmarshal(data, &raw) != nil {
		return
	}
	for i, f := range raw.Fields {
		if unknown(f["filterable"]) && i < len(o.Fields) && systemFields[o.Fields[i].Name] {
			o.Fields[i].Filterable = true
			if unknown(f["sortable"]) {
				o.Fields[i].Sortable = true
			}
		}
	}
}
