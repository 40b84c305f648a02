#!/usr/bin/env bash
# Import benchmark, side by side in one run: ascent's CLD import vs DuckDB (npm @duckdb/node-api)
# and pandas (Debian python3-pandas) reading the same CSV into a table.
#   bench/run.sh [people] [history]     default 1,000,000 people, ~5 service lines each
source "$(dirname "$0")/common.sh" "$@"
command -v /usr/bin/python3 >/dev/null && /usr/bin/python3 -c "import pandas" 2>/dev/null || {
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo; $sudo apt-get install -y -qq python3-pandas >/dev/null; }
stat -c '{"cld_csv_bytes": %s}' "$data/cld.csv"
echo "ascent phases:" >&2
/usr/bin/time -f '{"ascent_phases_max_rss_kb": %M}' "$bin/bench/import_bench" import "$data/cld.csv" "$data/bench.db"
echo "ascent CLI (import cld, end to end):" >&2
rm -f "$data/cli.db"*
/usr/bin/time -f '{"ascent_cli_seconds": %e, "ascent_cli_max_rss_kb": %M}' \
  "$bin/src/ascent" --db "$data/cli.db" import cld "$data/cld.csv" >/dev/null
echo "DuckDB, in memory and into a database file:" >&2
/usr/bin/time -f '{"duckdb_memory_max_rss_kb": %M}' node bench/duckdb_import.mjs "$data/cld.csv"
/usr/bin/time -f '{"duckdb_file_max_rss_kb": %M}' node bench/duckdb_import.mjs "$data/cld.csv" "$data/peer.duckdb"
echo "pandas:" >&2
/usr/bin/time -f '{"pandas_max_rss_kb": %M}' /usr/bin/python3 bench/pandas_import.py "$data/cld.csv"
