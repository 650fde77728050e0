-- id: AUTH-06
-- title: Profiles with unrestricted login IP ranges, or privileged profiles with none
-- severity: medium
-- rationale: A login IP range of 0.0.0.0–255.255.255.255 is no range at all, and a privileged profile without a
--   range can log in from anywhere: the benchmark prohibits internet-wide profile ranges.
-- remediation: Set the login IP ranges of privileged profiles to the company's egress addresses; remove
--   internet-wide ranges.
-- references: Security Benchmark for Salesforce SBS-AUTH-003; Profile metadata loginIpRanges (Tooling API)
-- tables: salesforce_profile_login_ip_ranges, salesforce_permission_set
select r.profile_id || ':' || coalesce(r.start_address, 'none') as resource_id, r.profile_name as resource_name,
  case when r.start_address is null then 'a privileged profile with no login IP range'
       else 'the login IP range ' || r.start_address || '–' || r.end_address || ' is the whole internet' end as reason
from salesforce_profile_login_ip_ranges r
where (r.start_address = '0.0.0.0' and r.end_address = '255.255.255.255')
   or (r.start_address is null and r.profile_id in (
        select ps.profile_id from salesforce_permission_set ps
        where ps.is_owned_by_profile = 1 and (ps.permissions_modify_all_data = 1 or ps.permissions_view_all_data = 1
          or ps.permissions_customize_application = 1 or ps.permissions_manage_users = 1)))
order by r.profile_name;
