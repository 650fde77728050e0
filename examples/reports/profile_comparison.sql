-- Profiles side by side: licence, active users, and the sensitive system
-- permissions each grants.
select p.name,
       p.license_name,
       (select count(*) from salesforce_user u where u.profile_id = p.id and u.is_active = 1) as active_users,
       p.permissions_modify_all_data as modify_all_data,
       p.permissions_view_all_data as view_all_data,
       p.permissions_manage_users as manage_users,
       p.permissions_author_apex as author_apex,
       p.permissions_customize_application as customize_application,
       p.permissions_api_enabled as api_enabled,
       p.permissions_password_never_expires as password_never_expires
from salesforce_profile p
order by modify_all_data desc, view_all_data desc, active_users desc;
