"""The risk benchmark's peer: the same Monte Carlo in NumPy, vectorised over trials, on the inputs
bench/risk_programme.py wrote, with each case's delivery risk (the generated cases are all M: a 25%
chance of a start 1 to 6 months late, a 15% chance of a shortfall of up to 25%; see
docs/business-cases.md). Prints the programme's P10/P50/P90 by year and the seconds taken."""
import json, sys, time
import numpy as np

params, trials = json.load(open(sys.argv[1])), int(sys.argv[2])
start = time.perf_counter()
rng = np.random.default_rng(1)
years = 3
total = np.zeros((years, trials))
for p in params:
    people = rng.triangular(p["people_range"][0], p["people"], p["people_range"][1], trials) if p["people_range"][1] > p["people_range"][0] else np.full(trials, p["people"])
    rate = rng.triangular(p["rate_range"][0], p["rate"], p["rate_range"][1], trials)
    lo, hi = p["confidence_range"]
    conf = rng.triangular(lo, p["confidence"], hi, trials) / 100 if hi > lo else np.full(trials, p["confidence"] / 100)
    slip = np.floor(p["slip"] * (1 - np.sqrt(1 - rng.random(trials))) + 0.5).astype(int)
    u_slip, u_short = rng.random(trials), rng.random(trials)
    slip += np.where(u_slip < 0.25, np.maximum(1, np.ceil(u_slip / 0.25 * 6)), 0).astype(int)
    keep = np.where(u_short < 0.15, 1 - u_short / 0.15 * 0.25, 1.0)
    annual = people * rate * 52 * conf * keep
    since_april = p["month"] - 4 + slip  # months from 1 April 2026 to the (slipped) start
    first_year = since_april // 12
    months_left = 12 - since_april % 12
    for y in range(years):
        share = np.where(y < first_year, 0.0, np.where(y == first_year, months_left / 12, 1.0))
        total[y] += annual * share
q = np.percentile(total, [10, 50, 90], axis=1)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": round(seconds, 3), "p50": [round(v) for v in q[1]], "p10": [round(v) for v in q[0]], "p90": [round(v) for v in q[2]]}))
