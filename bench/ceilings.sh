#!/usr/bin/env bash
# Ceiling benchmark, side by side in one run: every open line of the generated 1,000,000-person
# council against a rate card, in ascent (on the ledger in memory) and as SQL in SQLite on the
# same database file. Both report the lines flagged and the excess a week, which must agree.
#   bench/ceilings.sh [people] [history]
source "$(dirname "$0")/common.sh" "$@"
full_ledger
card=docs/examples/commissioning/home-care-card.yaml
"$bin/bench/commissioning_bench" "$data/full.db" "$card" | tee "$data/ceilings-ascent.json"
as_at=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["as_at"])' "$data/ceilings-ascent.json")
/usr/bin/python3 bench/ceilings_sqlite.py "$data/full.db" "$card" "$as_at"
