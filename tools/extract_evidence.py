#!/usr/bin/env python3
"""Builds rules/evidence/asce-annex.yaml from the ASCE final report annex (council document 003):
one entry per council, with its reported gross spend by year, and one item per sentence or bullet
that states an amount, with the line it is on, the quote, and the lever theme its words point to.
Themes are assigned by keywords (listed below) and are a starting point for a person to check; the
figures and quotes are the document's own. Run from the project root:
    python3 tools/extract_evidence.py ../shared/domain/council-documents/003_9f8a2094867af2e8.txt
"""
import json, re, sys

THEMES = [  # first match wins; (theme, lever id in rules/levers.yaml or "", keywords)
    ("high-cost packages", "high_cost_1800", r"high.cost (package|placement)"),
    ("night support", "waking_nights", r"waking night|sleep.in|night (care|support|cover)"),
    ("direct payments", "dp_unspent", r"direct payment|personal budget|personalisation|PA finder"),
    ("reablement", "reablement_not_offered", r"reablement|intermediate care"),
    ("health funding", "chc_not_tested", r"continuing health care|\bCHC\b|health funding|section 75|joint fund"),
    ("assistive technology", "assistive_technology", r"assistive technology|telecare|telehealth"),
    ("supported living", "residential_to_supported_living", r"supported living|extra care|supported accommodation"),
    ("shared lives", "shared_lives", r"shared lives"),
    ("day services", "day_services", r"day (care|centre|service|opportunit)"),
    ("transport", "transport", r"transport"),
    ("charging", "", r"charg|contribution|income"),
    ("out of area", "out_of_area_return", r"out of (area|county|borough)|out-of-area"),
    ("home care", "home_care_above_ceiling", r"home care|domiciliary"),
    ("care homes", "residential_above_band", r"residential|care home|nursing"),
    ("learning disability", "progression", r"learning disabilit"),
    ("reviews", "overdue_review", r"\breview"),
    ("commissioning", "", r"contract|procure|commission|tender|renegotiat|provider"),
    ("staffing", "", r"staff|management|restructur|back.office|workforce"),
    ("eligibility", "", r"eligibility"),
    ("prevention", "", r"prevent|voluntary|community|demand"),
]
AMOUNT = re.compile(r"£\s?([\d,]+(?:\.\d+)?)\s?(million|m\b|k\b|billion)?", re.I)

def pence(number, unit):
    value = float(number.replace(",", "")) if number.replace(",", "").replace(".", "", 1).isdigit() else None
    if value is None:
        return None
    scale = {"million": 1e6, "m": 1e6, "k": 1e3, "billion": 1e9}.get((unit or "").lower(), 1)
    return round(value * scale * 100)

def main(path):
    lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
    header = re.compile(r"^((?:\d+\.)+) (.*(Council|Councils|Borough of .*|Solihull|Kingston upon Thames|Havering|Hounslow|Redbridge|Waltham Forest|Richmond upon Thames|Barking and Dagenham|Poole))\s*$")
    councils, current = [], None
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        m = header.match(line)
        if m and len(line) < 90:
            current = {"name": m.group(2).strip(), "line": n, "gross_spend": [], "items": []}
            councils.append(current)
            continue
        if current is None or "£" not in line:
            continue
        amounts_here = list(AMOUNT.finditer(line))
        context = " ".join(lines[n - 4:n]).lower()
        if not current["gross_spend"] and len(amounts_here) >= 2 and "\t" in raw and re.search(r"gross|spend|budget", context):
            current["gross_spend"] = [a.group(0).strip() for a in AMOUNT.finditer(line)]
            continue
        text = re.sub(r"\*\*", "", line).lstrip("- ").strip()
        for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z])", text):
            amounts = list(AMOUNT.finditer(sentence))
            if not amounts:
                continue
            theme, lever = "other", ""
            for t, l, pattern in THEMES:
                if re.search(pattern, sentence, re.I):
                    theme, lever = t, l
                    break
            kind = ("rate" if re.search(r"per (hour|week|head|person)|an hour|a week", sentence, re.I) else
                    "pressure" if re.search(r"to (be )?f(ou)?nd|pressure|challenge|expect|will have to|need(s|ed)? to", sentence, re.I) else
                    "saving" if re.search(r"sav|deliver|reduc|rais|income|generat|efficien", sentence, re.I) else "other")
            scope = "council" if re.search(r"council overall|across the council|whole council|council as a whole|council-wide|"
                                           r"by the council|the council.s (overall|total)|public sector|health economy|across the (borough|county)", sentence, re.I) else "adult social care"
            for a in amounts:
                p = pence(a.group(1), a.group(2))
                if p is None:
                    continue
                current["items"].append({"amount": a.group(0).strip(), "line": n, "kind": kind, "scope": scope, "theme": theme, "lever": lever,
                                         "bullet": raw.lstrip().startswith("-"), "quote": sentence[:400]})
    out = ["# The ASCE final report annex (council document 003) as an evidence library: each council's",
           "# reported gross spend and every amount it states, with the line, the quote, its kind (saving,",
           "# pressure, rate or other) and a lever theme.",
           "# Generated by tools/extract_evidence.py; kinds and themes are assigned by keywords and are for a person",
           "# to check. Figures and quotes are the document's own, typos included.",
           "source: ASCE Final Report Annex (council document 003_9f8a2094867af2e8.txt)",
           "councils:"]
    for c in councils:
        out.append(f"  - name: {json.dumps(c['name'])}")
        out.append(f"    line: {c['line']}")
        if c["gross_spend"]:
            out.append(f"    gross_spend: {json.dumps(c['gross_spend'], ensure_ascii=False)}")
        out.append("    items:" if c["items"] else "    items: []")
        for i in c["items"]:
            out.append(f"      - {{amount: {json.dumps(i['amount'], ensure_ascii=False)}, line: {i['line']}, kind: {i['kind']}, scope: {json.dumps(i['scope'])}, theme: {json.dumps(i['theme'])}, "
                       f"lever: {json.dumps(i['lever'])}, bullet: {str(i['bullet']).lower()}, quote: {json.dumps(i['quote'], ensure_ascii=False)}}}")
    open("rules/evidence/asce-annex.yaml", "w").write("\n".join(out) + "\n")
    print(len(councils), "councils,", sum(len(c["items"]) for c in councils), "items,",
          sum(1 for c in councils if c["gross_spend"]), "with gross spend")

main(sys.argv[1])
