"""The left pane of the window: search, filters, the as-of day and the case table.

Every reload is one job on the backend's worker under the key "case-list" (the jobs
themselves are in case_list_jobs.py): typing fast queues jobs that supersede one
another, so only the newest result is shown, and a superseded job stops at its next
chunk instead of finishing a read nobody wants. Search is debounced (~150 ms) so a
burst of keystrokes costs one query. The worker hands back light rows (`ListRow`
tuples) in name order; the UI thread only swaps or appends them. A new as-of day shows
"…" for the facts at once, then the rows on screen get theirs first and the rest
follow a slice at a time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dossier.core.changes import Changes
from dossier.core.vocab import ALERT_RULES, ALERT_TERMS, STATUS_TERMS
from dossier.services.summaries import ListRow

from . import case_list_jobs as jobs
from .backend import Backend
from .case_list_columns import fit_to_content, fit_to_headers
from .colors import STATUS_ORDER
from .i18n import error_message, ui_lang
from .models.case_table import NAME, CaseTableModel
from .widgets.day_edit import DayEdit

SEARCH_DEBOUNCE_MS = 150
FIRST_PAGE = 300  # rows shown while a big list loads
APPEND_BATCH = 10_000  # rows appended per event-loop turn after the first page
MAX_ROWS_IN_PLACE = 200  # a write that touched more cases reloads the whole list


class CaseTableView(QTableView):
    """The case table, repainting only for changes it can see.

    Why: QTableView repaints its whole viewport for any dataChanged range, even one
    wholly off screen (unlike QListView/QTreeView, it does not intersect the range with
    the viewport). A new as-of day brings facts a slice of 400 rows at a time, most far
    below the screen: each slice cost a full repaint (≈1,500 Python `data()` calls, each
    fighting the busy worker for the GIL: 40–120 ms UI stalls at 50,000 cases). The
    table is read-only (no editors to refresh), so a change outside the rows on screen
    needs nothing now: those rows are read fresh when scrolled into view.
    """

    def dataChanged(self, top_left, bottom_right, roles=()) -> None:  # noqa: N802 - Qt override
        first = self.rowAt(0)
        if first >= 0 and top_left.isValid() and bottom_right.isValid():
            last = self.rowAt(self.viewport().height() - 1)
            if bottom_right.row() < first or (last >= 0 and top_left.row() > last):
                return
        super().dataChanged(top_left, bottom_right, list(roles))


@dataclass
class ListState:
    """Where the researcher was: kept in memory across a lock, never written to disk."""

    case_id: str | None = None
    query: str = ""
    status: str | None = None
    tag: str | None = None
    alert: str | None = None
    as_of: date | None = None


class CaseListPanel(QWidget):
    case_selected = Signal(object)  # str | None
    as_of_changed = Signal(object)  # date
    loaded = Signal(int)  # number of rows shown

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.model = CaseTableModel(self)
        self._wanted_id: str | None = None
        self._shown_id: str | None = None
        self._resetting = False
        self._base: jobs.BaseRows | None = None  # the rows of the filters, sorted
        self._base_key: tuple | None = None
        self._token = 0  # bumped by clear (the lock): slices of facts from before are dropped
        self._shown_key: tuple | None = None  # base_key of the rows on screen
        self._appending: list[ListRow] = []  # the rest of a long list, going in by batches
        self._after_append: tuple[str | None, int] | None = None  # (case to select, rows)
        self._relay = jobs.FactsRelay(self)
        self._relay.rows.connect(self._facts_arrived)
        self._full_done = True
        self._loading_since: float | None = None
        self.last_load_ms: float | None = None

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.tag = QComboBox()
        self.alert = QComboBox()
        self.as_of = DayEdit()  # takes a typed or pasted day too (issue #17)
        self.as_of.setDate(QDate.currentDate())
        self.as_of.setMaximumDate(QDate(2100, 12, 31))
        self.today = QToolButton()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(4)
        # Showing or hiding the bar must not move the table: a relayout repaints all of
        # it (≈1,500 data() calls), twice per reload, while the worker holds the GIL.
        policy = self.busy.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.busy.setSizePolicy(policy)
        self.busy.setVisible(False)
        self.count = QLabel()
        self.model.sort_elsewhere = self._sort_on_worker
        self.table = CaseTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionsMovable(True)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(150)
        self._busy_timer.timeout.connect(lambda: self.busy.setVisible(True))
        self._append_timer = QTimer(self)
        self._append_timer.setSingleShot(True)
        self._append_timer.setInterval(0)
        self._append_timer.timeout.connect(self._append_batch)

        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.reload)
        for combo in (self.status, self.tag, self.alert):
            combo.currentIndexChanged.connect(self._filter_changed)
        self.as_of.dateChanged.connect(self._as_of_changed)
        self.today.clicked.connect(lambda: self.as_of.setDate(QDate.currentDate()))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for w in (self.status, self.tag, self.alert):
            filters.addWidget(w, 1)
        day = QHBoxLayout()
        day.setContentsMargins(0, 0, 0, 0)
        self.as_of_label = QLabel()
        day.addWidget(self.as_of_label)
        day.addWidget(self.as_of, 1)
        day.addWidget(self.today)
        day.addStretch(1)
        day.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(4)
        lay.addWidget(self.search)
        lay.addLayout(filters)
        lay.addLayout(day)
        lay.addWidget(self.busy)
        lay.addWidget(self.table, 1)
        self.retranslate()

    # -- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        lang = ui_lang()
        self.model.set_language(lang)
        self.search.setPlaceholderText(self.tr("Search names, places, notes… (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search cases"))
        self.search.setToolTip(self.tr("Search as you type, in any script: 王全, Tashi, Ürümqi…"))
        self._fill_combo(
            self.status,
            self.tr("All statuses"),
            [(s, STATUS_TERMS[s].label(lang)) for s in STATUS_ORDER if s in STATUS_TERMS],
        )
        self.status.setAccessibleName(self.tr("Filter by status"))
        self.status.setToolTip(self.tr("Show only cases with this status on the as-of day"))
        self._fill_combo(self.tag, self.tr("All tags"), [(t, t) for t in self._tags()])
        self.tag.setAccessibleName(self.tr("Filter by tag"))
        self.tag.setToolTip(self.tr("Show only cases with this tag"))
        self._fill_combo(
            self.alert,
            self.tr("Any alert or none"),
            [(r, ALERT_TERMS[r].label(lang)) for r in ALERT_RULES],
        )
        self.alert.setAccessibleName(self.tr("Filter by alert"))
        self.alert.setToolTip(self.tr("Show only cases with this alert on the as-of day"))
        self.as_of_label.setText(self.tr("As of:"))
        self.as_of.setAccessibleName(self.tr("As of day"))
        self.as_of.setToolTip(self.tr("Statuses, days and alerts are computed as of this day"))
        self.today.setText(self.tr("Today"))
        self.today.setToolTip(self.tr("Back to today"))
        self.table.setAccessibleName(self.tr("Cases"))
        self._fit_columns()
        self._show_count()

    def _fit_columns(self) -> None:
        fit_to_headers(self.table, self.model, ui_lang())
        self._content_fitted = False

    def _fit_to_content(self) -> None:
        """Once per language, when rows are in (see case_list_columns)."""
        if getattr(self, "_content_fitted", False) or self.model.rowCount() == 0:
            return
        self._content_fitted = True
        fit_to_content(self.table, self.model)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _tags(self) -> list[str]:
        return [self.tag.itemData(i) for i in range(1, self.tag.count())]

    def _fill_combo(self, combo: QComboBox, all_text: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for value, label in items:
            combo.addItem(label, value)
        i = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(0, i))
        combo.blockSignals(False)

    # -- state ------------------------------------------------------------------------
    def day(self) -> date:
        return self.as_of.date().toPython()

    def state(self) -> ListState:
        return ListState(
            self.current_id(),
            self.search.text(),
            self.status.currentData(),
            self.tag.currentData(),
            self.alert.currentData(),
            self.day(),
        )

    def restore(self, st: ListState) -> None:
        """Put filters and selection back (after unlock) and reload once."""
        for w in (self.search, self.status, self.tag, self.alert, self.as_of):
            w.blockSignals(True)
        self.search.setText(st.query)
        if st.tag and self.tag.findData(st.tag) < 0:
            self.tag.addItem(st.tag, st.tag)
        for combo, value in ((self.status, st.status), (self.tag, st.tag), (self.alert, st.alert)):
            combo.setCurrentIndex(max(0, combo.findData(value)) if value else 0)
        if st.as_of:
            self.as_of.setDate(QDate(st.as_of))
        for w in (self.search, self.status, self.tag, self.alert, self.as_of):
            w.blockSignals(False)
        self._wanted_id = st.case_id
        self.reload()

    def clear(self) -> None:
        """On lock: forget rows, the search text and the selection."""
        self._debounce.stop()
        self._token += 1
        self._append_timer.stop()
        self._appending, self._after_append = [], None
        self._shown_key = None
        old = self._base
        self.invalidate()
        self.model.clear()
        self.backend.discard(old.rows if old is not None else None)
        del old
        for w in (self.search, self.tag):
            w.blockSignals(True)
        self.search.clear()
        self._fill_combo(self.tag, self.tag.itemText(0), [])
        for w in (self.search, self.tag):
            w.blockSignals(False)
        self.count.clear()
        self._shown_id = None
        self._set_loading(False)

    def current_id(self) -> str | None:
        idx = self.table.selectionModel().currentIndex()
        return self.model.case_id(idx.row()) if idx.isValid() else None

    def select(self, case_id: str | None) -> bool:
        row = self.model.row_of(case_id)
        if row < 0:
            return False
        idx = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            idx,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(idx)
        return True

    # -- loading ----------------------------------------------------------------------
    def _request(self, first: tuple[str, ...] = ()) -> jobs.ListRequest:
        """The filters and the day as the panel shows them; `first`: ids on screen."""
        return jobs.ListRequest(
            self.search.text().strip(),
            self.status.currentData(),
            self.tag.currentData(),
            self.alert.currentData(),
            self.day(),
            first,
        )

    def reload(self, keep: str | None = None) -> None:
        """Ask the worker for the rows that match the filters as of the day."""
        self._debounce.stop()
        if not self.backend.is_open:
            return
        if keep is not None:
            self._wanted_id = keep  # else the selection at the time the rows arrive
        self._set_loading(True)
        req = self._request(self._rows_on_screen())
        base = self._base if self._base_key == req.base_key else None
        sort = self.model.sort_spec()
        if self._shown_key is not None and self._shown_key[3] != req.as_of:
            # A new day: "…" for the facts until they come, never the old day's —
            # painted now, before the worker starts: painting while it runs Python
            # waited on the GIL for every cell (a 40-80 ms stall at 50,000 cases).
            self.model.mark_facts_pending()
            self.table.viewport().repaint()
            self._shown_key = req.base_key
        relay = self._relay if req.facts_in_slices(base is not None) else None
        if req.wants_first_page(base is not None, sort, self.model.rowCount()):
            self._full_done = False
            self.backend.run(
                jobs.load_first_page,
                req,
                FIRST_PAGE,
                sort,
                on_done=self._first_loaded,
                context=self,
                key="case-list-first",
            )
        self.backend.run(
            jobs.load_list,
            req,
            base,
            sort,
            relay,
            self._token,
            on_done=self._loaded,
            on_error=self._failed,
            context=self,
            key="case-list",
            with_job=True,
        )

    def _rows_on_screen(self) -> tuple[str, ...]:
        """Ids of the rows in view (and a screenful below): derived first on a new day."""
        n = self.model.rowCount()
        if n == 0:
            return ()
        top = max(0, self.table.rowAt(0))
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        bottom = n - 1 if bottom < 0 else bottom
        last = min(n - 1, bottom + (bottom - top) + 1)
        return tuple(cid for r in range(top, last + 1) if (cid := self.model.case_id(r)))

    def _facts_arrived(self, token: int, day: date, rows: list[ListRow]) -> None:
        """A slice of facts for the day on screen (from this job or one it superseded:
        its work is not lost); never after a lock (the token) or for another day."""
        if (
            token == self._token
            and self.backend.is_open
            and self._shown_key
            and self._shown_key[3] == day
        ):
            self.model.update_facts(rows)

    def _sort_on_worker(self, column: int, order: Qt.SortOrder) -> None:
        """A header click on a big list: sort the rows on the worker, keep the selection."""
        self._finish_appending()
        rows = self.model.rows()
        spec = self.model.sort_spec()

        def done(sorted_rows: list[ListRow]) -> None:
            if spec != self.model.sort_spec():
                return  # another click since
            keep = self.current_id()
            self._resetting = True
            try:
                self.model.set_rows(sorted_rows, presorted=True)
                self.select(keep)
            finally:
                self._resetting = False

        self.backend.run(
            jobs.sort_job, rows, spec, on_done=done, context=self, key="case-list-sort"
        )

    def _first_loaded(self, rows: list[ListRow]) -> None:
        if self._full_done or not rows:
            return
        self._resetting = True  # the selection waits for the whole list
        try:
            self.model.set_rows(rows, presorted=True)
        finally:
            self._resetting = False
        self.count.setText(self.tr("Loading all cases…"))

    def _loaded(self, result: jobs.ListResult) -> None:
        self._full_done = True
        if self._loading_since is not None:
            self.last_load_ms = (time.monotonic() - self._loading_since) * 1000
        self._set_loading(False)
        old = self._base if self._base is not result.base else None
        self._base, self._base_key = result.base, result.base_key
        self._shown_key = result.base_key
        if result.tags is not None and result.tags != self._tags():
            self.tag.blockSignals(True)
            self._fill_combo(
                self.tag, self.tag.itemText(0) or self.tr("All tags"), [(t, t) for t in result.tags]
            )
            self.tag.blockSignals(False)
        wanted = self._wanted_id if self._wanted_id is not None else self.current_id()
        self._wanted_id = None
        self._append_timer.stop()
        self._appending, self._after_append = [], None
        presorted = result.sort == self.model.sort_spec()
        shown = self.model.rowCount()
        # The old rows are freed on the worker (off this thread), once the model holds
        # the new ones: freeing them while this thread rebuilt the view made both wait
        # on the GIL.
        old_rows = old.rows if old is not None else None
        del old
        try:
            if (
                presorted
                and 0 < shown < len(result.rows)
                and not self._pending_facts()
                and self.model.ids() == [r.id for r in result.rows[:shown]]
            ):
                # The first page is on screen: add the rest below it, a batch per turn
                # of the event loop, instead of resetting the view under the researcher.
                self._appending = result.rows[shown:]
                self._after_append = (wanted, len(result.rows))
                self._append_batch()
                return
            self._resetting = True
            try:
                if not (presorted and self.model.adopt_rows(result.rows)):
                    self.model.set_rows(result.rows, presorted=presorted)
            finally:
                self._resetting = False
            self._settle(wanted, len(result.rows))
        finally:
            self.backend.discard(old_rows)
            del old_rows

    def _settle(self, wanted: str | None, n: int) -> None:
        """The whole list is in: select, count, tell the window."""
        self._resetting = True
        try:
            self.select(wanted)
        finally:
            self._resetting = False
        self._show_count()
        self._fit_to_content()
        self._emit_current()
        self.loaded.emit(n)

    def _pending_facts(self) -> bool:
        return self.model.rowCount() > 0 and self.model.facts_pending(self.model.case_id(0) or "")

    def _append_batch(self) -> None:
        batch, self._appending = self._appending[:APPEND_BATCH], self._appending[APPEND_BATCH:]
        self.model.append_rows(batch)
        if self._appending:
            self._append_timer.start()
            self._show_count()
        elif self._after_append is not None:
            after, self._after_append = self._after_append, None
            self._settle(*after)

    def _finish_appending(self) -> None:
        """Before anything reads the whole list (a sort, an edit): the rest goes in now."""
        while self._appending:
            self._append_batch()
        self._append_timer.stop()

    def _failed(self, exc: BaseException) -> None:
        self._set_loading(False)
        self.count.setText(error_message(exc))

    def refresh_cases(self, case_ids: list[str]) -> None:
        """After an edit: reload, keeping the selected case — or selecting the one case
        that changed if it is new to the list (a case just added or restored)."""
        self.invalidate()
        self._finish_appending()
        new = [c for c in case_ids if self.model.row_of(c) < 0]
        self.reload(keep=new[0] if len(case_ids) == 1 and new else None)

    def refresh_changes(self, changes: Changes) -> None:
        """After a write: redraw only the rows of the cases the store says changed.

        Their rows are read again on the worker (with the filters and the search) and
        swapped in place — no reload of 50,000 rows. A case that no longer matches
        leaves the list. Only what can move rows (a new or restored case, a renamed one
        under the name order, any change under another column's order) or a write
        that touched everything or many cases reloads the whole list.
        """
        ids = sorted(changes.cases)
        if changes.everything or len(ids) > MAX_ROWS_IN_PLACE:
            self.refresh_cases(ids)
            return
        if not ids or not self.backend.is_open:
            return
        self._finish_appending()
        req = self._request()

        def done(result: tuple[list[ListRow], set[str]]) -> None:
            base_rows, shown = result
            self._apply_changed_rows(ids, req, base_rows, shown)

        self.backend.run(jobs.changed_rows, req, ids, on_done=done, context=self)

    def _apply_changed_rows(
        self,
        ids: list[str],
        req: jobs.ListRequest,
        base_rows: list[ListRow],
        shown: set[str],
    ) -> None:
        """The rows read again: in place if nothing moves, else the whole list."""
        model = self.model
        spec = model.sort_spec()
        by_name = spec is None or spec[0] == NAME
        fresh = {r.id: r for r in base_rows if r.id in shown}
        moves = False
        for cid in ids:
            row = model.row_of(cid)
            if cid in fresh and (row < 0 or not by_name):
                moves = True  # a row to insert, or its place under another order
            elif row >= 0 and cid in fresh and (old := model.summary(row)) is not None:
                moves |= old.name != fresh[cid].name
        if moves or req.base_key != self._base_key:
            self.refresh_cases(ids)
            return
        if self._base is not None:  # the snapshot the search filters: same ids, new rows
            again = {r.id: r for r in base_rows}
            kept = [again.get(r.id, r) for r in self._base.rows if r.id not in ids or r.id in again]
            self._base = jobs.BaseRows(kept, self._base.sort)
        gone = [cid for cid in ids if cid not in fresh and model.row_of(cid) >= 0]
        if gone:
            model.remove_ids(gone)
        model.update_rows(list(fresh.values()))
        self._show_count()
        if self.current_id() in ids:
            self._shown_id = None  # the case shown changed: tell the window again
        self._emit_current()
        self.loaded.emit(model.rowCount())  # the list is up to date again

    def invalidate(self) -> None:
        """Forget the loaded summaries: the next reload reads them again."""
        self._base, self._base_key = None, None

    def _set_loading(self, loading: bool) -> None:
        if loading:
            self._loading_since = time.monotonic()
            self._busy_timer.start()
        else:
            self._loading_since = None
            self._busy_timer.stop()
            self.busy.setVisible(False)

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(self.tr("%n case(s)", "", n) if self.backend.is_open else "")

    # -- reactions ----------------------------------------------------------------------
    def _filter_changed(self, _i: int) -> None:
        self.reload()

    def _as_of_changed(self, qd: QDate) -> None:
        self.as_of_changed.emit(qd.toPython())
        self.reload()

    def _current_changed(self, _current, _previous) -> None:
        if not self._resetting:
            self._wanted_id = None  # the researcher chose: that wins over a pending restore
            self._emit_current()

    def _emit_current(self) -> None:
        """Tell the window which case is current — only when that changed."""
        cid = self.current_id()
        if cid != self._shown_id:
            self._shown_id = cid
            self.case_selected.emit(cid)
