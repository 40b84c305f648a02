"""Peer for the import benchmark: pandas reads the same CLD CSV into a DataFrame.
Usage: /usr/bin/python3 pandas_import.py <cld.csv>   prints one JSON line."""
import json, sys, time
import pandas as pd

start = time.perf_counter()
frame = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
seconds = time.perf_counter() - start
print(json.dumps({"peer": "pandas", "seconds": seconds, "rows": len(frame),
                  "memory_bytes": int(frame.memory_usage(deep=True).sum())}))
