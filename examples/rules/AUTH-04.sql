-- id: AUTH-04
-- title: Privileged users not using phishing-resistant MFA
-- severity: medium
-- rationale: Salesforce is moving privileged users to phishing-resistant MFA (security keys, built-in
--   authenticators); an OTP or push factor can be phished.
-- remediation: Register a security key or built-in authenticator (passkey) for each privileged user.
-- references: sfdx-hardis mfa.ts; https://help.salesforce.com/s/articleView?id=sf.security_u2f.htm
-- tables: salesforce_user_permission, salesforce_user, salesforce_two_factor_methods_info
select u.id as resource_id, u.username as resource_name,
  'privileged (' || group_concat(distinct p.permission) || ') without a security key or built-in authenticator' as reason
from salesforce_user_permission p
join salesforce_user u on u.id = p.user_id
left join salesforce_two_factor_methods_info m on m.user_id = u.id
where p.permission in ('ModifyAllData', 'ViewAllData', 'ManageUsers', 'CustomizeApplication', 'AuthorApex', 'ModifyMetadata', 'ManageProfilesPermissionsets', 'AssignPermissionSets', 'ResetPasswords', 'ManageInternalUsers') and u.is_active = 1 and u.user_type = 'Standard'
  and coalesce(m.has_u2f, 0) + coalesce(m.has_security_key, 0) + coalesce(m.has_built_in_authenticator, 0) = 0
  and u.id not in (select user_id from salesforce_user_permission where permission = 'ApiUserOnly')
group by u.id, u.username
order by u.username;
