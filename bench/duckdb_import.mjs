// Peer for the import benchmark: DuckDB reads the same CLD CSV into a table.
// Usage: node duckdb_import.mjs <cld.csv>   prints one JSON line: seconds, rows, threads.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const threads = (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
const start = process.hrtime.bigint();
await connection.run(`CREATE TABLE cld AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}', header = true)`);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const rows = (await connection.runAndReadAll('SELECT COUNT(*) FROM cld')).getRows()[0][0];
console.log(JSON.stringify({ peer: 'duckdb', seconds, rows: Number(rows), threads: Number(threads) }));
