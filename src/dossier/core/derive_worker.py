"""The derive processes' side: a case list's facts for another as-of day, off the window.

Why a process: deriving 50,000 cases is ~3.6 s of pure Python (bench_window's cases). On the window's worker
thread it shares one GIL with the UI thread (which calls Python for every painted
cell), so a new as-of day took 28.7 s to the full list with 190 ms stalls. Two
processes at a lower priority derive half the cases each, while the window's threads
stay idle.

This module is the pure part (standard library only, no Qt, no store): event rows
as plain tuples (`EVENT_COLUMNS`, read with plain SQL by `services/day_facts.py`),
kept per case once per store generation, and the request loop a process runs. Events
are built (`ListEvent`) only for the slice being derived, so a process holds its rows
as small tuples, never half a million event objects.
"""

from __future__ import annotations

import contextlib
import gc
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any, NamedTuple

from dossier.core.timeline import list_facts

# The columns of `events` that derive() reads (order matters: see _event). Notes,
# places and sources are left out: a list never needs them.
EVENT_COLUMNS = (
    "case_id, id, type, date, end, charges, sentence, seq, reported, outcome, "
    "probation, political_rights, whereabouts, last_confirmed"
)
EVENTS_SQL = f"SELECT {EVENT_COLUMNS} FROM events ORDER BY case_id, earliest, seq"

Rows = dict[str, list[tuple]]  # case id → its event rows (without the case id)
# A loader reads event rows: for these case ids, or all (None). Injected by the
# process entry (services/day_facts.py), which holds the keyed connection.
Loader = Callable[[list[str] | None], Iterable[tuple]]


def owner(case_id: str, count: int) -> int:
    """Which of `count` processes keeps and derives this case: each holds only its own
    share of the events (half the memory each), and the parent sends it only those."""
    return zlib.crc32(case_id.encode()) % count if count > 1 else 0


def group(rows: Iterable[tuple], share: tuple[int, int] = (0, 1)) -> Rows:
    """Event rows (starting with the case id) grouped by case, in their order; only
    the cases of this process's `share` (index, count)."""
    out: Rows = {}
    index, count = share
    mine: dict[str, bool] = {}
    for r in rows:
        cid = r[0]
        if count > 1:
            keep = mine.get(cid)
            if keep is None:
                keep = mine[cid] = owner(cid, count) == index
            if not keep:
                continue
        lst = out.get(r[0])
        if lst is None:
            lst = out[r[0]] = []
        lst.append(r[1:])
    return out


class ListEvent(NamedTuple):
    """An event as the list's derive reads it: the fields of `core.model.Event` that
    derive uses, in a tuple. Built for each case at each change of day from the rows
    kept here, so its cost counts: a tuple is made in half the time of the
    dataclass, whose defaults make a list and a dict for each event. `derive` only
    reads attributes, so it takes either."""

    id: str
    case_id: str
    type: str
    date: str
    end: str | None
    charges: list[str]
    sentence: str | None
    seq: int
    reported: str | None
    outcome: str | None
    probation: str | None
    political_rights: str | None
    whereabouts: str | None
    last_confirmed: str | None


_NO_CHARGES: list[str] = []


def _event(cid: str, r: tuple) -> ListEvent:
    charges = r[4]
    return ListEvent(
        r[0],
        cid,
        r[1],
        r[2],
        r[3],
        json.loads(charges) if charges and charges != "[]" else _NO_CHARGES,
        r[5],
        r[6] or 0,
        r[7],
        r[8],
        r[9],
        r[10],
        r[11],
        r[12],
    )


def derive_slice(
    rows: Rows, case_ids: Iterable[str], as_of: date, known_on: date | None = None
) -> list[tuple]:
    """(case id, *ListFacts.to_row()) for each case: plain tuples, cheap to pickle."""
    out = []
    for cid in case_ids:
        evs = [_event(cid, r) for r in rows.get(cid, ())]
        out.append((cid, *list_facts(evs, as_of, known_on).to_row()))
    return out


class Worker:
    """One process's state: the event rows of the store generation it last loaded."""

    def __init__(self, load: Loader, share: tuple[int, int] = (0, 1)) -> None:
        self._load = load
        self.share = share
        self.rows: Rows = {}

    def handle(self, msg: tuple) -> Any:
        """One request: ("load", None | case ids) reloads all events or those cases';
        ("derive", day, known_on, ids) answers `derive_slice` for them."""
        kind = msg[0]
        if kind == "load":
            ids = msg[1]
            if ids is None:
                self.rows = {}  # the old generation's rows go before the new ones come
                self.rows = group(self._load(None), self.share)
            else:
                fresh = group(self._load(list(ids)), self.share)
                for cid in ids:
                    if cid in fresh:
                        self.rows[cid] = fresh[cid]
                    else:
                        self.rows.pop(cid, None)
            return len(self.rows)
        if kind == "derive":
            _, day, known_on, ids = msg
            return derive_slice(
                self.rows,
                ids,
                date.fromisoformat(day),
                date.fromisoformat(known_on) if known_on else None,
            )
        raise ValueError(f"unknown request {kind!r}")


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Cyclic garbage collection off while a batch of small objects is made. A derive
    or a day's list makes some 200,000 objects (facts, dates, rows), and each
    collection they trigger walks every object the process keeps -- the events here,
    the list in the window's process: at 50,000 cases that walking was 1.4 s of a
    2.7 s change of day. The garbage is acyclic and freed by reference counting; the
    collector runs again afterwards, on whatever is left."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def serve(
    recv: Callable[[], tuple],
    send: Callable[[Any], None],
    load: Loader,
    share: tuple[int, int] = (0, 1),
) -> None:
    """The request loop: answer each request in order until ("stop",) or the pipe
    closes. An error is sent back as ("error", type name) and the loop goes on."""
    worker = Worker(load, share)
    while True:
        try:
            msg = recv()
        except (EOFError, OSError):
            return
        if msg[0] == "stop":
            return
        try:
            with collector_paused():
                answer = worker.handle(msg)
            if msg[0] == "load" and msg[1] is None:
                # The events are kept until the next generation: collected once, then
                # left out of every later collection (they hold no cycles).
                gc.collect()
                gc.freeze()
            send(("ok", answer))
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which falls back
            send(("error", type(exc).__name__))
