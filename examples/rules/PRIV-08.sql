-- id: PRIV-08
-- title: API Enabled on human Standard users
-- severity: medium
-- rationale: API access lets stolen credentials export data in bulk; the benchmark asks for a justification of
--   every grant to a person.
-- remediation: Remove API Enabled from the profiles and permission sets of people; keep it for integration users
--   (API Only) and mute justified holders.
-- references: Security Benchmark for Salesforce SBS-ACS-002; sfdx-hardis permission tier 3
-- tables: salesforce_user_permission, salesforce_user
select p.user_id as resource_id, p.username as resource_name,
  'has API Enabled through ' || group_concat(distinct p.source_type || ' ' || coalesce(p.source_name, p.source_id)) as reason
from salesforce_user_permission p
join salesforce_user u on u.id = p.user_id
where p.permission = 'ApiEnabled' and u.is_active = 1 and u.user_type = 'Standard'
  and p.user_id not in (select user_id from salesforce_user_permission where permission = 'ApiUserOnly')
group by p.user_id, p.username
order by p.username;
