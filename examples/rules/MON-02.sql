-- id: MON-02
-- title: Privileged user logged in from a country not seen for them in the 30 days before
-- severity: medium
-- rationale: A privileged login from a new country is a classic account-takeover signal.
-- remediation: Confirm the login with the user; if unknown, freeze the user and reset the session and password.
-- references: LoginHistory object reference
-- tables: salesforce_login_history, salesforce_user_permission, salesforce_user
select u.id || ':' || l.country_iso as resource_id, u.username || ' · ' || l.country_iso as resource_name,
  'logged in from ' || l.country_iso || ' on ' || substr(min(l.login_time), 1, 10) || ', not seen for this user in the 30 days before' as reason
from salesforce_login_history l
join salesforce_user u on u.id = l.user_id
where l.login_time >= date('now', '-1 days') and l.status = 'Success' and l.country_iso is not null
  and u.id in (select user_id from salesforce_user_permission where permission in ('ModifyAllData', 'ViewAllData', 'ManageUsers', 'CustomizeApplication', 'AuthorApex', 'ModifyMetadata', 'ManageProfilesPermissionsets', 'AssignPermissionSets', 'ResetPasswords', 'ManageInternalUsers'))
  and not exists (select 1 from salesforce_login_history e where e.user_id = l.user_id and e.country_iso = l.country_iso
                    and e.status = 'Success' and e.login_time >= date('now', '-31 days') and e.login_time < date('now', '-1 days'))
group by u.id, u.username, l.country_iso
order by resource_name;
