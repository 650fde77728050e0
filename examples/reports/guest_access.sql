-- What unauthenticated guest users can do: object permissions of guest
-- profiles that go beyond read.
select ps.parent_profile_name as profile,
       ps.sobject_type as object,
       ps.permissions_read as can_read,
       ps.permissions_create as can_create,
       ps.permissions_edit as can_edit,
       ps.permissions_delete as can_delete
from salesforce_object_permissions ps
join salesforce_profile p on p.name = ps.parent_profile_name
where p.user_type = 'Guest'
  and (ps.permissions_create or ps.permissions_edit or ps.permissions_delete)
order by object;
