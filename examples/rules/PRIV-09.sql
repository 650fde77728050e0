-- id: PRIV-09
-- title: API-only users holding sharing-bypass or admin permissions
-- severity: high
-- rationale: Integration identities were the pivot of the 2025 OAuth-token incidents: a stolen integration token
--   with Modify All Data is the whole org.
-- remediation: Give each integration user only the object and field access it needs; remove org-wide permissions.
-- references: Security Benchmark for Salesforce SBS-ACS-007, SBS-ACS-008
-- tables: salesforce_user_permission, salesforce_user
select p.user_id as resource_id, p.username as resource_name,
  'an API-only user holding ' || group_concat(distinct p.permission) as reason
from salesforce_user_permission p
join salesforce_user u on u.id = p.user_id
where p.permission in ('ModifyAllData', 'ViewAllData', 'ManageUsers', 'CustomizeApplication', 'AuthorApex') and u.is_active = 1
  and p.user_id in (select user_id from salesforce_user_permission where permission = 'ApiUserOnly')
group by p.user_id, p.username
order by p.username;
