-- id: MON-01
-- title: Failed-login burst: 10 or more failures from one address within an hour (last 7 days)
-- severity: high
-- rationale: A burst of failures from one address is password spraying or brute force.
-- remediation: Block the address (login IP ranges, transaction security), check the targeted users and lock what
--   was hit.
-- references: LoginHistory object reference; sfdx-hardis
-- tables: salesforce_login_history
select l.source_ip as resource_id, l.source_ip as resource_name,
  max(n) || ' failed logins within one hour (at ' || hour || ':00Z), against ' || max(users) || ' users' as reason
from (select source_ip, strftime('%Y-%m-%dT%H', login_time) as hour, count(*) as n, count(distinct user_id) as users
      from salesforce_login_history
      where login_time >= date('now', '-7 days') and status <> 'Success'
      group by source_ip, hour having count(*) >= 10) l
group by l.source_ip
order by l.source_ip;
