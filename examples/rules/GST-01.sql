-- id: GST-01
-- title: Guest profiles with Edit, Delete, View All or Modify All on an object
-- severity: critical
-- rationale: Guest users are anyone on the internet: write or view-all access on an object is a public data leak,
--   exploited in 2026 with a modified Aura Inspector.
-- remediation: Remove Create/Edit/Delete and View All/Modify All from guest profiles and from permission sets
--   assigned to guest users.
-- references: Security Benchmark for Salesforce SBS-CPORTAL-002 (Critical); https://help.salesforce.com/s/articleView?id=xcloud.shr_guest_user_access.htm
-- tables: salesforce_object_permissions, salesforce_permission_set, salesforce_profile
select o.id as resource_id, p.name || ' · ' || o.sobject_type as resource_name,
  'the guest profile ' || p.name || ' can ' ||
  trim(case when o.permissions_edit = 1 then 'edit ' else '' end || case when o.permissions_delete = 1 then 'delete ' else '' end ||
       case when o.permissions_view_all_records = 1 then 'view-all ' else '' end || case when o.permissions_modify_all_records = 1 then 'modify-all' else '' end) ||
  ' ' || o.sobject_type as reason
from salesforce_object_permissions o
join salesforce_permission_set ps on ps.id = o.parent_id and ps.is_owned_by_profile = 1
join salesforce_profile p on p.id = ps.profile_id
where p.user_type = 'Guest'
  and (o.permissions_edit = 1 or o.permissions_delete = 1 or o.permissions_view_all_records = 1 or o.permissions_modify_all_records = 1)
order by resource_name;
