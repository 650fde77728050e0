-- sqlite3 with sfsql.so:   SFSQL_DEMO=1 sqlite3 -cmd ".load ./sfsql" < examples/extension/query.sql
-- (.load ./sfsql finds sfsql.so and its entry point sqlite3_sfsql_init by itself)
.mode column
.headers on
select sfsql_version() as version;
select username, profile_name from salesforce_user where is_active = 0 limit 5;
select source_type, count(distinct user_id) as users from salesforce_user_permission
 where permission = 'ModifyAllData' group by source_type;
select sfsql_stats() as stats;
