-- id: CFG-05
-- title: Browser and session protections disabled
-- severity: high
-- rationale: Clickjack protection, CSRF protection, HttpOnly cookies, content sniffing protection and locking
--   sessions to their domain stop whole classes of browser attacks.
-- remediation: Enable each protection listed in Setup > Session Settings.
-- references: Health Check session settings; Netskope SSPM Salesforce rules
-- tables: salesforce_security_health_check_risks
select coalesce(durable_id, setting) as resource_id, setting as resource_name,
  setting || ' is ' || org_value || ' (baseline ' || standard_value || ')' as reason
from salesforce_security_health_check_risks
where setting_group = 'SessionSettings' and setting not like 'Session timeout%'
  and risk_type in ('HIGH_RISK', 'MEDIUM_RISK')
order by setting;
