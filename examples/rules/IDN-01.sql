-- id: IDN-01
-- title: Active users with no login for 90 days (or never, 30 days after creation)
-- severity: medium
-- rationale: Dormant accounts are takeover targets nobody notices, and they hold licences.
-- remediation: Deactivate (or freeze) users who have not logged in for 90 days, after checking with their manager.
-- references: sfdx-hardis unusedusers; Security Benchmark for Salesforce SBS-ACS-010
-- tables: salesforce_user
select id as resource_id, username as resource_name,
  case when last_login_date is null then 'never logged in, created ' || substr(created_date, 1, 10)
       else 'last logged in ' || substr(last_login_date, 1, 10) end as reason
from salesforce_user
where is_active = 1 and user_type = 'Standard'
  and ((last_login_date is null and julianday('now') - julianday(created_date) > 30)
    or julianday('now') - julianday(last_login_date) > 90)
order by username;
