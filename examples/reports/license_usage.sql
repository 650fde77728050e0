-- Licence usage: user licences and permission set licences, used against
-- bought, fullest first.
select 'user licence' as kind,
       name,
       used_licenses as used,
       total_licenses as total,
       round(100.0 * used_licenses / nullif(total_licenses, 0), 1) as percent_used
from salesforce_user_license
union all
select 'permission set licence',
       ps.master_label,
       (select count(*) from salesforce_permission_set_license_assign a where a.permission_set_license_id = ps.id),
       ps.total_licenses,
       round(100.0 * (select count(*) from salesforce_permission_set_license_assign a where a.permission_set_license_id = ps.id)
             / nullif(ps.total_licenses, 0), 1)
from salesforce_permission_set_license ps
order by percent_used desc;
