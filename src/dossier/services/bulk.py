"""Adding thousands of cases in a few transactions, with progress and cancel."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from dossier.core import validate
from dossier.core.model import Case
from dossier.store import bulk

from .dossier import Dossier


def add_cases(
    d: Dossier,
    cases: Iterable[Case],
    *,
    batch: int = 5000,
    validate_records: bool = True,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert new cases in batches (one transaction each); returns how many."""
    done = 0
    chunk: list[Case] = []
    today = date.today()

    def flush() -> None:
        nonlocal done
        with d.store.write(f"bulk add {len(chunk)} cases") as s:
            bulk.insert_cases(s, chunk, facts_day=today)
        done += len(chunk)
        chunk.clear()
        if progress:
            progress(done)

    for c in cases:
        if validate_records:
            validate.validate_case(c)
            for i, e in enumerate(c.events, start=1):
                e.seq = e.seq or i
                validate.validate_event(e)
        chunk.append(c)
        if len(chunk) >= batch:
            flush()
    if chunk:
        flush()
    return done
