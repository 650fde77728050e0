-- id: AUTH-03
-- title: Successful direct UI logins without MFA in the last 30 days
-- severity: high
-- rationale: Logins that succeeded without a second factor show MFA is not enforced in practice.
-- remediation: Turn on MFA for direct UI logins org-wide and review the listed users.
-- references: sfdx-hardis mfa.ts (the same AuthMethodReference heuristic)
-- tables: salesforce_login_history, salesforce_user
select u.id as resource_id, u.username as resource_name,
  count(*) || ' logins without MFA, the last on ' || substr(max(l.login_time), 1, 10) as reason
from salesforce_login_history l
join salesforce_user u on u.id = l.user_id
where l.login_time >= date('now', '-30 days') and l.login_type = 'Application' and l.status = 'Success'
  and l.auth_method_reference is not null
  and lower(l.auth_method_reference) not like '%mfa%' and lower(l.auth_method_reference) not like '%swk%'
  and lower(l.auth_method_reference) not like '%fido%' and lower(l.auth_method_reference) not like '%hwk%'
  and lower(l.auth_method_reference) not like '%otp%' and lower(l.auth_method_reference) not like '%face%'
  and lower(l.auth_method_reference) not like '%fpt%' and lower(l.auth_method_reference) not like '%wia%'
group by u.id, u.username
order by u.username;
