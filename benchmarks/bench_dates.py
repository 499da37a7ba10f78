"""Typed-date parsing (issue #17): what `core.date_input` costs the window, and why
`dateparser` is only a lazy last resort.

    python -m benchmarks.bench_dates

Each import is timed in a fresh interpreter (so nothing is cached); parsing is timed in
this one. Prints one JSON document. Not part of `make bench` (small, quick: run it by
hand when the parser changes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from .harness import ROOT

FORMS = [
    "2015年7月9日",
    "2015年7月",
    "2015/7/9",
    "9 July 2015",
    "late 2017",
    "2015年初",
    "2015-10~",
    "July 2015 to March 2016",
]


def _child(code: str) -> float:
    """Seconds `code` takes in a fresh interpreter (best of three)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    best = float("inf")
    for _ in range(3):
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                f"import time; t=time.perf_counter(); {code}; print(time.perf_counter()-t)",
            ],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=120,
        )
        best = min(best, float(out.stdout.strip().splitlines()[-1]))
    return best


def main() -> dict:
    from dossier.core.date_input import parse_date_input

    n = 2000
    t = time.perf_counter()
    for i in range(n):
        parse_date_input(FORMS[i % len(FORMS)])
    per_parse_us = (time.perf_counter() - t) / n * 1e6
    result = {
        "import_core_dates_s": _child("import dossier.core.dates"),
        "import_date_input_s": _child("import dossier.core.date_input"),
        "import_dateparser_s": _child("import dateparser"),
        "dateparser_first_parse_s": _child(
            "from dossier.core.date_input import parse_date_input; parse_date_input('9. Juli 2015')"
        ),
        "parse_us_per_date": round(per_parse_us, 1),
        "forms": FORMS,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
