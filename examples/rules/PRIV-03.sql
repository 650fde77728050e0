-- id: PRIV-03
-- title: Super-admin equivalents: Modify All Data, View All Data and Manage Users together
-- severity: high
-- rationale: A user holding all three can read and change everything and manage every user: the benchmark asks
--   for each such user to be justified.
-- remediation: Split the three permissions across roles, or document and mute each super-admin.
-- references: Security Benchmark for Salesforce SBS-ACS-004
-- tables: salesforce_user_permission, salesforce_user
select p.user_id as resource_id, p.username as resource_name,
  'holds Modify All Data, View All Data and Manage Users (' || group_concat(distinct p.source_type || ' ' || coalesce(p.source_name, p.source_id)) || ')' as reason
from salesforce_user_permission p
join salesforce_user u on u.id = p.user_id
where p.permission in ('ModifyAllData', 'ViewAllData', 'ManageUsers') and u.is_active = 1
group by p.user_id, p.username
having count(distinct p.permission) = 3
order by p.username;
