"""Writes a generated savings programme for the risk benchmark: N cases, each a weekly saving for
a cohort with ranges on its size, saving per person, confidence and start date. Writes the cases
as one programme YAML file for ascent and the same inputs as JSON for the NumPy peer."""
import json, random, sys

cases, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(20261123)
params, lines = [], ["name: Generated programme", "first_year: 2026/27", "years: 3", "cases:"]
for i in range(cases):
    people = rng.randint(10, 200)
    rate = round(rng.uniform(20, 400), 2)
    confidence = rng.choice([50, 60, 75, 90, 100])
    month = rng.randint(4, 12)
    slip = rng.choice([0, 3, 6])
    p = dict(people=people, rate=rate, confidence=confidence, month=month, slip=slip,
             people_range=[int(people * 0.7), int(people * 1.2)], rate_range=[round(rate * 0.6, 2), round(rate * 1.1, 2)],
             confidence_range=[max(0, confidence - 20), confidence])
    params.append(p)
    case = f"{out}-case-{i:03}.yaml"
    with open(case, "w") as f:
        f.write(f"""id: G{i:03}
title: Generated case {i}
first_year: 2026/27
years: 3
options:
  - name: As planned
    lines:
      - name: Reviews of {people} people
        kind: weekly
        rate: "{rate:.2f}"
        people: "{people}"
        start: 2026-{month:02}-01
        confidence: "{confidence}%"
        risk:
          people: ["{p['people_range'][0]}", "{p['people_range'][1]}"]
          rate: ["{p['rate_range'][0]:.2f}", "{p['rate_range'][1]:.2f}"]
          confidence: ["{p['confidence_range'][0]}%", "{p['confidence_range'][1]}%"]
          slip_months: {slip}
""")
    lines.append(f"  - {case.split('/')[-1]}")
json.dump(params, open(out + ".json", "w"))
open(out + ".yaml", "w").write("\n".join(lines) + "\ntargets: {2027/28: \"66.8m\"}\n")
