-- id: PRIV-06
-- title: Approve Uninstalled Connected Apps granted to non-admins
-- severity: critical
-- rationale: The holder can self-authorise connected apps that were never installed: the path of the 2025 vishing
--   and fake Data Loader attacks.
-- remediation: Remove Approve Uninstalled Connected Apps from everyone but the administrators who install apps.
-- references: Security Benchmark for Salesforce SBS-ACS-003 (Critical); https://help.salesforce.com/s/articleView?id=005132365
-- tables: salesforce_user_permission, salesforce_user
-- requires: salesforce_permission_set.permissions_can_approve_uninstalled_apps
select p.user_id as resource_id, p.username as resource_name,
  'holds ' || group_concat(distinct p.permission) || ' through ' || group_concat(distinct p.source_type || ' ' || coalesce(p.source_name, p.source_id)) as reason
from salesforce_user_permission p
join salesforce_user u on u.id = p.user_id
where p.permission in ('CanApproveUninstalledApps') and u.is_active = 1
  and coalesce(u.profile_name, '') <> 'System Administrator'
group by p.user_id, p.username
order by p.username;
