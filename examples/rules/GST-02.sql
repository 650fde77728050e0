-- id: GST-02
-- title: Guest profiles with API Enabled or read access to sensitive objects
-- severity: high
-- rationale: Salesforce's guest access controls remove API Enabled from guest profiles; reading accounts,
--   contacts or cases as a guest exposes customer data.
-- remediation: Remove API Enabled and read access to sensitive objects from guest profiles.
-- references: https://help.salesforce.com/s/articleView?id=xcloud.shr_guest_user_access.htm
-- tables: salesforce_permission_set, salesforce_profile, salesforce_object_permissions
select ps.id || ':api' as resource_id, p.name as resource_name, 'the guest profile ' || p.name || ' has API Enabled' as reason
from salesforce_permission_set ps
join salesforce_profile p on p.id = ps.profile_id
where ps.is_owned_by_profile = 1 and p.user_type = 'Guest' and ps.permissions_api_enabled = 1
union all
select o.id, p.name || ' · ' || o.sobject_type, 'the guest profile ' || p.name || ' can read ' || o.sobject_type
from salesforce_object_permissions o
join salesforce_permission_set ps on ps.id = o.parent_id and ps.is_owned_by_profile = 1
join salesforce_profile p on p.id = ps.profile_id
where p.user_type = 'Guest' and o.permissions_read = 1
  and o.sobject_type in ('Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'User', 'Contract', 'Order');
