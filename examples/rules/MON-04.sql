-- id: MON-04
-- title: High-risk setup actions in the last 30 days
-- severity: medium
-- rationale: Permission set assignments, Login-As, MFA resets, password resets, profile changes, unfreezes and
--   new certificates are how privileges move.
-- remediation: Check each action against a change request.
-- references: SetupAuditTrail actions; sfdx-hardis audittrail allow-lists
-- tables: salesforce_setup_audit_trail
select a.id as resource_id, coalesce(a.created_by_username, a.created_by_id) || ' · ' || a.action as resource_name,
  a.action || ' on ' || substr(a.created_date, 1, 10) || ': ' || a.display as reason
from salesforce_setup_audit_trail a
where a.created_date >= date('now', '-30 days')
  and a.action in ('PermSetAssign', 'PermSetGroupAssign', 'suOrgAdminLogin', 'deleteTwoFactorInfo2', 'insertTwoFactorTempCode',
                   'resetpassword', 'changedprofileforuser', 'unfrozeuser', 'insertCertificate', 'PermSetCreate')
order by a.created_date;
