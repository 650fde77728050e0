// 4 worker threads, each with its own better-sqlite3 connection to sfsql.so,
// querying at once. Prints {"results": [...], "errors": [...]}.
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');

if (isMainThread) {
  const [extension, ...queries] = process.argv.slice(2);
  const results = new Array(4), errors = [];
  let done = 0;
  for (let i = 0; i < 4; i++) {
    const w = new Worker(__filename, { workerData: { extension, queries, i } });
    w.on('message', (m) => { if (m.error) errors.push(m.error); else results[m.i] = m.answers; });
    w.on('error', (e) => errors.push(`worker ${i}: ${e.message}`));
    w.on('exit', () => { if (++done === 4) console.log(JSON.stringify({ results, errors })); });
  }
} else {
  const Database = require('better-sqlite3');
  const { extension, queries, i } = workerData;
  try {
    const db = new Database(':memory:');
    db.loadExtension(extension);
    const answers = [];
    for (let r = 0; r < 3; r++) for (const q of queries) answers.push(db.prepare(q).raw().all());
    parentPort.postMessage({ i, answers });
  } catch (e) {
    parentPort.postMessage({ error: `worker ${i}: ${e.name}: ${e.message}` });
  }
}
