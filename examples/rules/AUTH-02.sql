-- id: AUTH-02
-- title: Waive Multi-Factor Authentication for Exempt Users granted
-- severity: high
-- rationale: An explicit MFA bypass; on a privileged user it turns one phished password into an org compromise.
-- remediation: Remove the permission, or limit it to integration users that cannot use MFA; mute the documented
--   ones.
-- references: sfdx-hardis mfa diagnostics; https://help.salesforce.com/s/articleView?id=sf.mfa_exclude_users.htm
-- tables: salesforce_user_permission, salesforce_user
-- requires: salesforce_permission_set.permissions_bypass_mfa_for_ui_logins
select p.user_id as resource_id, p.username as resource_name,
  'MFA is waived through ' || group_concat(distinct p.source_type || ' ' || coalesce(p.source_name, p.source_id)) ||
  case when p.user_id in (select user_id from salesforce_user_permission where permission in ('ModifyAllData', 'ViewAllData', 'ManageUsers', 'CustomizeApplication', 'AuthorApex', 'ModifyMetadata', 'ManageProfilesPermissionsets', 'AssignPermissionSets', 'ResetPasswords', 'ManageInternalUsers')) then ' (a privileged user: critical)' else '' end as reason
from salesforce_user_permission p
join salesforce_user u on u.id = p.user_id
where p.permission = 'BypassMFAForUiLogins' and u.is_active = 1
group by p.user_id, p.username
order by p.username;
