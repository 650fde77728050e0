// Query Salesforce from Node through sfsql.so, with better-sqlite3@12.
//
//   npm install better-sqlite3@12
//   SFSQL_DEMO=1 node examples/extension/query.js ./sfsql.so "select username from salesforce_user limit 3"
//
// Prints one JSON line per statement: its rows as an array of arrays, or
// {"error": "..."} (and the exit status is then 1).
const Database = require('better-sqlite3');

const [extension, ...statements] = process.argv.slice(2);
const db = new Database(':memory:');
db.loadExtension(extension);
let failed = false;
for (const statement of statements) {
  try {
    const stmt = db.prepare(statement);
    console.log(JSON.stringify(stmt.reader ? stmt.raw().all() : (stmt.run(), [])));
  } catch (e) {
    console.log(JSON.stringify({ error: `${e.name}: ${e.message}` }));
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
