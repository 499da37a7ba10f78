"""The derive processes' side: a case list's facts for another as-of day, off the window.

Why a process: deriving 50,000 cases from scratch is ~3.6 s of pure Python
(bench_window's cases). On the window's worker thread it shares one GIL with the UI thread (which calls Python for every painted
cell), so a new as-of day took 28.7 s to the full list with 190 ms stalls. Two
processes at a lower priority derive half the cases each, while the window's threads
stay idle.

This module is the pure part (standard library only, no Qt, no store): event rows
(`EVENT_COLUMNS`, read with plain SQL by `services/day_facts.py`) kept per case once
per store generation, and the request loop a process runs. Each case is kept as its
events (`ListEvent`, tuples as small as the rows) and the plan of all of them
(core/timeline_plan.py: the walk, the verdict in force, where each measure began),
made at load. A change of day then only counts days and limits for most cases
(all their events lie before the day); a case with events on both sides of the day is
planned afresh. For bench_window's 50,000 cases a process's half of a change of day
went from 1.8 s of CPU to 0.4 s; the plans cost ~1.2 s more at load (in the
background, once per generation) and ~40 MiB per process (peak 219 -> 258 MiB).
"""

from __future__ import annotations

import contextlib
import gc
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any, NamedTuple

from dossier.core.facts import ListFacts
from dossier.core.timeline import choose, list_facts, list_facts_of
from dossier.core.timeline_plan import plan

# The columns of `events` that derive() reads (order matters: see _event). Notes,
# places and sources are left out: a list never needs them.
EVENT_COLUMNS = (
    "case_id, id, type, date, end, charges, sentence, seq, reported, outcome, "
    "probation, political_rights, whereabouts, last_confirmed"
)
EVENTS_SQL = f"SELECT {EVENT_COLUMNS} FROM events ORDER BY case_id, earliest, seq"

# A loader reads event rows (case id first): for these case ids, or all (None). Injected
# by the process entry (services/day_facts.py), which holds the keyed connection.
Loader = Callable[[list[str] | None], Iterable[tuple]]


def owner(case_id: str, count: int) -> int:
    """Which of `count` processes keeps and derives this case: each holds only its own
    share of the events (half the memory each), and the parent sends it only those."""
    return zlib.crc32(case_id.encode()) % count if count > 1 else 0


class ListEvent(NamedTuple):
    """An event as the list's derive reads it: the fields of `core.model.Event` that
    derive uses, in a tuple — as small as the row it is read from, and made in half
    the time of the dataclass, whose defaults make a list and a dict for each event.
    `derive` only reads attributes, so it takes either."""

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


def _event(r: tuple) -> ListEvent:
    charges = r[5]
    return ListEvent(
        r[1],
        r[0],
        r[2],
        r[3],
        r[4],
        json.loads(charges) if charges and charges != "[]" else _NO_CHARGES,
        r[6],
        r[7] or 0,
        r[8],
        r[9],
        r[10],
        r[11],
        r[12],
        r[13],
    )


_EMPTY = plan([], keep_steps=False)  # a case none of whose events has happened yet


class Kept:
    """One case as a process keeps it for a store generation: its events, and the
    plan (core.timeline_plan) of all of them, which every as-of day on or after
    `complete_from` chooses (the latest of its events' earliest days: from then on
    every event counts); a day before `first_from` (the earliest of them) chooses
    none; a day between them is planned afresh."""

    __slots__ = ("events", "first_from", "complete_from", "plan")

    def __init__(self, events: list[ListEvent]) -> None:
        self.events = events
        items = choose(events, None)
        starts = [it[4].earliest for it in items]  # own days: a merged report moves it[1]
        self.first_from = min(starts, default=date.min)
        self.complete_from = max(starts, default=date.min)
        self.plan = plan(items, keep_steps=False)

    def facts(self, as_of: date, known_on: date | None) -> ListFacts:
        if known_on is None:
            if as_of >= self.complete_from:
                return list_facts_of(self.plan, as_of)
            if as_of < self.first_from:
                return list_facts_of(_EMPTY, as_of)
        return list_facts(self.events, as_of, known_on)


def keep(rows: Iterable[tuple], share: tuple[int, int] = (0, 1)) -> dict[str, Kept]:
    """Event rows (case id first, as EVENTS_SQL orders them) kept by case, each
    case's events in the order read: only the cases of this process's `share`
    (index, count)."""
    grouped: dict[str, list[ListEvent]] = {}
    index, count = share
    cid: str | None = None
    events: list[ListEvent] | None = None
    for r in rows:
        if r[0] != cid:
            cid = r[0]
            if count > 1 and owner(cid, count) != index:
                events = None
            else:
                events = grouped.setdefault(cid, [])
        if events is not None:
            events.append(_event(r))
    return {c: Kept(evs) for c, evs in grouped.items()}


def derive_slice(
    kept: dict[str, Kept], case_ids: Iterable[str], as_of: date, known_on: date | None = None
) -> list[tuple]:
    """(case id, *ListFacts.to_row()) for each case: plain tuples, cheap to pickle."""
    out = []
    empty = None
    for cid in case_ids:
        k = kept.get(cid)
        if k is None:  # a case without events
            if empty is None:
                empty = list_facts_of(_EMPTY, as_of).to_row()
            out.append((cid, *empty))
        else:
            out.append((cid, *k.facts(as_of, known_on).to_row()))
    return out


class Worker:
    """One process's state: the cases (`Kept`) of the store generation it last loaded."""

    def __init__(self, load: Loader, share: tuple[int, int] = (0, 1)) -> None:
        self._load = load
        self.share = share
        self.kept: dict[str, Kept] = {}

    def handle(self, msg: tuple) -> Any:
        """One request: ("load", None | case ids) reloads all events or those cases';
        ("derive", day, known_on, ids) answers `derive_slice` for them."""
        kind = msg[0]
        if kind == "load":
            ids = msg[1]
            if ids is None:
                self.kept = {}  # the old generation's cases go before the new ones come
                self.kept = keep(self._load(None), self.share)
            else:
                fresh = keep(self._load(list(ids)), self.share)
                for cid in ids:
                    if cid in fresh:
                        self.kept[cid] = fresh[cid]
                    else:
                        self.kept.pop(cid, None)
            return len(self.kept)
        if kind == "derive":
            _, day, known_on, ids = msg
            return derive_slice(
                self.kept,
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
