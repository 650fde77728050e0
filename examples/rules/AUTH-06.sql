-- id: AUTH-06
-- title: Profiles with no or unrestricted login IP ranges
-- severity: medium
-- rationale: A login IP range of 0.0.0.0–255.255.255.255 is no range: the benchmark prohibits internet-wide
--   profile ranges.
-- remediation: Set login IP ranges on privileged profiles to the company's egress addresses.
-- references: Security Benchmark for Salesforce SBS-AUTH-003
-- tables: salesforce_profile_login_ip_ranges
-- needs: the Metadata API (Profile loginIpRanges), which sfsql does not read yet
select profile_id as resource_id, profile_name as resource_name, 'login IP range ' || start_address || '–' || end_address as reason
from salesforce_profile_login_ip_ranges
where start_address = '0.0.0.0' and end_address = '255.255.255.255';
