-- id: APP-03
-- title: Connected apps whose refresh tokens never expire
-- severity: high
-- rationale: A refresh token valid until revoked is a credential with no natural end: stolen Drift tokens kept
--   working for months.
-- remediation: Set a refresh token policy (expire after N days, or if unused) on every connected app that issues
--   refresh tokens.
-- references: Security Benchmark for Salesforce SBS-DEP-006; Salesloft Drift / UNC6395 analyses
-- tables: salesforce_connected_application, salesforce_oauth_token
select c.id as resource_id, c.name as resource_name,
  'refresh tokens valid until revoked; ' || count(t.app_name) || ' tokens issued' as reason
from salesforce_connected_application c
join salesforce_oauth_token t on t.app_name = c.name
where coalesce(c.options_refresh_token_validity_metric, 0) = 0
group by c.id, c.name
order by c.name;
