-- id: GST-03
-- title: Sites and Experience Cloud networks exposing guest APIs, files, Chatter or self-registration
-- severity: medium
-- rationale: Guest APIs, guest file access, guest Chatter and open self-registration widen what an anonymous
--   visitor can reach.
-- remediation: Turn off the listed options on each site and network unless the business needs them.
-- references: https://help.salesforce.com/s/articleView?id=xcloud.shr_guest_user_access.htm
-- tables: salesforce_site, salesforce_network
select s.id as resource_id, s.name as resource_name,
  'active site allows ' || trim(case when s.options_allow_guest_support_api = 1 then 'the guest support API ' else '' end ||
    case when s.options_allow_guest_payments_api = 1 then 'the guest payments API' else '' end) as reason
from salesforce_site s
where s.status = 'Active' and (s.options_allow_guest_support_api = 1 or s.options_allow_guest_payments_api = 1)
union all
select n.id, n.name,
  'live network allows ' || trim(case when n.options_guest_file_access_enabled = 1 then 'guest file access ' else '' end ||
    case when n.options_guest_chatter_enabled = 1 then 'guest Chatter ' else '' end ||
    case when n.options_self_registration_enabled = 1 then 'self-registration' else '' end)
from salesforce_network n
where n.status = 'Live' and (n.options_guest_file_access_enabled = 1 or n.options_guest_chatter_enabled = 1 or n.options_self_registration_enabled = 1);
