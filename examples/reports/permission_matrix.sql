-- Permission matrix by user: one row per active user, one column per
-- sensitive permission, 1 where the user holds it from any source.
select u.username,
       u.profile_name,
       max(p.permission = 'ModifyAllData') as modify_all_data,
       max(p.permission = 'ViewAllData') as view_all_data,
       max(p.permission = 'ManageUsers') as manage_users,
       max(p.permission = 'AuthorApex') as author_apex,
       max(p.permission = 'ApiEnabled') as api_enabled,
       max(p.permission = 'ExportReport') as export_reports,
       max(p.permission = 'PasswordNeverExpires') as password_never_expires
from salesforce_user u
join salesforce_user_permission p on p.user_id = u.id
where u.is_active = 1
group by u.id
having modify_all_data or view_all_data or manage_users or author_apex
order by modify_all_data desc, view_all_data desc, u.username;
