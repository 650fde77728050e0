-- id: PRIV-01
-- title: Modify All Data held outside the allow-list
-- severity: critical
-- rationale: Modify All Data bypasses sharing and grants write access to every record of every object: whoever
--   holds it owns the org's data.
-- remediation: Remove Modify All Data from every profile and permission set not meant for break-glass
--   administrators; mute the holders who are (sfsql mute PRIV-01 USER --reason ...).
-- references: Security Benchmark for Salesforce SBS-ACS-004; sfdx-hardis permission tier 0; https://help.salesforce.com/s/articleView?id=sf.admin_userperms.htm
-- tables: salesforce_user_permission, salesforce_user
-- requires: salesforce_permission_set.permissions_modify_all_data
select p.user_id as resource_id, p.username as resource_name,
  'holds ' || group_concat(distinct p.permission) || ' through ' || group_concat(distinct p.source_type || ' ' || coalesce(p.source_name, p.source_id)) as reason
from salesforce_user_permission p
join salesforce_user u on u.id = p.user_id
where p.permission in ('ModifyAllData') and u.is_active = 1
group by p.user_id, p.username
order by p.username;
