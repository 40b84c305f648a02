#!/usr/bin/env bash
# Opportunity benchmark, side by side in one run: every enabled lever of the built-in catalogue
# over a generated council's ledger, in ascent and as the same rules in DuckDB SQL (npm
# @duckdb/node-api). Both report each lever's people and central stand-alone saving, which must agree.
#   bench/opportunities.sh [people] [history]     default 1,000,000 people, ~5 service lines each
source "$(dirname "$0")/common.sh" "$@"
full_ledger
echo "exporting the ledger and the levers as SQL for DuckDB…" >&2
"$bin/bench/opportunity_bench" export "$data/full.db" "$data/levers"
echo "ascent:" >&2
/usr/bin/time -f '{"ascent_max_rss_kb": %M}' "$bin/bench/opportunity_bench" run "$data/full.db" | tee "$data/ascent-levers.json"
echo "DuckDB:" >&2
/usr/bin/time -f '{"duckdb_max_rss_kb": %M}' node bench/duckdb_levers.mjs "$data/levers" | tee "$data/duckdb-levers.json"
/usr/bin/python3 - "$data/ascent-levers.json" "$data/duckdb-levers.json" <<'PY'
import json, sys
a, d = (json.loads(open(f).readline()) for f in sys.argv[1:3])
differ = [k for k in a["levers"] if [a["levers"][k][0], str(a["levers"][k][1])] != [d["levers"].get(k, [None, None])[0], d["levers"].get(k, [None, None])[1]]]
print(json.dumps({"levers": len(a["levers"]), "levers_that_differ": differ,
                  "ascent_seconds": round(a["total_seconds"], 3), "duckdb_seconds": round(d["total_seconds"], 3),
                  "speedup": round(d["total_seconds"] / a["total_seconds"], 2)}))
PY
