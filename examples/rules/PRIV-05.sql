-- id: PRIV-05
-- title: Identity-takeover permissions outside the allow-list
-- severity: high
-- rationale: These permissions let the holder take over accounts or weaken authentication: reset passwords,
--   assign permission sets, change IP ranges, MFA and identity providers.
-- remediation: Grant them to the identity team only, through a permission set group that can be reviewed; mute the
--   allowed holders.
-- references: sfdx-hardis permission tier 1; Security Benchmark for Salesforce SBS-ACS-004
-- tables: salesforce_user_permission, salesforce_user
select p.user_id as resource_id, p.username as resource_name,
  'holds ' || group_concat(distinct p.permission) || ' through ' || group_concat(distinct p.source_type || ' ' || coalesce(p.source_name, p.source_id)) as reason
from salesforce_user_permission p
join salesforce_user u on u.id = p.user_id
where p.permission in ('ManageUsers', 'ManageInternalUsers', 'AssignPermissionSets', 'ResetPasswords', 'ManagePasswordPolicies', 'ManageLoginAccessPolicies', 'ManageIpAddresses', 'ManageTwoFactor', 'ManageAuthProviders', 'ManageCertificates', 'PasswordNeverExpires') and u.is_active = 1
group by p.user_id, p.username
order by p.username;
