"""How long derive() takes per case (issue #11 made the timeline model richer; it runs
for every case of a list view that is not served from the facts cache).

    PYTHONPATH=src:. python -m benchmarks.bench_derive [N]

Prints microseconds per case for derive() and for CaseFacts.to_json() on N synthetic
cases (benchmarks.synth, 10 events each; default 5,000).
"""

from __future__ import annotations

import sys
import time
from datetime import date

from benchmarks.synth import make_cases
from dossier.core.timeline import derive


def main(n: int = 5000) -> dict:
    cases = make_cases(n)
    day = date(2018, 2, 3)
    t0 = time.perf_counter()
    facts = [derive(c.events, day) for c in cases]
    t1 = time.perf_counter()
    for f in facts:
        f.to_json()
    t2 = time.perf_counter()
    out = {
        "cases": n,
        "derive_us_per_case": round((t1 - t0) * 1e6 / n, 1),
        "to_json_us_per_case": round((t2 - t1) * 1e6 / n, 1),
        "alerts_per_case": round(sum(len(f.alerts) for f in facts) / n, 2),
    }
    print(out)
    return out


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
