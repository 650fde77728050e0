-- id: CFG-03
-- title: Session timeout longer than 2 hours
-- severity: medium
-- rationale: Long idle sessions widen the window for a hijacked or unattended session.
-- remediation: Set the session timeout to 2 hours or less (Setup > Session Settings, and each profile's session
--   settings).
-- references: Health Check setting Timeout value; OrgCheck
-- tables: salesforce_security_health_check_risks
select coalesce(durable_id, setting) as resource_id, setting as resource_name,
  'session timeout is ' || org_value || ' (baseline ' || standard_value || ')' as reason
from salesforce_security_health_check_risks
where setting like 'Session timeout%' and risk_type in ('HIGH_RISK', 'MEDIUM_RISK');
