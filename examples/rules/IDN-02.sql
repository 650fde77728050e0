-- id: IDN-02
-- title: Permission sets or groups still assigned to inactive users
-- severity: low
-- rationale: Grants left on deactivated users come back silently when the user is reactivated, and clutter access
--   reviews.
-- remediation: Remove the permission set assignments of deactivated users.
-- references: Security Benchmark for Salesforce SBS-ACS-010
-- tables: salesforce_permission_set_assignment, salesforce_user, salesforce_permission_set
select a.id as resource_id, u.username || ' · ' || coalesce(ps.name, a.permission_set_id) as resource_name,
  'inactive user ' || u.username || ' still holds ' || case when a.permission_set_group_id is not null then 'permission set group ' else 'permission set ' end || coalesce(ps.label, ps.name) as reason
from salesforce_permission_set_assignment a
join salesforce_user u on u.id = a.assignee_id
join salesforce_permission_set ps on ps.id = a.permission_set_id
where u.is_active = 0 and ps.is_owned_by_profile = 0
order by resource_name;
