"""The derive processes' side: a case list's facts for another as-of day, off the window.

Why a process: deriving 50,000 cases is ~1–2 s of pure Python. On the window's worker
thread it shares one GIL with the UI thread (which calls Python for every painted
cell), so a new as-of day took 28.7 s to the full list with 190 ms stalls. Two
processes at a lower priority derive half the cases each, while the window's threads
stay idle.

This module is the pure part (standard library only, no Qt, no store): event rows
as plain tuples (`EVENT_COLUMNS`, read with plain SQL by `services/day_facts.py`),
kept per case once per store generation, and the request loop a process runs. Events
are built (`core.model.Event`) only for the slice being derived, so a process holds
500,000 small tuples, not 500,000 dataclasses.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from dossier.core.model import Event
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


def _event(cid: str, r: tuple) -> Event:
    charges = r[4]
    return Event(
        id=r[0],
        case_id=cid,
        type=r[1],
        date=r[2],
        end=r[3],
        charges=json.loads(charges) if charges and charges != "[]" else [],
        sentence=r[5],
        seq=r[6] or 0,
        reported=r[7],
        outcome=r[8],
        probation=r[9],
        political_rights=r[10],
        whereabouts=r[11],
        last_confirmed=r[12],
        created="",
        updated="",
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
            send(("ok", worker.handle(msg)))
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which falls back
            send(("error", type(exc).__name__))
