#!/usr/bin/env bash
# Snapshot storage and restore, at national scale, in one run: what a second, kept CLD snapshot
# costs in ascent's ledger (only changed rows are stored) against keeping a full copy of it (the
# first snapshot's own bytes in the same SQLite ledger, and the same file as a DuckDB table), and
# how long a restore takes (the pointer moves; then the ledger loads as at every start).
#   bench/snapshots.sh [people] [history]     default 1,000,000 people
source "$(dirname "$0")/common.sh" "$@"
db="$data/snapshots.db"
rm -f "$db"*
# The next quarter: the period moved on three months and every 20th row's unit cost up 5% (Unit
# Cost is the third field from the end; the quoted fields with commas all come before it).
next="$data/cld-next-quarter.csv"
if [ ! -f "$next" ]; then
  awk -F, -v OFS=, 'NR > 1 { gsub(/01\/10\/2025,30\/09\/2026/, "01/01/2026,31/12/2026");
                            if (NR % 20 == 0 && $(NF-2) != "") $(NF-2) = sprintf("%.2f", $(NF-2) * 1.05) } { print }' \
    "$data/cld.csv" > "$next.tmp" && mv "$next.tmp" "$next"
fi
size() { stat -c %s "$db"; }
seconds() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }
empty=0
first_import=$(seconds "$bin/src/ascent" --db "$db" import cld "$data/cld.csv")
one=$(size)
second_import=$(seconds "$bin/src/ascent" --db "$db" import cld "$next")
"$bin/src/ascent" --db "$db" imports >&2
two=$(size)
restore=$(seconds "$bin/src/ascent" --db "$db" import restore 1)
load=$(seconds "$bin/src/ascent" --db "$db" summary)
node bench/duckdb_import.mjs "$next" "$data/peer-copy.duckdb" >/dev/null
duck=$(stat -c %s "$data/peer-copy.duckdb")
cat <<JSON
{"people": $people, "cld_csv_bytes": $(stat -c %s "$data/cld.csv"),
 "first_snapshot_seconds": $first_import, "ledger_bytes_one_snapshot": $one,
 "second_snapshot_seconds": $second_import, "ledger_bytes_two_snapshots": $two,
 "bytes_per_retained_snapshot": $((two - one)), "full_copy_bytes_sqlite": $((one - empty)),
 "full_copy_bytes_duckdb": $duck, "restore_seconds": $restore, "summary_after_restore_seconds": $load}
JSON
