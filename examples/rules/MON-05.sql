-- id: MON-05
-- title: Privileged permission newly granted since the last snapshot
-- severity: high
-- rationale: A new assignment of a privileged permission set, or a privileged flag switched on, is the change a
--   security team must hear about first.
-- remediation: Confirm the grant against a change request; revoke it if nobody asked for it.
-- references: Resmo change alerts; SetupAuditTrail keeps only 180 days
-- tables: salesforce_changes, salesforce_field_changes, salesforce_permission_set
-- needs: the history store: take snapshots with sfsql snapshot or sfsql watch
select c.record_id as resource_id, coalesce(c.record_name, c.record_id) as resource_name,
  'newly assigned ' || coalesce(ps.name, json_extract(c.after, '$.permission_set_id')) || ', which grants privileged permissions' as reason
from salesforce_changes c
join salesforce_permission_set ps on ps.id = json_extract(c.after, '$.permission_set_id')
where c.org_id = :org_id and c.snapshot_id = :snapshot_id and c.table_name = 'salesforce_permission_set_assignment' and c.change = 'added'
  and (ps.permissions_modify_all_data = 1 or ps.permissions_view_all_data = 1 or ps.permissions_manage_users = 1
    or ps.permissions_customize_application = 1 or ps.permissions_author_apex = 1 or ps.permissions_modify_metadata = 1)
union all
select f.record_id, coalesce(f.record_name, f.record_id), f.field || ' switched on'
from salesforce_field_changes f
where f.org_id = :org_id and f.snapshot_id = :snapshot_id and f.table_name in ('salesforce_permission_set', 'salesforce_profile')
  and f.field in ('permissions_modify_all_data', 'permissions_view_all_data', 'permissions_manage_users', 'permissions_customize_application',
                  'permissions_author_apex', 'permissions_modify_metadata', 'permissions_can_approve_uninstalled_apps', 'permissions_bypass_mfa_for_ui_logins')
  and f.new_value = 1;
