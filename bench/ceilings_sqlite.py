"""The ceiling check as SQL in SQLite (Python's sqlite3), on the same ledger database ascent reads:
every open line priced weekly or hourly, direct payments left out, against the card's latest rate
for its service on the date, with the excess a week rounded half-up once per line.
   ceilings_sqlite.py <ledger.db> <rate-card.yaml> <as_at>     one JSON line"""
import json, sqlite3, sys, time

db, card_path, as_at = sys.argv[1:4]
# The card's every-zone rates, read without a YAML library: one "- {service: …, from: …, ceiling: …}" a line.
rates = {}
for line in open(card_path):
    line = line.strip()
    if not line.startswith("- {service:") or "zone:" in line:
        continue
    fields = {k.strip(): v.strip().strip('"') for k, v in (part.split(":", 1) for part in line[3:-1].split(", "))}
    key = (fields["service"], "Hourly" if fields["per"] == "hour" else "Weekly")
    pence = round(float(fields["ceiling"].replace(",", "")) * 100)
    if fields["from"] <= as_at and (key not in rates or rates[key][0] < fields["from"]):
        rates[key] = (fields["from"], pence)
names = {"home support": "Home support or domiciliary care", "long term residential care": "Long term residential care",
         "long term nursing care": "Long term nursing care", "community supported living": "Community supported living"}
con = sqlite3.connect(db)
con.execute("CREATE TEMP TABLE ceiling (component TEXT, frequency TEXT, pence INTEGER, PRIMARY KEY (component, frequency))")
con.executemany("INSERT INTO ceiling VALUES (?, ?, ?)", [(names[s], f, p) for (s, f), (_, p) in rates.items()])
sql = """
SELECT count(*), coalesce(sum(excess), 0) FROM (
  SELECT ((s.unit_cost - c.pence) * (CASE s.cost_frequency WHEN 'Weekly' THEN 100 ELSE s.planned_units END) + 50) / 100 AS excess
  FROM service_line s JOIN ceiling c ON c.component = s.service_component AND c.frequency = s.cost_frequency
  WHERE (s.start_date IS NULL OR s.start_date <= :on) AND (s.end_date IS NULL OR s.end_date >= :on)
    AND coalesce(s.delivery_mechanism, '') <> 'Direct payment' AND s.unit_cost > c.pence
    AND (s.cost_frequency = 'Weekly' OR s.planned_units > 0))"""
best, result = 1e9, None
for _ in range(5):
    start = time.perf_counter()
    result = con.execute(sql, {"on": as_at}).fetchone()
    best = min(best, time.perf_counter() - start)
print(json.dumps({"sqlite_flagged": result[0], "sqlite_weekly_excess_pence": result[1], "sqlite_seconds": round(best, 4)}))
