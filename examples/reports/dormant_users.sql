-- Dormant users: active users who have not logged in for 90 days, or never.
-- Each still holds a licence and is an account an attacker could take over.
select username,
       profile_name,
       coalesce(last_login_date, 'never') as last_login,
       cast(julianday('now') - julianday(coalesce(last_login_date, created_date)) as integer) as idle_days
from salesforce_user
where is_active = 1
  and user_type = 'Standard'
  and (last_login_date is null or last_login_date < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-90 days'))
order by idle_days desc;
