-- id: AUTH-05
-- title: Org-wide MFA or SSO enforcement not switched on
-- severity: high
-- rationale: Without the org setting, MFA depends on each user's habits; the benchmark asks for the setting that
--   requires MFA on every direct UI login.
-- remediation: Turn on Require multi-factor authentication (MFA) for all direct UI logins in Setup > Identity
--   Verification.
-- references: Security Benchmark for Salesforce SBS-AUTH-001; sfdx-hardis mfa.ts
-- tables: salesforce_security_settings
-- needs: the Metadata API (SecuritySettings), which sfsql does not read yet
select id as resource_id, 'org' as resource_name, 'MFA for direct UI logins is not required' as reason
from salesforce_security_settings
where json_extract(metadata, '$.sessionSettings.enableMFADirectUILoginOptIn') is not 1;
