-- id: PRIV-07
-- title: Use Any API Client granted (bypasses API Access Control)
-- severity: critical
-- rationale: With API Access Control on, Use Any API Client lets the holder connect from any client: it defeats
--   the connected-app allow-list.
-- remediation: Remove the permission; allow the clients users need through API Access Control instead.
-- references: Security Benchmark for Salesforce SBS-ACS-006 (Critical); https://help.salesforce.com/s/articleView?id=sf.security_api_access_control_about.htm
-- tables: salesforce_user_permission, salesforce_user
-- requires: salesforce_permission_set.permissions_use_any_api_client
select p.user_id as resource_id, p.username as resource_name,
  'holds ' || group_concat(distinct p.permission) || ' through ' || group_concat(distinct p.source_type || ' ' || coalesce(p.source_name, p.source_id)) as reason
from salesforce_user_permission p
join salesforce_user u on u.id = p.user_id
where p.permission in ('UseAnyApiClient') and u.is_active = 1
group by p.user_id, p.username
order by p.username;
