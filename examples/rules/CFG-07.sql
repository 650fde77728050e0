-- id: CFG-07
-- title: Internal org-wide defaults public read/write on core objects
-- severity: medium
-- rationale: A public read/write default gives every internal user edit access to every record of the object.
-- remediation: Set the org-wide defaults of Account, Contact, Opportunity, Lead and Case to Private or Public Read
--   Only, and open access through sharing rules.
-- references: https://help.salesforce.com/s/articleView?id=sf.security_owd_set.htm
-- tables: salesforce_organization
select o.id || ':' || d.object as resource_id, d.object as resource_name,
  'the org-wide default of ' || d.object || ' is ' || d.access as reason
from salesforce_organization o
join (select 'Account' as object, default_account_access as access from salesforce_organization
      union all select 'Contact', default_contact_access from salesforce_organization
      union all select 'Opportunity', default_opportunity_access from salesforce_organization
      union all select 'Lead', default_lead_access from salesforce_organization
      union all select 'Case', default_case_access from salesforce_organization) d
where d.access in ('Edit', 'ReadEditTransfer', 'ReadWrite', 'ReadWriteTransfer', 'AllowEdits')
order by d.object;
