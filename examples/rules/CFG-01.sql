-- id: CFG-01
-- title: Health Check score below 80
-- severity: high
-- rationale: The Health Check score is Salesforce's own posture measure: below 80 means several high-risk
--   settings deviate from the baseline.
-- remediation: Open Setup > Health Check and fix the high-risk settings first (the CFG rules list them).
-- references: https://help.salesforce.com/s/articleView?id=xcloud.security_health_check_score.htm; Security Benchmark for Salesforce SBS-SECCONF-001
-- tables: salesforce_security_health_check
select id as resource_id, 'Health Check' as resource_name,
  'score ' || score || case when cast(score as real) < 60 then ' (below 60: poor)' else ' (below 80)' end as reason
from salesforce_security_health_check
where cast(score as real) < 80;
