"""The case list's and the overview's reads: typed rows as of a day, filtered.

Apart from `dossier.py` (the records' use cases) because it is one concern with its
own state: which day's facts are derived already, the facts cache's freshness and the
derive processes (`day_facts.py`). Today's facts come from the store's `list_facts`
columns in one plain read; another day's are derived in two processes for big lists
(on this thread below `day_facts.MIN_CASES` cases or when processes cannot run).
`Dossier.list_rows`, `summaries`, `chart_rows` and `ensure_facts` delegate here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from dossier.core.derive_worker import collector_paused
from dossier.core.facts import DayRange, ListFacts, Segment
from dossier.store import facts_cache, search
from dossier.store.schema import FactsCacheRow, TagRow

from .day_facts import DayFacts, ProcessFailed
from .summaries import (
    CaseSummary,
    Check,
    ListRow,
    derive_rows,
    fetch_rows,
    load_summaries,
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One case of the overview chart: its list facts and its status segments."""

    id: str
    name: str
    native_name: str | None
    facts: ListFacts
    segments: tuple[Segment, ...]

    @property
    def status(self) -> str:
        return self.facts.status


class CaseLists:
    """The list reads of one open `Dossier`."""

    def __init__(self, d: Any) -> None:
        """`d`: the open Dossier (not imported here: dossier.py imports this module)."""
        self.d = d
        self._facts_fresh: tuple[date, int] | None = None  # (day, store generation)
        # Facts derived for the case list on another day than today, kept (in memory
        # only) until the next write: a job stopped midway leaves its work for the next.
        self._day_facts: tuple[tuple[date, int, date | None], dict[str, ListFacts]] | None = None
        self.processes = DayFacts(d.store)
        # The rows of the whole list (or one tag) as last read, by (generation, tag):
        # their names and tags serve another day's list without reading them again.
        self._identity: tuple[tuple[int, str | None], list[ListRow]] | None = None

    def close(self) -> None:
        self._day_facts = None
        self._identity = None
        self.processes.close()

    def ensure_facts(self, as_of: date | None = None, progress: Progress | None = None) -> int:
        """Bring the facts cache up to `as_of` (today); returns how many were recomputed."""
        day = as_of or date.today()
        if self._facts_fresh == (day, self.d.store.generation):
            return 0
        n = 0
        with self.d.store.read() as s:
            stale = facts_cache.stale_count(s, day)
        if stale:
            with self.d.store.write("facts cache") as s:
                n = facts_cache.refresh(s, day)
            if progress:
                progress(n, n)
        self._facts_fresh = (day, self.d.store.generation)
        return n

    def summaries(
        self,
        case_ids: list[str] | None = None,
        as_of: date | None = None,
        *,
        status: str | None = None,
        tag: str | None = None,
        query: str | None = None,
        alert: str | None = None,
        stage: str | None = None,
        known_on: date | None = None,
    ) -> list[CaseSummary]:
        """Case summaries as of a day (as known on `known_on`), filtered; what `list`
        and the case list show."""
        day = as_of or date.today()
        today = day == date.today() and known_on is None
        if today:
            self.ensure_facts(day)
        with self.d.store.read() as s:
            ids = case_ids
            if tag:
                tagged = list(s.scalars(select(TagRow.case_id).where(TagRow.tag == tag)))
                keep = set(tagged)
                ids = tagged if ids is None else [i for i in ids if i in keep]
            if query:
                found = search.matching_case_ids(s, query)
                keep = set(found)
                ids = found if ids is None else [i for i in ids if i in keep]
            if status and today and ids is None:
                ids = list(
                    s.scalars(select(FactsCacheRow.case_id).where(FactsCacheRow.status == status))
                )
            rows = load_summaries(s, ids, day, cached=today, known_on=known_on)
        if status:
            rows = [r for r in rows if r.status == status]
        if stage:
            rows = [r for r in rows if r.stage == stage]
        if alert:
            rows = [r for r in rows if any(a["rule"] == alert for a in r.facts.get("alerts", []))]
        if ids is not None and (tag or query or status or stage) and case_ids is None:
            rows.sort(key=lambda r: (r.name, r.id))
        return rows

    def list_rows(
        self,
        as_of: date | None = None,
        *,
        status: str | None = None,
        tag: str | None = None,
        alert: str | None = None,
        query: str | None = None,
        case_ids: list[str] | None = None,
        limit: int | None = None,
        check: Check | None = None,
        first: list[str] | tuple[str, ...] = (),
        on_chunk: Callable[[list[ListRow]], None] | None = None,
        stage: str | None = None,
        known_on: date | None = None,
    ) -> list[ListRow]:
        """The case list's rows as of a day, filtered, by name: light tuples (ListRow),
        the same cases and facts as :meth:`summaries` without segments.

        Today's facts come from the cache, read in chunks. Another day's are derived a
        slice of cases at a time — ids in `first` (the rows on screen) first, each slice
        handed to `on_chunk` — and remembered for that day until the next write.
        `check()` runs between chunks; a superseded job raises there to stop early.
        """
        day = as_of or date.today()
        ids = case_ids
        if query:
            found = self.d.matching_case_ids(query, check)
            ids = list(found) if ids is None else [i for i in ids if i in found]
            if not ids:
                return []
        if day == date.today() and known_on is None:
            self.ensure_facts(day)
            with self.d.store.read() as s:
                rows = fetch_rows(
                    s,
                    day,
                    case_ids=ids,
                    status=status,
                    tag=tag,
                    alert=alert,
                    limit=limit,
                    check=check,
                )
            if ids is None and limit is None and not (status or alert):
                # A list of its own: callers may empty the one they get (Backend.discard).
                self._identity = ((self.d.store.generation, tag), list(rows))
            if ids is None and limit is None and self.processes.wanted(len(rows)):
                self.processes.warm_later()  # the next day's derive finds them ready
            return [r for r in rows if r.stage == stage] if stage else rows
        key = (day, self.d.store.generation, known_on)
        if self._day_facts is None or self._day_facts[0] != key:
            self._day_facts = (key, {})
        known = self._day_facts[1]
        whole = ids is None and limit is None
        if whole and self._identity and self._identity[0] == (self.d.store.generation, tag):
            # The same cases as the list already read (names and tags do not depend on
            # the day): four table scans saved at every change of day.
            rows = self._identity[1]
        else:
            with self.d.store.read() as s:
                rows = fetch_rows(s, None, case_ids=ids, tag=tag, limit=limit, check=check)
            if whole:
                self._identity = ((self.d.store.generation, tag), list(rows))
        if self.processes.wanted(len(rows)):
            rows = self._derive_in_processes(rows, day, known_on, known, check, first, on_chunk)
        if any(r.id not in known for r in rows):  # small lists, or the processes failed
            with self.d.store.read() as s:
                rows = derive_rows(
                    s,
                    rows,
                    day,
                    known=known,
                    check=check,
                    first=first,
                    on_chunk=on_chunk,
                    known_on=known_on,
                )
        else:
            with collector_paused():
                rows = [r.with_facts(known[r.id]) for r in rows]
        if status:
            rows = [r for r in rows if r.status == status]
        if stage:
            rows = [r for r in rows if r.stage == stage]
        if alert:
            rows = [r for r in rows if r.facts.has_alert(alert)]
        return rows

    def _derive_in_processes(
        self,
        rows: list[ListRow],
        day: date,
        known_on: date | None,
        known: dict[str, ListFacts],
        check: Check | None,
        first,
        on_chunk: Callable[[list[ListRow]], None] | None,
    ) -> list[ListRow]:
        """Facts of `rows` from the derive processes, the rows on screen first; on a
        failure what they finished stays in `known` and the caller derives the rest."""
        by_id = {r.id: r for r in rows}
        order = list(dict.fromkeys([c for c in first if c in by_id] + list(by_id)))

        def on_slice(ids: list[str]) -> None:
            if on_chunk is not None:
                on_chunk([by_id[c].with_facts(known[c]) for c in ids])

        try:
            self.processes.derive(order, day, known_on, known=known, check=check, on_slice=on_slice)
        except ProcessFailed:
            return rows
        return rows

    def chart_rows(
        self,
        as_of: date | None = None,
        *,
        case_ids: list[str] | None = None,
        check: Check | None = None,
        chunk: int = 2000,
    ) -> list[ChartRow]:
        """The overview chart's rows (by name): the list's typed facts with the status
        segments the chart draws, from the facts cache for today, derived otherwise;
        `chunk` cases per read, `check()` between reads (a superseded load stops)."""
        day = as_of or date.today()
        ids = case_ids if case_ids is not None else self.d.all_case_ids()
        out: list[ChartRow] = []
        for i in range(0, len(ids), chunk):
            if check is not None:
                check()
            for s in self.d.summaries(ids[i : i + chunk], as_of=day):
                out.append(
                    ChartRow(
                        s.id,
                        s.name,
                        s.native_name,
                        ListFacts.from_json(s.facts),
                        tuple(_segment(j) for j in s.facts.get("segments") or ()),
                    )
                )
        return out


def _day(j: dict) -> DayRange:
    return DayRange(date.fromisoformat(j["earliest"]), date.fromisoformat(j["latest"]))


def _segment(j: dict) -> Segment:
    return Segment(
        j["status"],
        _day(j["start"]),
        _day(j["end"]) if j.get("end") else None,
        tuple(j.get("event_ids") or ()),
    )
