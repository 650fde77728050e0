-- Privileged users: active users holding a system permission that lets them
-- change data, users or code, and where each grant comes from.
-- Run: sfsql --demo examples/reports/privileged_users.sql
select p.username,
       p.permission,
       p.source_type,
       p.source_name
from salesforce_user_permission p
join salesforce_user u on u.id = p.user_id
where u.is_active = 1
  and p.permission in ('ModifyAllData', 'ViewAllData', 'ManageUsers', 'AuthorApex',
                       'CustomizeApplication', 'ManageProfilesPermissionsets', 'AssignPermissionSets')
order by p.permission, p.username, p.source_type;
