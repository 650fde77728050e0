-- id: MON-03
-- title: Setup changes by users who are not administrators (last 30 days)
-- severity: high
-- rationale: Only the admin and deployment identities should change the setup; the benchmark asks for alerts on
--   anyone else.
-- remediation: Review each change; remove the setup permissions of users who should not have them, or mute the
--   allowed identities.
-- references: Security Benchmark for Salesforce SBS-DEP-001, SBS-DEP-003; sfdx-hardis audittrail
-- tables: salesforce_setup_audit_trail, salesforce_user_permission
select a.created_by_id as resource_id, coalesce(a.created_by_username, a.created_by_id) as resource_name,
  count(*) || ' setup changes in 30 days, the last: ' || max(a.created_date) || ' ' || a.action as reason
from salesforce_setup_audit_trail a
where a.created_date >= date('now', '-30 days') and a.created_by_id is not null
  and a.created_by_id not in (select user_id from salesforce_user_permission where permission in ('ModifyAllData', 'CustomizeApplication'))
group by a.created_by_id
order by resource_name;
