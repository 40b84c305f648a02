# Shared by the benchmark scripts: arguments, the DuckDB peer's npm packages, and the generated
# council (written once per size under bench/data/<people>/).
#   source bench/common.sh [people] [history]   sets people, history, data, bin
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
people=${1:-1000000}
history=${2:-4}
data=bench/data/$people
bin=build/release
(cd bench && npm install --no-audit --no-fund --loglevel=error >/dev/null)  # npm ci rejects the lock over optional platform packages
mkdir -p "$data"
if [ ! -f "$data/cld.csv" ]; then
  echo "generating $people people…" >&2
  "$bin/bench/import_bench" generate "$data" "$people" "$history"
fi
