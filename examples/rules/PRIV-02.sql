-- id: PRIV-02
-- title: View All Data held outside the allow-list
-- severity: high
-- rationale: View All Data reads every record regardless of sharing: the shortest path to a bulk export of the
--   org.
-- remediation: Grant View All Data only to named administrators and integrations that need it; mute those holders.
-- references: Security Benchmark for Salesforce SBS-ACS-004; sfdx-hardis permission tier 2
-- tables: salesforce_user_permission, salesforce_user
-- requires: salesforce_permission_set.permissions_view_all_data
select p.user_id as resource_id, p.username as resource_name,
  'holds ' || group_concat(distinct p.permission) || ' through ' || group_concat(distinct p.source_type || ' ' || coalesce(p.source_name, p.source_id)) as reason
from salesforce_user_permission p
join salesforce_user u on u.id = p.user_id
where p.permission in ('ViewAllData') and u.is_active = 1
group by p.user_id, p.username
order by p.username;
