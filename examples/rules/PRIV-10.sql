-- id: PRIV-10
-- title: Bulk-exfiltration permissions outside the allow-list
-- severity: medium
-- rationale: Weekly Data Export, Export Reports, Bulk API Hard Delete, Query All Files, View All Users and View
--   All Fields move or destroy data in bulk.
-- remediation: Keep these to named roles; review the holders and mute the justified ones.
-- references: sfdx-hardis permission tiers 2 and 3
-- tables: salesforce_user_permission, salesforce_user
select p.user_id as resource_id, p.username as resource_name,
  'holds ' || group_concat(distinct p.permission) || ' through ' || group_concat(distinct p.source_type || ' ' || coalesce(p.source_name, p.source_id)) as reason
from salesforce_user_permission p
join salesforce_user u on u.id = p.user_id
where p.permission in ('DataExport', 'ExportReport', 'BulkApiHardDelete', 'QueryAllFiles', 'ViewAllUsers', 'ViewAllFieldsGlobal') and u.is_active = 1
group by p.user_id, p.username
order by p.username;
