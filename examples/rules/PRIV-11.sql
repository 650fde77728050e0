-- id: PRIV-11
-- title: Object-level View All or Modify All records outside the allow-list
-- severity: medium
-- rationale: View All and Modify All on an object bypass sharing for that object: often overlooked next to the
--   org-wide permissions.
-- remediation: Remove View All / Modify All from permission sets and profiles that do not need to see every record;
--   mute the allowed ones.
-- references: sfdx-hardis permission tier 2
-- tables: salesforce_object_permissions, salesforce_permission_set
select o.id as resource_id, coalesce(ps.profile_name, ps.label, ps.name) || ' · ' || o.sobject_type as resource_name,
  case when o.permissions_modify_all_records = 1 then 'Modify All' else 'View All' end || ' records of ' || o.sobject_type ||
  ' through ' || case when ps.is_owned_by_profile = 1 then 'profile ' || ps.profile_name else 'permission set ' || ps.name end as reason
from salesforce_object_permissions o
join salesforce_permission_set ps on ps.id = o.parent_id
where (o.permissions_view_all_records = 1 or o.permissions_modify_all_records = 1)
  and coalesce(ps.profile_name, '') <> 'System Administrator'
order by resource_name;
