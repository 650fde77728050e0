-- id: CFG-04
-- title: Password policy weaker than the baseline
-- severity: medium
-- rationale: Short, never-expiring or endlessly retryable passwords make brute force and reuse easy.
-- remediation: Raise the password policy to the Health Check baseline (length 12, complexity, 5 attempts, expiry,
--   history).
-- references: Health Check password policy settings; Salesforce CRM Security Cheat Sheet
-- tables: salesforce_security_health_check_risks
select coalesce(durable_id, setting) as resource_id, setting as resource_name,
  setting || ' is ' || org_value || ' (baseline ' || standard_value || ', ' || lower(replace(risk_type, '_', ' ')) || ')' as reason
from salesforce_security_health_check_risks
where setting_group = 'PasswordPolicies' and risk_type in ('HIGH_RISK', 'MEDIUM_RISK')
order by setting;
