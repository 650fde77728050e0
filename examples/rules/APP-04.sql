-- id: APP-04
-- title: New connected app or first token for an app since the last snapshot
-- severity: medium
-- rationale: A new app, or the first token for one, is how consent phishing shows up; catching it within one
--   snapshot is the point of watching.
-- remediation: Check that the app is known and approved; block it and revoke its tokens if not.
-- references: Resmo change alerts; connected-app inventory monitoring
-- tables: salesforce_changes
-- needs: the history store: take snapshots with sfsql snapshot or sfsql watch
select c.record_id as resource_id, coalesce(c.record_name, json_extract(c.after, '$.name'), json_extract(c.after, '$.app_name')) as resource_name,
  case when c.table_name = 'salesforce_connected_application' then 'a new connected app'
       else 'the first OAuth token for ' || json_extract(c.after, '$.app_name') end || ' (snapshot ' || c.snapshot_id || ')' as reason
from salesforce_changes c
where c.org_id = :org_id and c.snapshot_id = :snapshot_id and c.change = 'added'
  and (c.table_name = 'salesforce_connected_application'
    or c.table_name = 'salesforce_oauth_token' and not exists (
      select 1 from salesforce_changes p where p.org_id = c.org_id and p.table_name = 'salesforce_oauth_token'
        and p.snapshot_id < c.snapshot_id and json_extract(p.after, '$.app_name') = json_extract(c.after, '$.app_name')));
