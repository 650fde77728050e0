-- id: CFG-06
-- title: Administrators logged in as other users
-- severity: medium
-- rationale: Login-As impersonates a user without their consent; each use should be known and justified.
-- remediation: Review each Login-As; turn off Administrators Can Log in as Any User unless support needs it.
-- references: Netskope SSPM; Health Check; SetupAuditTrail actions suOrgAdminLogin and suNetworkAdminLogin
-- tables: salesforce_setup_audit_trail
select a.id as resource_id, coalesce(a.created_by_username, a.created_by_id) as resource_name,
  'logged in as another user on ' || substr(a.created_date, 1, 10) || ': ' || a.display as reason
from salesforce_setup_audit_trail a
where a.action in ('suOrgAdminLogin', 'suNetworkAdminLogin') and a.created_date >= date('now', '-90 days')
order by a.created_date;
