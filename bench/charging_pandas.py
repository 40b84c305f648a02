"""Peer for the charging benchmark: the same 10 options and baseline over the same caseload in
pandas/numpy, vectorised, with integer pence throughout (the rules ascent applies to this caseload:
single adults 25 to pension age, PIP daily living, MIG 25+ and the disability premium, standard DRE,
tariff income, residential PEA, caps). Prints one JSON line; its totals must equal ascent's.
Usage: python3 charging_pandas.py <dir>"""
import json
import sys
import time

import numpy as np
import pandas as pd

cases = pd.read_csv(f"{sys.argv[1]}/caseload.csv")
# Parameters on 1 June 2025 (rules/charging/*.yaml).
BASE = dict(lower=14_250_00, upper=23_250_00, nonres_upper=23_250_00, step=250_00, pea=30_65, mig=112_50, dp=49_65,
            higher=110_40, middle=73_90, dre=20_00, dre_extra=0, count_night=False, uplift=0, minimum=0, maximum=0)
OPTIONS = [("baseline", {}), ("count the higher rate", dict(count_night=True)),
           ("higher rate, +£5 DRE", dict(count_night=True, dre_extra=5_00)),
           ("higher rate, +£10 DRE", dict(count_night=True, dre_extra=10_00)),
           ("higher rate, +£15 DRE", dict(count_night=True, dre_extra=15_00)),
           ("DRE £17", dict(dre=17_00)), ("DRE £25", dict(dre=25_00)), ("MIG +5%", dict(uplift=500)),
           ("minimum charge £2", dict(minimum=2_00)), ("maximum charge £250", dict(maximum=250_00)),
           ("non-residential upper limit £30,000", dict(nonres_upper=30_000_00))]


def weekly_income(c, p):
    res = c.residential.to_numpy() == 1
    capital, cost = c.capital.to_numpy(), c.cost.to_numpy()
    tariff = np.where(capital > p["lower"], -(-(capital - p["lower"]) // p["step"]) * 100, 0)
    higher_counted = (c.higher.to_numpy() == 1) & ((c.night.to_numpy() == 1) | p["count_night"])
    benefit = np.where(higher_counted, p["higher"], p["middle"])
    income = c.income.to_numpy() + benefit + tariff
    mig = p["mig"] + np.where(c.dp.to_numpy() == 1, p["dp"], 0)
    if p["uplift"]:
        mig = (mig * (10_000 + p["uplift"]) * 2 + 10_000) // 20_000  # half-up
    dre = p["dre"] + np.where(higher_counted, p["dre_extra"], 0)
    nonres = np.maximum(0, income - mig - dre - c.housing.to_numpy())
    resid = np.maximum(0, income - p["pea"])
    full = capital > np.where(res, p["upper"], p["nonres_upper"])
    charge = np.minimum(np.where(full, cost, np.where(res, resid, nonres)), cost)
    if p["maximum"]:
        charge = np.where(~res & (charge > p["maximum"]), p["maximum"], charge)
    if p["minimum"]:
        charge = np.where((charge > 0) & (charge < p["minimum"]), 0, charge)
    return int(charge.sum())


best, totals = float("inf"), {}
for _ in range(5):
    start = time.perf_counter()
    totals = {name: weekly_income(cases, {**BASE, **changes}) for name, changes in OPTIONS}
    best = min(best, time.perf_counter() - start)
print(json.dumps({"engine": "pandas", "cases": len(cases), "seconds": round(best, 4), "weekly_income": totals}))
