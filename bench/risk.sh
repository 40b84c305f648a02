#!/usr/bin/env bash
# Risk benchmark, side by side in one run: a Monte Carlo of 100,000 trials over a generated
# 100-case programme, in ascent (`ascent risk`) and in NumPy (Debian python3-numpy) on the same
# inputs. Different random streams, so the percentiles agree to within sampling error, not exactly.
#   bench/risk.sh [cases] [trials]
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-100}
trials=${2:-100000}
dir=bench/data/risk-$cases
mkdir -p "$dir"
/usr/bin/python3 -c "import numpy" 2>/dev/null || {
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo; $sudo apt-get install -y -qq python3-numpy >/dev/null; }
/usr/bin/python3 bench/risk_programme.py "$cases" "$dir/programme"
start=$(date +%s.%N)
build/release/src/ascent --db :memory: risk --programme "$dir/programme.yaml" --trials "$trials" > "$dir/ascent.txt"
end=$(date +%s.%N)
grep -E "^Programme|Chance" "$dir/ascent.txt"
ascent_seconds=$(echo "$end - $start" | bc -l)
/usr/bin/python3 bench/risk_numpy.py "$dir/programme.json" "$trials" | tee "$dir/numpy.json"
/usr/bin/python3 - "$ascent_seconds" "$dir/numpy.json" <<'PY'
import json, sys
a, n = float(sys.argv[1]), json.load(open(sys.argv[2]))
print(json.dumps({"ascent_seconds": round(a, 3), "numpy_seconds": n["seconds"], "speedup": round(n["seconds"] / a, 1)}))
PY
