"""The case list's jobs: what runs on the backend's worker for the panel in case_list.py.

Each reload is one job under the key "case-list"; a newer one supersedes it, and the
superseded job stops at its next chunk (`job.check()` raises there) instead of finishing
a read nobody wants. The worker hands back light rows (`ListRow` tuples) in name order,
already sorted as the view wants them, so the UI thread only swaps or appends. On
another day than today, facts are derived a slice at a time and each slice travels to
the panel through a :class:`FactsRelay` (the rows on screen first).

Kept apart from the panel so the worker side — snapshot in, value out, no widgets —
reads on its own: nothing here touches a widget, only the `Dossier` and plain data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal

from dossier.services.summaries import ListRow

from .backend import Job
from .models.case_table import NAME, sort_rows


@dataclass(frozen=True)
class ListRequest:
    """What a reload asks for: the filters, the day, and the ids on screen."""

    query: str
    status: str | None
    tag: str | None
    alert: str | None
    as_of: date
    first: tuple[str, ...] = field(default=(), compare=False)  # ids on screen: their facts first

    @property
    def base_key(self) -> tuple:
        return (self.status, self.tag, self.alert, self.as_of)

    @property
    def plain(self) -> bool:
        """No filter, no search, today: the whole list by name."""
        return (
            not (self.query or self.status or self.tag or self.alert) and self.as_of == date.today()
        )

    def facts_in_slices(self, base_known: bool) -> bool:
        """Facts of another day than today arrive a slice at a time (rows on screen
        first); a filter by status or alert needs every row's facts, so it waits."""
        return not base_known and self.as_of != date.today() and not (self.status or self.alert)

    def wants_first_page(self, base_known: bool, sort: tuple | None, rows_shown: int) -> bool:
        """An empty table about to get the whole list by name: show a first page early."""
        by_name = sort is None or (sort[0] == NAME and sort[1] == Qt.SortOrder.AscendingOrder)
        return not base_known and self.plain and by_name and rows_shown == 0


@dataclass(frozen=True)
class BaseRows:
    """The rows of the filters and the day (typed `ListRow`s, facts as `ListFacts`), in
    the order of `sort` (None: by name as loaded). Kept by the panel while only the
    search text changes: a keystroke filters these rows, already in the order shown,
    so its worker share is the store search plus one pass over a list — no re-read,
    no derive, no JSON, no sort."""

    rows: list[ListRow]
    sort: tuple | None = None
    # Row id → its position, built on the worker once per BaseRows: a keystroke with
    # few hits picks them out in the order shown without a pass over 50,000 rows.
    positions: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "positions", {r.id: i for i, r in enumerate(self.rows)})

    def sorted_by(self, sort: tuple | None) -> BaseRows:
        """These rows in the order of `sort` (sorted once per order, on the worker)."""
        if sort == self.sort:
            return self
        if sort is None:
            return BaseRows(sorted(self.rows, key=lambda r: (r.name, r.id)), None)
        return BaseRows(sort_rows(self.rows, *sort), sort)

    def matching(self, hits: set[str]) -> list[ListRow]:
        """The rows whose ids are in `hits`, in this order."""
        pos = self.positions
        if len(hits) * 4 > len(pos):
            return [r for r in self.rows if r.id in hits]
        rows = self.rows
        return [rows[i] for i in sorted(pos[h] for h in hits if h in pos)]


@dataclass
class ListResult:
    rows: list[ListRow]
    base: BaseRows | None
    base_key: tuple
    tags: list[str] | None
    sort: tuple | None


class FactsRelay(QObject):
    """Carries slices of facts from the worker to the panel (a queued signal: the relay
    lives on the UI thread). A child of the panel, so it is deleted on the UI thread;
    should the panel go mid-job, emitting raises in the job, whose result nobody takes."""

    rows = Signal(int, object, object)  # panel token, as-of day, list[ListRow]


def load_list(
    d,
    req: ListRequest,
    base: BaseRows | None,
    sort: tuple | None,
    relay: FactsRelay | None,
    token: int,
    *,
    job: Job,
) -> ListResult:
    """Worker side of a reload.

    The rows for the filters and the day (the "base") are loaded once and handed back;
    while only the search text changes, the next jobs get that snapshot back and just
    intersect it with the ids that match — one query per keystroke instead of
    re-reading 50,000 rows. On another day than today with a search, only the matching
    cases are derived. Sorting happens here too, off the UI thread. `job.check()` runs
    between chunks: a superseded job stops there (its derived facts stay cached).
    """
    tags = None
    on_chunk: Callable[[list[ListRow]], None] | None = None
    if relay is not None:

        def on_chunk(rows: list[ListRow]) -> None:
            relay.rows.emit(token, req.as_of, rows)

    if base is None and req.query and req.as_of != date.today():
        rows = d.list_rows(
            req.as_of,
            status=req.status,
            tag=req.tag,
            alert=req.alert,
            query=req.query,
            check=job.check,
            first=req.first,
            on_chunk=on_chunk,
        )
        base_out = None
    else:
        if base is None:
            loaded = d.list_rows(
                req.as_of,
                status=req.status,
                tag=req.tag,
                alert=req.alert,
                check=job.check,
                first=req.first,
                on_chunk=on_chunk,
            )
            base = BaseRows(loaded)
            tags = d.tags()
        job.check()
        base_out = base = base.sorted_by(sort)
        rows = base.rows
        if req.query:
            job.check()
            rows = base.matching(d.matching_case_ids(req.query, job.check))
        return ListResult(rows, base_out, req.base_key, tags, sort)
    if sort is not None:
        job.check()
        rows = sort_rows(rows, *sort)
    return ListResult(rows, base_out, req.base_key, tags, sort)


def changed_rows(d, req: ListRequest, ids: list[str]) -> tuple[list[ListRow], set[str]]:
    """Worker side of `CaseListPanel.refresh_changes`: the rows of these cases under the
    filters and the day (the base), and which of them the search text also matches."""
    rows = d.list_rows(req.as_of, status=req.status, tag=req.tag, alert=req.alert, case_ids=ids)
    shown = {r.id for r in rows}
    if req.query:
        shown &= d.matching_case_ids(req.query)
    return rows, shown


def load_first_page(d, req: ListRequest, n: int, sort: tuple | None) -> list[ListRow]:
    """The first `n` cases by name: shown while the whole list still loads, so a
    50,000-case dossier has rows on screen in well under a second, not after the full read."""
    rows = d.list_rows(req.as_of, limit=n)
    return sort_rows(rows, *sort) if sort is not None else rows


def sort_job(_d, rows: list[ListRow], spec: tuple) -> list[ListRow]:
    """A header click on a big list: the sort itself, on the worker."""
    return sort_rows(rows, *spec)
