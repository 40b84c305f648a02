// Peer for the import benchmark: DuckDB reads the same CLD CSV into a table, in memory or, given a
// database path, into a database file (the durable equivalent of ascent's import).
// Usage: node duckdb_import.mjs <cld.csv> [database.duckdb]   prints one JSON line.
import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';

const [file, database] = process.argv.slice(2);
if (database) rmSync(database, { force: true });
const instance = await DuckDBInstance.create(database ?? ':memory:');
const connection = await instance.connect();
const threads = (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
const start = process.hrtime.bigint();
await connection.run(`CREATE TABLE cld AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}', header = true)`);
if (database) await connection.run('CHECKPOINT');
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const rows = (await connection.runAndReadAll('SELECT COUNT(*) FROM cld')).getRows()[0][0];
console.log(JSON.stringify({ peer: database ? 'duckdb-file' : 'duckdb-memory', seconds, rows: Number(rows),
                             threads: Number(threads) }));
