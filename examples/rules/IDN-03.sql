-- id: IDN-03
-- title: Frozen users still holding privileged access after 30 days
-- severity: low
-- rationale: Freezing is a temporary block; a long-frozen account should be deactivated and its privileges
--   removed.
-- remediation: Deactivate users frozen for more than 30 days, or remove their privileged permission sets.
-- references: https://help.salesforce.com/s/articleView?id=sf.users_freeze.htm
-- tables: salesforce_user_login, salesforce_user, salesforce_user_permission
select u.id as resource_id, u.username as resource_name,
  'frozen since ' || substr(l.last_modified_date, 1, 10) || ' and still holds ' || group_concat(distinct p.permission) as reason
from salesforce_user_login l
join salesforce_user u on u.id = l.user_id
join salesforce_user_permission p on p.user_id = u.id
where l.is_frozen = 1 and u.is_active = 1 and julianday('now') - julianday(l.last_modified_date) > 30
  and p.permission in ('ModifyAllData', 'ViewAllData', 'ManageUsers', 'CustomizeApplication', 'AuthorApex', 'ModifyMetadata', 'ManageProfilesPermissionsets', 'AssignPermissionSets', 'ResetPasswords', 'ManageInternalUsers')
group by u.id, u.username
order by u.username;
