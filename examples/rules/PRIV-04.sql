-- id: PRIV-04
-- title: Org-compromise permissions outside the admin allow-list
-- severity: high
-- rationale: Author Apex, Customize Application, Modify Metadata, Manage Flow and Manage Profiles and Permission
--   Sets let the holder change code and configuration, or grant themselves more.
-- remediation: Keep these permissions to the admin and deployment identities; mute the ones that are allowed.
-- references: sfdx-hardis permission tier 0 (permissionsAuditUtils.ts); Security Benchmark for Salesforce SBS-DEP-001
-- tables: salesforce_user_permission, salesforce_user
select p.user_id as resource_id, p.username as resource_name,
  'holds ' || group_concat(distinct p.permission) || ' through ' || group_concat(distinct p.source_type || ' ' || coalesce(p.source_name, p.source_id)) as reason
from salesforce_user_permission p
join salesforce_user u on u.id = p.user_id
where p.permission in ('AuthorApex', 'CustomizeApplication', 'ModifyMetadata', 'ManageInteraction', 'ManageProfilesPermissionsets') and u.is_active = 1
group by p.user_id, p.username
order by p.username;
