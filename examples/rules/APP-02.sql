-- id: APP-02
-- title: OAuth tokens unused for 90 days and never revoked
-- severity: medium
-- rationale: A stale refresh token is a standing credential: it keeps working until someone revokes it.
-- remediation: Revoke the listed tokens (Setup > Connected Apps OAuth Usage, or the user's OAuth Connected Apps
--   list).
-- references: sfdx-hardis unused-connected-apps; OauthToken object reference
-- tables: salesforce_oauth_token
select coalesce(t.id, t.delete_token) as resource_id, coalesce(t.username, t.user_id) || ' · ' || t.app_name as resource_name,
  case when t.last_used_date is null then 'never used since ' || substr(t.created_date, 1, 10)
       else 'last used ' || substr(t.last_used_date, 1, 10) end as reason
from salesforce_oauth_token t
where julianday('now') - julianday(coalesce(t.last_used_date, t.created_date)) > 90
order by resource_name;
