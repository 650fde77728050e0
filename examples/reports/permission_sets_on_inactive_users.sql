-- Permission sets and groups still assigned to inactive users: clean-up
-- candidates, and grants that come back if the user is reactivated.
select u.username,
       u.last_login_date,
       ps.label as permission_set,
       psg.master_label as permission_set_group
from salesforce_permission_set_assignment a
join salesforce_user u on u.id = a.assignee_id
join salesforce_permission_set ps on ps.id = a.permission_set_id
left join salesforce_permission_set_group psg on psg.id = a.permission_set_group_id
where u.is_active = 0
  and ps.is_owned_by_profile = 0
order by u.username, permission_set;
