-- id: AUTH-05
-- title: Org-wide MFA for direct UI logins not required
-- severity: high
-- rationale: Without the org setting, MFA depends on each user's habits; the benchmark asks for the setting that
--   requires MFA on every direct UI login.
-- remediation: Turn on Require multi-factor authentication (MFA) for all direct UI logins in Setup > Identity
--   Verification.
-- references: Security Benchmark for Salesforce SBS-AUTH-001; sfdx-hardis mfa.ts (SecuritySettings.Metadata)
-- tables: salesforce_security_settings
select id as resource_id, 'session settings' as resource_name,
  'MFA is not required for direct UI logins (sessionSettings.enableMFADirectUILoginOptIn is off)' as reason
from salesforce_security_settings
where coalesce(json_extract(metadata, '$.sessionSettings.enableMFADirectUILoginOptIn'), 0) <> 1;
