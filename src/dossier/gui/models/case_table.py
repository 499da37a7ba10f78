"""The case list as a Qt table model: an adapter over `Dossier.list_rows()`.

Why this shape (Anki's browser, napari's item models): the model holds the light
rows the worker loaded for the current filter and as-of day — plain tuples
(`ListRow`) whose facts are the typed `ListFacts` (never JSON, never ORM rows or
widgets) — and formats a row (`row_texts`) only when the view asks for it, caching the text per row so that scrolling 50,000
cases costs a dictionary lookup. Sorting is done here on plain keys (one Python sort
of 50,000 keys is ~30 ms) rather than through a QSortFilterProxyModel, which would
call `data()` a million times. Rows can arrive in batches (`append_rows`) and facts
for a new as-of day can arrive a slice at a time (`mark_facts_pending`,
`update_facts`), so the view never waits for one big reset.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from dossier.core.dates import format_day
from dossier.core.facts import DayRange, DaysRange, ListFacts
from dossier.core.timeline import alert_text
from dossier.core.vocab import (
    ALERT_TERMS,
    CUSTODY_KINDS,
    STAGES,
    STATUS_TERMS,
    WHEREABOUTS,
    term_label,
)
from dossier.services.summaries import TAG_SEP, CaseSummary, ListRow

from ..colors import is_dark, status_color

NAME, NATIVE, STATUS, DAYS, SINCE, TAGS, ALERTS = range(7)
SORT_RUN = 4000  # items per run of a big sort (see _sorted)
SYNC_SORT_ROWS = 5000
MAX_CHANGED_RUNS = 256  # dataChanged signals per slice of facts, at most (see update_facts)  # above this, sorting the keys costs the UI thread > ~20 ms
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_Index = QModelIndex | QPersistentModelIndex
PENDING = "…"  # a fact of the new as-of day not derived yet
_FACT_COLUMNS = (STATUS, DAYS, SINCE, ALERTS)


def as_rows(rows: Sequence[ListRow | CaseSummary]) -> list[ListRow]:
    """ListRows, converting CaseSummary lists (callers and tests that have those)."""
    if not rows or isinstance(rows[0], ListRow):
        return list(rows)  # type: ignore[arg-type]
    return [r if isinstance(r, ListRow) else ListRow.from_summary(r) for r in rows]


class CaseTableModel(QAbstractTableModel):
    """Rows: one case summary each, in the order of the current sort."""

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ListRow] = []
        self._row_of: dict[str, int] = {}
        self._text: dict[int, tuple[str, ...]] = {}  # row → display texts
        self._fresh: set[str] | None = None  # while facts are pending: the ids already fresh
        self._lang = "en"
        self._sort: tuple[int, Qt.SortOrder] | None = None
        # Set by the owner to sort big lists off the UI thread: fn(column, order).
        self.sort_elsewhere: Callable[[int, Qt.SortOrder], None] | None = None

    # -- filling --------------------------------------------------------------------
    def set_rows(self, rows: Sequence[ListRow | CaseSummary], presorted: bool = False) -> None:
        """Replace every row (after a new filter, search or as-of day), keeping the sort.

        `presorted`: the worker already sorted them by :meth:`sort_spec` (at 50,000
        rows the sort is worth keeping off the UI thread).
        """
        new = as_rows(rows)
        if self._sort is not None and not presorted:
            new = sort_rows(new, self._sort[0], self._sort[1], self._lang)
        self.beginResetModel()
        self._rows = new
        self._fresh = None
        self._reindex()
        self.endResetModel()

    def adopt_rows(self, rows: Sequence[ListRow]) -> bool:
        """Take `rows` without a reset when they are the rows shown, in the same order
        (a new as-of day: its slices already brought the facts through update_facts).
        A reset of 50,000 rows rebuilt the index and relaid the view on the UI thread
        while the worker freed the old day's rows — the longest stall of a change of day
        (40-90 ms). Rows whose content differs are redrawn; False (nothing taken) when
        the cases or their order differ: the caller resets."""
        old = self._rows
        if len(rows) != len(old) or not rows:
            return False
        changed = []
        for i, (a, b) in enumerate(zip(old, rows, strict=True)):
            if a is not b and a != b:
                if a.id != b.id:
                    return False
                changed.append(i)
        self._rows = list(rows)
        self._fresh = None
        for i in changed:
            self._text.pop(i, None)
        self._emit_changed_runs(changed)
        return True

    def append_rows(self, rows: Sequence[ListRow | CaseSummary]) -> None:
        """Add rows at the end (a long list delivered in batches): no reset, so the
        view keeps its scroll position and selection. The caller keeps the order."""
        new = [r for r in as_rows(rows) if r.id not in self._row_of]
        if not new:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.extend(new)
        self._row_of.update((r.id, first + i) for i, r in enumerate(new))
        self.endInsertRows()

    def mark_facts_pending(self) -> None:
        """The as-of day changed: show "…" for every fact until `update_facts` (or a
        new `set_rows`) brings that row's facts for the new day — never the old day's."""
        self._fresh = set()
        self._text.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, STATUS), self.index(len(self._rows) - 1, ALERTS))

    def facts_pending(self, case_id: str) -> bool:
        return self._fresh is not None and case_id not in self._fresh

    def update_facts(self, rows: Sequence[ListRow]) -> None:
        """New facts for some rows (a slice derived for the new day); order unchanged."""
        touched = []
        for r in rows:
            i = self._row_of.get(r.id)
            if i is None:
                continue
            self._rows[i] = self._rows[i].with_facts(r.facts)
            self._text.pop(i, None)
            if self._fresh is not None:
                self._fresh.add(r.id)
            touched.append(i)
        self._emit_changed_runs(touched)

    def _emit_changed_runs(self, rows: list[int]) -> None:
        """dataChanged over each contiguous run of `rows` (facts columns), not over
        min..max: a slice of 400 rows far below the screen must not look like a change
        spanning the viewport — at 50,000 rows, one min..max range per slice made the
        view repaint every cell on screen (≈1,500 `data()` calls, 40–120 ms while the
        worker competes for the GIL) for every slice of a new as-of day. Past
        MAX_CHANGED_RUNS scattered runs (a list sorted by a fact), one range is cheaper."""
        if not rows:
            return
        rows = sorted(set(rows))
        runs: list[tuple[int, int]] = []
        start = prev = rows[0]
        for r in rows[1:]:
            if r != prev + 1:
                runs.append((start, prev))
                start = r
            prev = r
        runs.append((start, prev))
        if len(runs) > MAX_CHANGED_RUNS:
            runs = [(rows[0], rows[-1])]
        for top, bottom in runs:
            self.dataChanged.emit(self.index(top, STATUS), self.index(bottom, ALERTS))

    def update_rows(self, rows: Sequence[ListRow | CaseSummary]) -> None:
        """Refresh some cases in place (after an edit), without resetting the view."""
        for s in as_rows(rows):
            r = self._row_of.get(s.id)
            if r is None:
                continue
            self._rows[r] = s
            self._text.pop(r, None)
            self.dataChanged.emit(self.index(r, 0), self.index(r, len(self.HEADERS) - 1))

    def remove_ids(self, ids: list[str]) -> None:
        for cid in ids:
            r = self._row_of.get(cid)
            if r is None:
                continue
            self.beginRemoveRows(QModelIndex(), r, r)
            del self._rows[r]
            self._reindex()
            self.endRemoveRows()

    def clear(self) -> None:
        """Drop everything (on lock): nothing of a case stays in memory here."""
        self.beginResetModel()
        self._rows = []
        self._row_of = {}
        self._text = {}
        self._fresh = None
        self.endResetModel()

    def set_language(self, lang: str) -> None:
        """ "en" or "zh": the language of status labels, dates and alerts."""
        if lang == self._lang:
            return
        self._lang = lang
        self._text.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1)
            )

    def _reindex(self) -> None:
        self._row_of = {s.id: i for i, s in enumerate(self._rows)}
        self._text = {}

    # -- lookup -----------------------------------------------------------------------
    def case_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def summary(self, row: int) -> ListRow | None:
        """The row's light record (.id .name .native_name .tags .status .facts)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, case_id: str | None) -> int:
        return self._row_of.get(case_id, -1) if case_id else -1

    def sort_spec(self) -> tuple[int, Qt.SortOrder, str] | None:
        """(column, order, language) of the current sort, for sorting off the UI thread."""
        return (*self._sort, self._lang) if self._sort is not None else None

    def rows(self) -> list[ListRow]:
        """The rows in their current order (a shallow copy, safe to hand to a job)."""
        return list(self._rows)

    def ids(self) -> list[str]:
        return [s.id for s in self._rows]

    # -- Qt model API ---------------------------------------------------------------------
    @property
    def HEADERS(self) -> tuple[str, ...]:  # noqa: N802 - a constant-like view of the columns
        return (
            self.tr("Name"),
            self.tr("Native name"),
            self.tr("Status"),
            self.tr("Days in custody"),
            self.tr("Since"),
            self.tr("Tags"),
            self.tr("Alerts"),
        )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 7

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 7:
            if role == Qt.ItemDataRole.ToolTipRole and section == DAYS:
                return self.tr("Days in custody, or under house arrest when that is the status")
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.HEADERS[section]
        return None

    # No flags() here: QAbstractTableModel's (enabled, selectable, no children) is
    # this list's, and not overriding it spares two calls into Python per painted cell.

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            not index.isValid()
            or not (0 <= index.row() < len(self._rows))
            or not (0 <= index.column() < 7)
        ):
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cached(row)[col]
        s = self._rows[row]
        if role == self.IdRole:
            return s.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == ALERTS and not self.facts_pending(s.id):
                return "\n".join(self._alert_sentences(s.facts)) or None
            if col in (STATUS, DAYS) and not self.facts_pending(s.id):
                return self._standing_tip(s.facts) or None
            return self._cached(row)[col] or None
        if (
            role == Qt.ItemDataRole.DecorationRole
            and col == STATUS
            and not self.facts_pending(s.id)
        ):
            return status_color(s.status, is_dark())
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and col == ALERTS
            and s.facts.alerts
            and not self.facts_pending(s.id)
        ):
            return QColor("#E8A33D") if is_dark() else QColor("#A4500F")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == DAYS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def multiData(self, index: _Index, roleDataSpan) -> None:  # noqa: N802, N803 - Qt's names
        """Every role a painted cell asks for, in one call (Qt 6's delegate asks for
        seven). Each call from C++ into Python takes the GIL, and while the worker
        runs Python (a new as-of day's rows) every take waits up to the switch
        interval: one call per cell instead of seven shortened the UI thread's gaps
        when a day changed at 50,000 cases."""
        for rd in roleDataSpan:
            value = self.data(index, rd.role())
            if value is None:
                rd.clearData()
            else:
                rd.setData(value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < 7:
            return
        if self.sort_elsewhere is not None and len(self._rows) > SYNC_SORT_ROWS:
            # Big list: remember the order and let the owner sort on the worker; the
            # rows come back through set_rows(presorted=True).
            self._sort = (column, order)
            self.sort_elsewhere(column, order)
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [(self._rows[i.row()].id, i.column()) for i in old]
        self._sort = (column, order)
        self._rows = sort_rows(self._rows, column, order, self._lang)
        self._reindex()
        self.changePersistentIndexList(
            old, [self.index(self._row_of[cid], c) for cid, c in old_ids]
        )
        self.layoutChanged.emit()

    # -- formatting -------------------------------------------------------------------------
    def _cached(self, row: int) -> tuple[str, ...]:
        """A row's display texts, built when the view first asks for them."""
        cached = self._text.get(row)
        if cached is None:
            s = self._rows[row]
            cached = row_texts(s, self._lang, self.facts_pending(s.id))
            if len(self._text) > 4000:  # only what has been on screen lately
                self._text.clear()
            self._text[row] = cached
        return cached

    def _alert_sentences(self, f: ListFacts) -> list[str]:
        return [
            alert_text(a.rule, a.since, a.until, self._lang, certainty=a.certainty)
            for a in f.alerts
        ]

    def _standing_tip(self, f: ListFacts) -> str:
        """Stage, custody, whereabouts and days as the case view words them (issue #11)."""
        zh = self._lang.startswith("zh")
        kind = term_label(CUSTODY_KINDS, f.custody_kind, self._lang) if f.custody_kind else ""
        custody = (
            (("羁押中" if zh else "in custody") + (f" ({kind})" if kind else ""))
            if f.in_custody
            else ("未被羁押" if zh else "not in custody")
        )
        parts = [term_label(STAGES, f.stage, self._lang), custody]
        if f.whereabouts:
            parts.append(term_label(WHEREABOUTS, f.whereabouts, self._lang))
        d = f.shown_days
        if d and not f.days_in_custody:
            n = f"{d.min:,}" if d.min == d.max else f"{d.min:,}–{d.max:,}"
            parts.append(f"软禁{n}天" if zh else f"{n} days under house arrest")
        if d and f.last_confirmed:
            lc = format_day(f.last_confirmed, self._lang)
            parts.append(
                f"至少{d.min:,}天（最后确认于{lc}）"
                if zh
                else f"at least {d.min:,} days (last confirmed {lc})"
            )
        return " · ".join(parts)


def row_texts(s: ListRow, lang: str, pending: bool = False) -> tuple[str, ...]:
    """The display texts of a row's seven columns. Pure (no widgets): the list jobs
    build them on the worker for whole lists (see case_list_jobs.BaseRows), the model
    for rows it has not got texts for."""
    tags = s.tags_text.replace(TAG_SEP, ", ")
    if pending:
        return (s.name, s.native_name or "", PENDING, PENDING, PENDING, tags, PENDING)
    f = s.facts
    term = STATUS_TERMS.get(f.status)
    status = term.label(lang) if term else f.status
    if f.whereabouts == "unknown" and f.status != "disappeared":
        status += QCoreApplication.translate("CaseTableModel", " · whereabouts unknown")
    d = f.shown_days
    days = days_text(d)
    if days and f.last_confirmed:
        days = f"≥ {d.min:,}"  # type: ignore[union-attr]  # open-ended: at least, up to the last confirmation
    return (
        s.name,
        s.native_name or "",
        status,
        days,
        since_text(f.custody_since, lang),
        tags,
        "; ".join(
            ALERT_TERMS[a.rule].short(lang) if a.rule in ALERT_TERMS else a.rule for a in f.alerts
        ),
    )


def sort_rows(
    rows: Sequence[ListRow | CaseSummary], column: int, order: Qt.SortOrder, lang: str
) -> list[ListRow]:
    """Rows sorted on `column`; rows without a value (no custody, no native name, no
    tags, no alerts) go last in both directions, by name. Pure: safe on the worker
    (where big lists are sorted; the keys read the typed facts, nothing is decoded)."""
    key = _sort_key(column, lang)
    present, missing = [], []
    for s in as_rows(rows):
        k = key(s)
        (missing if k is None else present).append((k, s))
    present = _sorted(present, lambda p: p[0], order == Qt.SortOrder.DescendingOrder)
    missing = _sorted(missing, lambda p: (p[1].name.casefold(), p[1].id), False)
    return [s for _k, s in present] + [s for _k, s in missing]


def _sorted(items: list, key: Callable, reverse: bool) -> list:
    """A stable sort that never holds the GIL for long: one `list.sort` of 50,000 tuple
    keys is a single C call of ~100 ms, during which the window cannot paint. Runs of
    SORT_RUN items are sorted one by one and merged by `heapq.merge` (Python-level
    steps, so the interpreter hands the GIL over between them)."""
    if len(items) <= SORT_RUN:
        items.sort(key=key, reverse=reverse)
        return items
    runs = []
    for i in range(0, len(items), SORT_RUN):
        run = items[i : i + SORT_RUN]
        run.sort(key=key, reverse=reverse)
        runs.append(run)
    return list(heapq.merge(*runs, key=key, reverse=reverse))


def _sort_key(column: int, lang: str) -> Callable[[ListRow], tuple | None]:
    """Sort keys: numbers by value, text case-insensitively; None when missing."""

    def days(s: ListRow) -> tuple | None:
        d = s.facts.shown_days
        return (d.max, d.min, s.name.casefold()) if d else None

    def since(s: ListRow) -> tuple | None:
        c = s.facts.custody_since
        return (c.earliest, s.name.casefold()) if c else None

    def status(s: ListRow) -> tuple:
        term = STATUS_TERMS.get(s.status)
        return (term.label(lang) if term else s.status, s.name.casefold())

    def alerts(s: ListRow) -> tuple | None:
        n = len(s.facts.alerts)
        return (n, s.name.casefold()) if n else None

    keys: dict[int, Callable[[ListRow], tuple | None]] = {
        NAME: lambda s: (s.name.casefold(), s.id),
        NATIVE: lambda s: (s.native_name, s.name.casefold()) if s.native_name else None,
        STATUS: status,
        DAYS: days,
        SINCE: since,
        TAGS: lambda s: (
            (s.tags_text.replace(TAG_SEP, ","), s.name.casefold()) if s.tags_text else None
        ),
        ALERTS: alerts,
    }
    return keys[column]


def days_text(d: DaysRange | None) -> str:
    """ "940" when the days are known, "912–942" when vague dates leave a range."""
    if not d:
        return ""
    return str(d.min) if d.min == d.max else f"{d.min}–{d.max}"


def since_text(c: DayRange | None, lang: str) -> str:
    """The first day of custody, or the span of days it may be ("1–27 Jan 2016")."""
    if not c:
        return ""
    first, last = c.earliest, c.latest
    if first == last:
        return format_day(first, lang)
    zh = lang.startswith("zh")
    if (first.year, first.month) == (last.year, last.month):
        if zh:
            return f"{first.year}年{first.month}月{first.day}–{last.day}日"
        return f"{first.day}–{last.day} {_MONTHS[first.month - 1]} {first.year}"
    return f"{format_day(first, lang)} – {format_day(last, lang)}"
