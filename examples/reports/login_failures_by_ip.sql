-- Failed logins by source IP over the last :days days (pass --param days=N):
-- many failures from one address against several users is password spraying.
-- Run: sfsql --demo --param days=7 examples/reports/login_failures_by_ip.sql
select source_ip,
       country_iso,
       count(*) as failures,
       count(distinct user_id) as users_targeted,
       min(login_time) as first_seen,
       max(login_time) as last_seen
from salesforce_login_history
where status <> 'Success'
  and login_time > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || :days || ' days')
group by source_ip, country_iso
having failures >= 3
order by failures desc
limit 25;
