-- id: PRIV-12
-- title: Active users on standard (non-custom) profiles
-- severity: high
-- rationale: Standard profiles change with Salesforce releases without an admin's approval and grant more than
--   most users need.
-- remediation: Clone the standard profile into a custom one (or move users to a minimum-access profile with
--   permission sets) and reassign its users.
-- references: Security Benchmark for Salesforce SBS-ACS-005
-- tables: salesforce_user, salesforce_permission_set
select ps.profile_id as resource_id, ps.profile_name as resource_name,
  count(*) || ' active users on the standard profile ' || ps.profile_name as reason
from salesforce_user u
join salesforce_permission_set ps on ps.profile_id = u.profile_id and ps.is_owned_by_profile = 1
where u.is_active = 1 and u.user_type = 'Standard' and ps.is_custom = 0
group by ps.profile_id, ps.profile_name
order by ps.profile_name;
