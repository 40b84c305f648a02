// Peer for the opportunity benchmark: DuckDB runs the same levers as SQL (exported by
// `opportunity_bench export`) over the same ledger tables, in memory. Loading the CSV tables is
// timed apart; facts and levers are timed as ascent's are (best of 5 runs).
// Usage: node duckdb_levers.mjs <export dir>   prints one JSON line.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const dir = process.argv[2];
const { facts, levers } = JSON.parse(readFileSync(`${dir}/levers.json`, 'utf8'));
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const threads = Number((await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0]);
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

let start = process.hrtime.bigint();
for (const table of ['people', 'lines', 'changes', 'payments'])
  await connection.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${dir}/${table}.csv', header = true)`);
const load = seconds(start);

let bestFacts = Infinity, bestLevers = Infinity;
const results = {};
for (let run = 0; run < 5; ++run) {
  start = process.hrtime.bigint();
  for (const statement of facts.split(';').map((s) => s.trim()).filter(Boolean)) await connection.run(statement);
  bestFacts = Math.min(bestFacts, seconds(start));
  start = process.hrtime.bigint();
  for (const lever of levers) {
    const [people, central] = (await connection.runAndReadAll(lever.sql)).getRows()[0];
    results[lever.id] = [Number(people), String(central)];
  }
  bestLevers = Math.min(bestLevers, seconds(start));
}
console.log(JSON.stringify({ engine: 'duckdb', threads, load_seconds: load, facts_seconds: bestFacts,
                             levers_seconds: bestLevers, total_seconds: bestFacts + bestLevers, levers: results }));
