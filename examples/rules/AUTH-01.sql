-- id: AUTH-01
-- title: Active internal users with no MFA method registered
-- severity: high
-- rationale: Salesforce requires MFA for every UI login; a user with no method registered is the gap a phished
--   password walks through.
-- remediation: Have each listed user register Salesforce Authenticator, a security key or a TOTP app; enforce MFA
--   org-wide.
-- references: https://help.salesforce.com/s/articleView?id=sf.mfa_requirement_faq.htm; Security Benchmark for Salesforce SBS-AUTH-001
-- tables: salesforce_user, salesforce_two_factor_methods_info
select u.id as resource_id, u.username as resource_name, 'no MFA method registered' as reason
from salesforce_user u
left join salesforce_two_factor_methods_info m on m.user_id = u.id
where u.is_active = 1 and u.user_type = 'Standard'
  and coalesce(m.has_totp, 0) + coalesce(m.has_salesforce_authenticator, 0) + coalesce(m.has_u2f, 0)
    + coalesce(m.has_security_key, 0) + coalesce(m.has_built_in_authenticator, 0) = 0
  and u.id not in (select user_id from salesforce_user_permission where permission = 'ApiUserOnly')
order by u.username;
