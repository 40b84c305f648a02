# Shared by the benchmark scripts: arguments, the DuckDB peer's npm packages, and the generated
# council (written once per size under bench/data/<people>/).
#   source bench/common.sh [people] [history]   sets people, history, data, bin; full_ledger builds
#   $data/full.db (the CLD file and the four extracts imported) once
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

full_ledger() {
  if [ ! -f "$data/full.db" ]; then
    echo "importing the CLD file and the four extracts…" >&2
    "$bin/src/ascent" --db "$data/full.db.tmp" import cld "$data/cld.csv" >/dev/null
    for kind in people services changes direct_payments; do
      "$bin/src/ascent" --db "$data/full.db.tmp" import extract "$data/$kind.csv" --mapping "$data/$kind.mapping.yaml" >/dev/null
    done
    mv "$data/full.db.tmp" "$data/full.db"
  fi
}
