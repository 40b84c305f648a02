#!/usr/bin/env bash
# API latency benchmark: `ascent serve` on the generated 1,000,000-person council, under 50
# concurrent clients for the dashboard and cohort routes. Side by side in one run: ascent's own
# load tool (bench/api_load.cpp) and wrk (Debian's package), the same routes and connections.
#   bench/api.sh [people] [history] [clients] [seconds]
source "$(dirname "$0")/common.sh" "${1:-1000000}" "${2:-4}"
clients=${3:-50}
seconds=${4:-20}
for tool in wrk curl bc; do
  command -v $tool >/dev/null || { sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo; $sudo apt-get install -y -qq $tool >/dev/null; }
done
full_ledger
db="$data/api.db"
cp "$data/full.db" "$db"
password="a benchmark password"
for user in viewer finance; do
  echo "$password" | "$bin/src/ascent" --db "$db" user add "$user" --role "$user" >/dev/null
done
port=18431
echo "starting the server (loading and analysing the ledger)…" >&2
start=$(date +%s.%N)
"$bin/src/ascent" --db "$db" serve --port "$port" > "$data/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
until grep -q "serving" "$data/serve.log"; do
  kill -0 $server 2>/dev/null || { cat "$data/serve.log" >&2; exit 1; }
  sleep 0.2
done
echo "{\"server_ready_seconds\": $(echo "$(date +%s.%N) - $start" | bc -l | xargs printf '%.1f')}"
ps -o rss= -p $server | xargs printf '{"server_rss_kb": %s}\n'
dashboard=(/api/v1/summary /api/v1/opportunities)
cohort="/api/v1/cohort?expression=support%20reason%20is%20LD%20and%20age%20%3E%3D%2018%20and%20weekly%20cost%20%3E%201000"
echo "ascent's load tool: viewer (dashboard and cohort totals), then finance (cohort with its first 50 people):" >&2
"$bin/bench/api_load" "$port" viewer "$password" "$clients" "$seconds" "${dashboard[@]}" "$cohort"
"$bin/bench/api_load" "$port" finance "$password" "$clients" "$seconds" "$cohort&limit=50"
# The server answers a repeated cohort from memory; 1,000 different ones show the work of a new one.
echo "ascent's load tool: 1,000 different cohorts (no repeats within the server's cache):" >&2
cold=()
for n in $(seq 1000 1999); do cold+=("/api/v1/cohort?expression=age%20%3E%3D%2018%20and%20weekly%20cost%20%3E%20$n"); done
"$bin/bench/api_load" "$port" viewer "$password" "$clients" "$seconds" "${cold[@]}"
"$bin/bench/api_load" "$port" viewer "$password" 1 "$seconds" "${cold[@]}"
echo "wrk, the same routes as the viewer:" >&2
cookie=$(curl -s -i -H 'Content-Type: application/json' -d "{\"name\":\"viewer\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port/api/v1/session" | grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//')
for route in "${dashboard[@]}" "$cohort"; do
  wrk -t 2 -c "$clients" -d "${seconds}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$route" |
    /usr/bin/python3 -c '
import re, sys
text = sys.stdin.read()
def ms(label):
    m = re.search(r"\s" + label + r"\s+([\d.]+)(us|ms|s)", text)
    v = float(m.group(1)); return {"us": v / 1000, "ms": v, "s": v * 1000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print("{\"tool\": \"wrk\", \"route\": \"%s\", \"per_second\": %.0f, \"p50_ms\": %.2f, \"p90_ms\": %.2f, \"p99_ms\": %.2f, \"non_2xx\": %s}"
      % (sys.argv[1], rps, ms("50%"), ms("90%"), ms("99%"), errors.group(1) if errors else 0))' "$route"
done
