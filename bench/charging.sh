#!/usr/bin/env bash
# Charging benchmark, side by side in one run: 10 policy options and the baseline over 200,000
# financial assessments, in ascent and in pandas (Debian python3-pandas) on the same caseload.
# Both print each option's weekly income, which must agree to the penny.
#   bench/charging.sh [cases]
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-200000}
dir=bench/data/charging-$cases
/usr/bin/python3 -c "import pandas" 2>/dev/null || {
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo; $sudo apt-get install -y -qq python3-pandas >/dev/null; }
build/release/bench/charging_bench "$dir" "$cases" | tee "$dir.ascent.json"
/usr/bin/python3 bench/charging_pandas.py "$dir" | tee "$dir.pandas.json"
/usr/bin/python3 - "$dir.ascent.json" "$dir.pandas.json" <<'PY'
import json, sys
a, p = (json.loads(open(f).readline()) for f in sys.argv[1:3])
print(json.dumps({"totals_agree": a["weekly_income"] == p["weekly_income"], "ascent_seconds": a["seconds"],
                  "pandas_seconds": p["seconds"], "speedup": round(p["seconds"] / a["seconds"], 1)}))
PY
