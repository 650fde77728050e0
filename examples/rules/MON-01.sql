-- id: MON-01
-- title: Failed-login burst: 10 or more failures from one address within an hour (last 7 days)
-- severity: high
-- rationale: A burst of failures from one address is password spraying or brute force.
-- remediation: Block the address (login IP ranges, transaction security), check the targeted users and lock what
--   was hit.
-- references: LoginHistory object reference; sfdx-hardis
-- tables: salesforce_login_history
with failures as materialized (
  select id, source_ip, user_id, login_time from salesforce_login_history
  where login_time >= date('now', '-7 days') and status <> 'Success')
select b.source_ip as resource_id, b.source_ip as resource_name,
  max(b.n) || ' failed logins within an hour (from ' || min(b.start) || '), against ' || max(b.users) || ' users' as reason
from (select a.source_ip, a.login_time as start, count(*) as n, count(distinct f.user_id) as users
      from failures a
      join failures f on f.source_ip = a.source_ip and f.login_time >= a.login_time
        and f.login_time < strftime('%Y-%m-%dT%H:%M:%fZ', a.login_time, '+1 hour')
      group by a.id having count(*) >= 10) b
group by b.source_ip
order by b.source_ip;
