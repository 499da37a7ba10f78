"""How long derive() takes per case (issue #11 made the timeline model richer; it runs
for every case of a list view that is not served from the facts cache).

    PYTHONPATH=src:. python -m benchmarks.bench_derive [N]

Prints microseconds per case for derive() and for CaseFacts.to_json() on N synthetic
cases (benchmarks.synth, 10 events each; default 5,000), and for a list's two ways: a
derive from scratch (list_facts) against counting a kept plan for another day (what
the derive processes do after a change of day: core/derive_worker.Kept), with the
cost of making the plans once.
"""

from __future__ import annotations

import sys
import time
from datetime import date

from benchmarks.synth import make_cases
from dossier.core.derive_worker import Kept
from dossier.core.timeline import derive, list_facts


def main(n: int = 5000) -> dict:
    cases = make_cases(n)
    day = date(2018, 2, 3)
    t0 = time.perf_counter()
    facts = [derive(c.events, day) for c in cases]
    t1 = time.perf_counter()
    for f in facts:
        f.to_json()
    t2 = time.perf_counter()
    list_from_scratch = time.perf_counter()
    for c in cases:
        list_facts(c.events, day)
    t3 = time.perf_counter()
    kept = [Kept(c.events) for c in cases]  # type: ignore[arg-type]  # derive reads attributes
    t4 = time.perf_counter()
    for k in kept:
        k.facts(day, None)
    t5 = time.perf_counter()
    us = 1e6 / n
    out = {
        "cases": n,
        "list_from_scratch_us_per_case": round((t3 - list_from_scratch) * us, 1),
        "plan_once_us_per_case": round((t4 - t3) * us, 1),
        "list_from_kept_plan_us_per_case": round((t5 - t4) * us, 1),
        "derive_us_per_case": round((t1 - t0) * 1e6 / n, 1),
        "to_json_us_per_case": round((t2 - t1) * 1e6 / n, 1),
        "alerts_per_case": round(sum(len(f.alerts) for f in facts) / n, 2),
    }
    print(out)
    return out


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
