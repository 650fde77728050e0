-- id: CFG-02
-- title: High-risk Health Check settings
-- severity: high
-- rationale: Settings Salesforce rates high-risk against its baseline are the weakest points of the org's
--   configuration.
-- remediation: Change each setting to the standard value shown, in Setup > Health Check.
-- references: https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_securityhealthcheckrisks.htm; Security Benchmark for Salesforce SBS-SECCONF-002
-- tables: salesforce_security_health_check_risks
select coalesce(durable_id, setting) as resource_id, setting as resource_name,
  setting || ' is ' || org_value || ' (baseline ' || standard_value || ')' as reason
from salesforce_security_health_check_risks
where risk_type = 'HIGH_RISK'
order by setting;
