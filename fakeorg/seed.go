package fakeorg

import (
	"cmp"
	"math/rand/v2"
	"time"
)

// SeedOptions size the demo org.
type SeedOptions struct {
	Users        int       // user count (default 2500)
	LoginsPerDay int       // average login history rows per active user per week (default 3)
	Now          time.Time // the org's "now"; zero means a fixed reference date
	Seed         uint64    // random seed (default 1)
	OrgNumber    int       // the org's Id is 00D…N (default 1): fake orgs that must differ
	OrgName      string    // the Organization's Name (default "Acme Corp (demo)")
	Sandbox      bool      // the Organization is a sandbox
}

// ReferenceNow is the fixed "now" of a seeded org when none is given, so
// tests see the same data every run.
var ReferenceNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// seeder carries what the seed steps share.
type seeder struct {
	org      *Org
	s        *Store
	rnd      *rand.Rand
	now      time.Time
	opts     SeedOptions
	admin    string
	licenses map[string]string // license name → Id
	profiles map[string]string // profile name → Id
	profPS   map[string]string // profile name → owned permission set Id
	permsets map[string]string // permission set name → Id
	groupPS  map[string]string // permission set group name → its aggregate permission set
	psg      map[string]string // permission set group name → Id
	roles    []string
	users    []seedUser
	// granted are the assignments beyond the profiles', for the audit
	// trail.
	granted []seedGrant
}

type seedUser struct {
	id, profile string
	active      bool
	username    string
	created     time.Time
	left        time.Time // deactivated; zero while active
}

// until is the end of a user's time in the org: now, or when they left.
func (u seedUser) until(now time.Time) time.Time {
	if u.left.IsZero() {
		return now
	}
	return u.left
}

// seedGrant is a permission set (or group) assigned to a user at a time.
type seedGrant struct {
	user  seedUser
	label string
	group bool
	at    time.Time
}

// Seed fills an org with a realistic company: licences, profiles,
// permission sets and groups, roles, a few thousand users and their
// activity, with security findings planted on purpose.
func Seed(o *Org, opts SeedOptions) {
	if opts.Users == 0 {
		opts.Users = 2500
	}
	if opts.LoginsPerDay == 0 {
		opts.LoginsPerDay = 3
	}
	if opts.Now.IsZero() {
		opts.Now = ReferenceNow
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	sd := &seeder{
		org: o, s: o.Store, rnd: rand.New(rand.NewPCG(opts.Seed, 7)), now: opts.Now.UTC().Truncate(time.Second), opts: opts,
		licenses: map[string]string{}, profiles: map[string]string{}, profPS: map[string]string{},
		permsets: map[string]string{}, groupPS: map[string]string{}, psg: map[string]string{},
	}
	o.orgNumber = opts.OrgNumber
	sd.admin = o.AdminID()
	sd.organization()
	sd.licensesAndProfiles()
	sd.permissionSets()
	sd.rolesAndGroups()
	sd.usersAndAssignments()
	sd.securityObjects()
	sd.activity()
	sd.healthCheck()
	sd.securitySettings()
	sd.accounts()
}

// ago returns a time d days before now, at a random time of day; never
// after now (a record is not stamped in the future).
func (sd *seeder) ago(days int) time.Time {
	t := sd.now.AddDate(0, 0, -days).Truncate(24 * time.Hour)
	t = t.Add(time.Duration(sd.rnd.IntN(86400)) * time.Second)
	if t.After(sd.now) {
		t = sd.now.Add(-t.Sub(sd.now))
	}
	return t
}

// between is a random second in [from, to); from when they are not in
// order.
func (sd *seeder) between(from, to time.Time) time.Time {
	span := int64(to.Sub(from) / time.Second)
	if span <= 0 {
		return from
	}
	return from.Add(time.Duration(sd.rnd.Int64N(span)) * time.Second)
}

func (sd *seeder) pick(list []string) string { return list[sd.rnd.IntN(len(list))] }

// insert adds a record with the audit fields its object has filled in.
func (sd *seeder) insert(object string, r Record) string {
	created := sd.ago(400 + sd.rnd.IntN(900))
	modified := created.AddDate(0, 0, sd.rnd.IntN(300))
	audit := Record{"CreatedDate": created, "CreatedById": sd.admin, "LastModifiedDate": modified,
		"LastModifiedById": sd.admin, "SystemModstamp": modified}
	o := sd.s.Schema.Object(object)
	for k, v := range audit {
		if _, set := r[k]; !set && o.Field(k) != nil {
			r[k] = v
		}
	}
	return sd.s.Insert(object, r)
}

func instanceName(sandbox bool) string {
	if sandbox {
		return "CS42"
	}
	return "NA139"
}

func (sd *seeder) organization() {
	sd.insert("Organization", Record{
		"Id": sd.org.OrgID(), "Name": cmp.Or(sd.opts.OrgName, "Acme Corp (demo)"), "OrganizationType": "Enterprise Edition",
		"InstanceName": instanceName(sd.opts.Sandbox), "IsSandbox": sd.opts.Sandbox, "IsReadOnly": false, "Country": "US",
		"DefaultLocaleSidKey": "en_US", "TimeZoneSidKey": "America/Los_Angeles", "LanguageLocaleKey": "en_US",
		"DefaultAccountAccess": "Edit", "DefaultContactAccess": "ControlledByParent",
		"DefaultOpportunityAccess": "None", "DefaultLeadAccess": "ReadEditTransfer", "DefaultCaseAccess": "Edit",
		"FiscalYearStartMonth": float64(1), "PrimaryContact": "Ada Admin", "Phone": "+1 415 555 0100",
	})
}

// merge copies more into r.
func merge(r, more Record) Record {
	for k, v := range more {
		r[k] = v
	}
	return r
}
