-- Setup changes of the last 30 days, newest first, with who made them:
-- profile and permission changes, password policy, session settings.
select created_date,
       created_by_username,
       section,
       action,
       display
from salesforce_setup_audit_trail
where created_date > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-30 days')
order by created_date desc;
