// Package tables is the security catalogue: one small declarative spec per
// Salesforce object. The engine in vtab interprets them all.
package tables

import "github.com/sfsql/sfsql/vtab"

// All lists every spec of the catalogue.
var All = []vtab.Spec{
	User,
	Profile,
	PermissionSet,
	PermissionSetAssignment,
	PermissionSetGroup,
	PermissionSetGroupComponent,
	MutingPermissionSet,
	PermissionSetLicense,
	Group,
	GroupMember,
	UserRole,
	UserLogin,
	LoginHistory,
	SetupAuditTrail,
	ConnectedApplication,
	OauthToken,
	AuthSession,
	ObjectPermissions,
	FieldPermissions,
	SetupEntityAccess,
	Organization,
	UserLicense,
	TwoFactorInfo,
	SecurityHealthCheck,
	SecurityHealthCheckRisks,
	SecuritySettings,
	TwoFactorMethodsInfo,
	UserPermission,
	UserObjectAccess,
	UserFieldAccess,
	ProfileLoginIPRanges,
	Tables,
	SOQL,
}
