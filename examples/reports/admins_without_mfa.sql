-- Active users who can modify all data or manage users but have no
-- multi-factor authentication method registered.
select distinct p.username, p.permission, p.source_name
from salesforce_user_permission p
join salesforce_user u on u.id = p.user_id
where u.is_active = 1
  and p.permission in ('ModifyAllData', 'ManageUsers')
  and not exists (select 1 from salesforce_two_factor_info t where t.user_id = p.user_id)
order by p.username, p.permission;
