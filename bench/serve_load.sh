#!/usr/bin/env bash
# Load and slow clients against one `ascent serve` on the demo council (issue 23): `clients`
# concurrent clients for `seconds`, each a finance user over its own kept-alive connection sending
# a mix of reads (dashboard, opportunities, cohorts with people, a lever's people, a person, cases,
# health; not /api/v1/delivery, which recomputes savings delivery from the stored ledger for each
# request, several seconds on this council, under the database lock), then 64 slowloris clients (a header line every 2 s) with a probe request each
# second. Prints api_load's JSON lines (errors of any kind, p50/p90/p99 per route and overall), the
# server's RSS every 10 s, and the probe's latencies.
#   bench/serve_load.sh [people] [clients] [seconds]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
people=${1:-50000}
clients=${2:-200}
seconds=${3:-300}
bin=build/release
data=bench/data/serve-$people
mkdir -p "$data"
if [ ! -f "$data/demo.db" ]; then
  echo "building the $people-person demo council…" >&2
  "$bin/src/ascent" --db "$data/demo.db.tmp" demo --people "$people" --dir "$data/demo" >/dev/null
  mv "$data/demo.db.tmp" "$data/demo.db"
fi
db="$data/load.db"
cp "$data/demo.db" "$db"
password="a benchmark password"
echo "$password" | "$bin/src/ascent" --db "$db" user add finance --role finance >/dev/null
port=18432
# Every client here comes from 127.0.0.1, as they would through a reverse proxy: the per-address
# connection cap is raised as docs/security.md says to do behind one.
"$bin/src/ascent" --db "$db" serve --port "$port" --connections-per-client 512 > "$data/serve.log" 2>&1 &
server=$!
trap 'kill $server $sampler 2>/dev/null; wait $server 2>/dev/null' EXIT
sampler=""
until grep -q "serving" "$data/serve.log"; do
  kill -0 $server 2>/dev/null || { cat "$data/serve.log" >&2; exit 1; }
  sleep 0.2
done
(while kill -0 $server 2>/dev/null; do
   printf '{"t_s": %s, "rss_kb": %s, "threads": %s}\n' "$SECONDS" "$(ps -o rss= -p $server | tr -d ' ')" "$(ps -o nlwp= -p $server | tr -d ' ')"
   sleep 10
 done) > "$data/rss.jsonl" &
sampler=$!
cohort="/api/v1/cohort?expression=support%20reason%20is%20LD%20and%20age%20%3E%3D%2018%20and%20weekly%20cost%20%3E%201000&limit=50"
routes=(/api/v1/summary /api/v1/opportunities "$cohort" "/api/v1/cohort?expression=age%20%3E%3D%2065"
        "/api/v1/opportunities/high_cost_1800/people?limit=50" /api/v1/people/P0000001 /api/v1/cases /api/v1/health)
echo "$clients clients for $seconds s…" >&2
status=0
"$bin/bench/api_load" "$port" finance "$password" "$clients" "$seconds" "${routes[@]}" || status=$?
echo "server RSS and threads every 10 s:" >&2
cat "$data/rss.jsonl"
echo "64 slow clients (a header line every 2 s) and a probe each second:" >&2
/usr/bin/python3 - "$port" <<'EOF'
import socket, sys, time, json
port = int(sys.argv[1])
slow = []
for i in range(64):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /api/v1/health HTTP/1.1\r\n")
    slow.append(s)
probes, cut_off = [], 0
start = time.time()
while time.time() - start < 20:
    for s in list(slow):
        try:
            s.sendall(b"X-Slow: yes\r\n")
        except OSError:
            slow.remove(s); cut_off += 1
    for _ in range(2):
        t = time.time()
        p = socket.create_connection(("127.0.0.1", port), timeout=10)
        p.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        reply = p.recv(100)
        probes.append((time.time() - t) * 1000)
        ok = reply.startswith(b"HTTP/1.1 200")
        p.close()
        if not ok: print("probe failed:", reply, file=sys.stderr)
        time.sleep(1)
print(json.dumps({"slow_clients": 64, "cut_off_within_20s": cut_off,
                  "probes": len(probes), "probe_max_ms": round(max(probes), 2), "probe_p50_ms": round(sorted(probes)[len(probes) // 2], 2)}))
EOF
exit $status
