"""Finding duplicates inside one store at Dui Hua scale (issue #17 item 12): the
synthetic 50,000 cases (a pinyin name and a Chinese one each), pinyin/OpenCC keys,
exact-key pairs and rapidfuzz near matches within blocks of keys.

The baseline is the share import's matcher (`find_duplicates`) run on a 200-case
sample against the whole store, extrapolated: what comparing all pairs would cost.

Run: `python -m benchmarks.bench_duplicates [N_CASES]` (no store is written).
"""

from __future__ import annotations

import sys
import time

from dossier.share.dedupe import CaseNames, case_keys, find_duplicates, find_duplicates_within

from .harness import emit
from .synth import make_cases


def main(n: int = 50_000) -> None:
    cases = [CaseNames(c.id, c.name, tuple(x.value for x in c.names)) for c in make_cases(n, 0)]
    t0 = time.perf_counter()
    for c in cases:
        case_keys(c)
    keys_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    pairs = find_duplicates_within(cases)
    within_s = time.perf_counter() - t0
    sample = cases[:200]
    t0 = time.perf_counter()
    find_duplicates(sample, cases)
    naive_s = (time.perf_counter() - t0) * len(cases) / len(sample)
    emit(
        {
            "bench": "duplicates",
            "cases": n,
            "keys_s": round(keys_s, 2),
            "within_s": round(within_s, 2),
            "pairs": len(pairs),
            "all_pairs_estimate_s": round(naive_s, 1),
        }
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
