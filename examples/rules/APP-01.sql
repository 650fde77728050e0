-- id: APP-01
-- title: OAuth tokens of connected apps that are not admin pre-authorised
-- severity: high
-- rationale: Users can grant any app persistent API access; admin pre-authorisation is the control the 2025
--   vishing and OAuth-pivot incidents went around.
-- remediation: Set the app's Permitted Users to Admin approved users are pre-authorized, or block it; revoke its
--   tokens.
-- references: Security Benchmark for Salesforce SBS-OAUTH-001, SBS-OAUTH-002; sfdx-hardis unsecure-connected-apps
-- tables: salesforce_oauth_token, salesforce_connected_application
select t.app_name as resource_id, t.app_name as resource_name,
  count(*) || ' OAuth tokens of ' || count(distinct t.user_id) || ' users for an app that is not admin pre-authorised' as reason
from salesforce_oauth_token t
left join salesforce_connected_application c on c.name = t.app_name
where coalesce(c.options_allow_admin_approved_users_only, 0) = 0
group by t.app_name
order by t.app_name;
