"""The case list model and panel: Qt model contract, sorting, formatting, search, filters."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from dossier.core.facts import DayRange, DaysRange
from dossier.gui.models.case_table import (
    ALERTS,
    DAYS,
    NAME,
    NATIVE,
    SINCE,
    STATUS,
    CaseTableModel,
    days_text,
    since_text,
)
from dossier.services.dossier import Dossier

from .conftest import DEMO_PASSPHRASE


@pytest.fixture
def summaries(demo_store):
    d = Dossier.open(demo_store, DEMO_PASSPHRASE)
    try:
        return d.summaries(as_of=date(2018, 2, 3))
    finally:
        d.close()


@pytest.fixture
def model(qapp, summaries):
    m = CaseTableModel()
    m.set_rows(summaries)
    return m


def column(m: CaseTableModel, col: int) -> list[str]:
    return [m.data(m.index(r, col)) for r in range(m.rowCount())]


def test_qtmodeltester_full_and_empty(qtmodeltester, model):
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_rows_show_the_facts_as_of_the_day(model):
    row = model.row_of(
        next(model.summary(r).id for r in range(5) if model.summary(r).name == "Wang Quanzhang")
    )
    texts = [model.data(model.index(row, c)) for c in range(7)]
    assert texts[NATIVE] == "王全璋"
    assert texts[STATUS] == "Disappeared"
    assert texts[DAYS] == "940"
    assert texts[SINCE] == "9 Jul 2015"
    assert "No lawyer" in texts[ALERTS]
    tip = model.data(model.index(row, ALERTS), Qt.ItemDataRole.ToolTipRole)
    assert (
        "Held incommunicado beyond 24 hours without notice to family since 10 Jul 2015"
        in tip.splitlines()
    )
    assert model.data(model.index(row, 0), CaseTableModel.IdRole) == model.case_id(row)


def test_vague_days_are_a_range(model):
    tashi = model.row_of(
        next(s.id for s in (model.summary(r) for r in range(5)) if s.name == "Tashi Wangchuk")
    )
    assert model.data(model.index(tashi, DAYS)) == "738–764"
    assert model.data(model.index(tashi, SINCE)) == "1–27 Jan 2016"


@pytest.mark.parametrize("col", range(7))
def test_sort_every_column_both_ways(qtmodeltester, model, col):
    model.sort(col, Qt.SortOrder.AscendingOrder)
    up = [model.summary(r).id for r in range(model.rowCount())]
    model.sort(col, Qt.SortOrder.DescendingOrder)
    down = [model.summary(r).id for r in range(model.rowCount())]
    assert sorted(up) == sorted(down)
    for r in range(model.rowCount()):  # the id index follows the rows
        assert model.row_of(model.case_id(r)) == r
    qtmodeltester.check(model)


def test_sort_by_days_puts_the_longest_first_descending(model):
    model.sort(DAYS, Qt.SortOrder.DescendingOrder)
    # Liu Xia's ~2,660 days of house arrest show in the column (as `dossier list` shows
    # them, issue #17) and sort with it; then Wang Quanzhang's 940 days in custody.
    assert [model.summary(i).name for i in (0, 1)] == ["Liu Xia", "Wang Quanzhang"]
    model.sort(NAME, Qt.SortOrder.AscendingOrder)
    assert column(model, NAME) == sorted(column(model, NAME), key=str.casefold)


def test_sort_is_kept_across_reloads(model, summaries):
    model.sort(DAYS, Qt.SortOrder.DescendingOrder)
    model.set_rows(list(reversed(summaries)))
    assert [model.summary(i).name for i in (0, 1)] == ["Liu Xia", "Wang Quanzhang"]


def test_chinese_labels(model):
    model.set_language("zh")
    assert "被迫失踪" in column(model, STATUS)
    assert "2015年7月9日" in column(model, SINCE)


def test_update_and_remove_rows(qtmodeltester, model, summaries):
    s = summaries[0]
    s.name = s.name + " (edited)"
    model.update_rows([s])
    assert model.data(model.index(model.row_of(s.id), NAME)).endswith("(edited)")
    model.remove_ids([s.id])
    assert model.row_of(s.id) == -1
    assert model.rowCount() == len(summaries) - 1
    qtmodeltester.check(model)


def test_helpers():
    assert days_text(None) == ""
    assert days_text(DaysRange(912, 942)) == "912–942"
    assert (
        since_text(DayRange(date(2016, 1, 30), date(2016, 2, 2)), "en")
        == "30 Jan 2016 – 2 Feb 2016"
    )
    assert since_text(DayRange(date(2016, 1, 1), date(2016, 1, 27)), "zh") == "2016年1月1–27日"


# -- the panel over the backend ------------------------------------------------------------
@pytest.fixture
def panel(qtbot, backend, demo_store):
    from dossier.gui.case_list import CaseListPanel

    backend.adopt(Dossier.open(demo_store, DEMO_PASSPHRASE))
    p = CaseListPanel(backend)
    qtbot.addWidget(p)
    p.show()
    with qtbot.waitSignal(p.loaded, timeout=5000):
        p.reload()
    assert p.model.rowCount() == 5
    return p


def test_first_page_shows_while_the_whole_list_loads(qtbot, panel, monkeypatch):
    import dossier.gui.case_list as case_list

    monkeypatch.setattr(case_list, "FIRST_PAGE", 2)
    panel.clear()
    shown, resets = [], []
    panel.model.modelReset.connect(lambda: resets.append(panel.model.ids()))
    panel.model.rowsInserted.connect(lambda *_: shown.append(panel.model.ids()))
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.reload()
    # one worker: the page is queued first, so it is on screen first; the rest of the
    # list is then appended below it (no second reset: scroll and selection stay)
    assert [len(ids) for ids in resets] == [2]
    assert [len(ids) for ids in shown] == [5]
    assert shown[0][:2] == resets[0]


def panel_names(p) -> list[str]:
    return sorted(p.model.summary(r).name for r in range(p.model.rowCount()))


def test_search_as_you_type_is_debounced_and_drops_stale_results(qtbot, panel):
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        for ch in "王全":  # two keystrokes inside the debounce: one query
            panel.search.setText(panel.search.text() + ch)
    assert panel_names(panel) == ["Wang Quanzhang"]
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.search.setText("刘霞")
    assert panel_names(panel) == ["Liu Xia"]
    # a burst of queries: only the last one's rows end up shown
    for q in ("Tashi", "Gui", "Yu Wen"):
        panel.search.setText(q)
        panel.reload()
    qtbot.waitUntil(lambda: not panel.backend.busy, timeout=5000)
    assert panel_names(panel) == ["Yu Wensheng"]


def test_filters_and_as_of(qtbot, panel):
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.as_of.setDate(QDate(2018, 2, 3))
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.status.setCurrentIndex(panel.status.findData("house_arrest"))
    assert panel_names(panel) == ["Liu Xia"]
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.status.setCurrentIndex(0)
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.tag.setCurrentIndex(panel.tag.findData("lawyers"))
    assert panel_names(panel) == ["Wang Quanzhang", "Yu Wensheng"]
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.alert.setCurrentIndex(panel.alert.findData("disappeared_over_limit"))
    assert panel_names(panel) == ["Wang Quanzhang"]


def test_state_restores_filters_and_selection(qtbot, panel):
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.tag.setCurrentIndex(panel.tag.findData("lawyers"))
    row = next(
        r for r in range(panel.model.rowCount()) if panel.model.summary(r).name == "Yu Wensheng"
    )
    panel.select(panel.model.case_id(row))
    st = panel.state()
    panel.clear()
    assert panel.model.rowCount() == 0 and panel.search.text() == ""
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.restore(st)
    assert panel.tag.currentData() == "lawyers"
    assert panel.current_id() == st.case_id


def test_big_lists_sort_on_the_worker(qtbot, panel, monkeypatch):
    import dossier.gui.models.case_table as case_table

    monkeypatch.setattr(case_table, "SYNC_SORT_ROWS", 2)
    ui_thread_sorts = []
    real = case_table.sort_rows
    monkeypatch.setattr(case_table, "sort_rows", lambda *a: ui_thread_sorts.append(1) or real(*a))
    keep = panel.model.case_id(3)
    panel.select(keep)
    with qtbot.waitSignal(panel.model.modelReset, timeout=5000):
        panel.table.sortByColumn(case_table.DAYS, Qt.SortOrder.DescendingOrder)
    assert not ui_thread_sorts  # the model's own (UI-thread) sort was not used
    # The longest in custody as of the list's day: Gui Minhai since January 2018 (the
    # demo now knows Wang Quanzhang was released in April 2020).
    expected = "Wang Quanzhang" if panel.day() < date(2020, 4, 5) else "Gui Minhai"
    assert panel.model.summary(0).name == expected
    assert panel.current_id() == keep


# -- rows in batches, facts a slice at a time ------------------------------------------------
def test_rows_fed_in_batches_pass_the_model_tester(qtmodeltester, qapp, summaries):
    from dossier.services.summaries import ListRow

    rows = [ListRow.from_summary(s) for s in sorted(summaries, key=lambda s: (s.name, s.id))]
    m = CaseTableModel()
    inserted = []
    m.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    m.set_rows(rows[:2], presorted=True)
    qtmodeltester.check(m)  # stays attached: checks every insertion below
    m.append_rows(rows[2:4])
    m.append_rows(rows[4:])
    m.append_rows(rows[1:3])  # rows already shown are not added twice
    qtmodeltester.check(m)
    assert inserted == [(2, 3), (4, 4)]
    assert m.ids() == [r.id for r in rows]
    assert all(m.row_of(r.id) == i for i, r in enumerate(rows))


@pytest.fixture
def today_and_past(demo_store):
    """The demo list's rows today and as of 3 February 2018."""
    d = Dossier.open(demo_store, DEMO_PASSPHRASE)
    try:
        return d.list_rows(), d.list_rows(date(2018, 2, 3))
    finally:
        d.close()


def test_facts_of_a_new_day_show_pending_then_arrive(qtmodeltester, qapp, today_and_past):
    today, past = today_and_past
    m = CaseTableModel()
    m.set_rows(today, presorted=True)
    qtmodeltester.check(m)
    m.mark_facts_pending()
    assert set(column(m, STATUS)) == {"…"} and set(column(m, DAYS)) == {"…"}
    assert m.data(m.index(0, STATUS), Qt.ItemDataRole.DecorationRole) is None
    assert column(m, NAME) == [r.name for r in today]  # who is listed does not wait
    wang = next(r for r in past if r.name == "Wang Quanzhang")
    m.update_facts([wang])
    row = m.row_of(wang.id)
    assert m.data(m.index(row, DAYS)) == "940" and m.data(m.index(row, STATUS)) == "Disappeared"
    assert m.data(m.index((row + 1) % m.rowCount(), DAYS)) == "…"
    m.set_rows(past)
    assert "…" not in column(m, STATUS)
    qtmodeltester.check(m)


def test_the_whole_list_of_a_new_day_is_adopted_without_a_reset(
    qtmodeltester, qapp, today_and_past
):
    """After the slices of a new day, the whole list (the same cases in the same order)
    is taken without a model reset: the view keeps its place and the UI thread does
    not rebuild 50,000 rows. Other cases or another order are refused (the caller
    resets)."""
    today, past = today_and_past
    m = CaseTableModel()
    m.set_rows(today, presorted=True)
    past = sorted(past, key=lambda r: [x.id for x in today].index(r.id))
    m.mark_facts_pending()
    m.update_facts(past[:2])
    resets, changes = [], []
    m.modelReset.connect(lambda: resets.append(1))
    m.dataChanged.connect(lambda a, b, _roles: changes.append((a.row(), b.row())))
    assert not m.adopt_rows(list(reversed(past)))  # another order: nothing taken
    assert not m.adopt_rows(past[:-1])  # other cases
    assert m.facts_pending(past[-1].id)
    assert m.adopt_rows(past)
    assert resets == [] and not m.facts_pending(past[-1].id)
    wang = m.row_of(next(r.id for r in past if r.name == "Wang Quanzhang"))
    assert m.data(m.index(wang, DAYS)) == "940"
    assert "…" not in column(m, STATUS)
    assert {r for a, b in changes for r in range(a, b + 1)} >= set(range(2, len(past)))
    qtmodeltester.check(m)


def test_a_painted_cell_asks_the_model_once_and_looks_the_same(qapp, summaries):
    """multiData() answers every role a painted cell asks for in one call into Python
    (Qt's default asks data() once per role: seven calls, each taking the GIL). The
    table looks exactly as it does through data(): texts, status colours, the alert
    colour, the right-aligned days, the pending marks."""
    from PySide6.QtCore import QAbstractTableModel
    from PySide6.QtWidgets import QTableView

    class PerRole(CaseTableModel):
        def multiData(self, index, span):  # noqa: N802 - Qt's name
            QAbstractTableModel.multiData(self, index, span)

    cells, outside = [], []

    class Counting(CaseTableModel):
        inside = False

        def multiData(self, index, span):  # noqa: N802 - Qt's name
            cells.append(index.row())
            self.inside = True
            try:
                super().multiData(index, span)
            finally:
                self.inside = False

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if not self.inside and role != Qt.ItemDataRole.SizeHintRole:
                outside.append(role)
            return super().data(index, role)

    images = []
    for cls in (PerRole, Counting):
        m = cls()
        m.set_rows(summaries)
        m.mark_facts_pending()
        m.update_facts(m.rows()[:3])
        view = QTableView()
        view.setModel(m)
        view.resize(900, 300)
        images.append(view.grab().toImage())
    assert images[0] == images[1]
    assert cells and outside == []  # painting asked through multiData only
    assert "multiData" in CaseTableModel.__dict__  # the list's own, not Qt's per-role one


def test_a_superseded_as_of_job_stops_early(qtbot, panel, monkeypatch):
    """Two as-of days in a row: the first day's job stops at its next slice instead of
    deriving every case, and only the second day's facts end up on screen."""
    import time as _time

    import dossier.services.summaries as summaries_mod

    monkeypatch.setattr(summaries_mod, "DERIVE_CHUNK", 1)
    real = summaries_mod.list_facts
    derived: list[date] = []

    def slow(events, as_of, known_on=None):
        derived.append(as_of)
        _time.sleep(0.15)
        return real(events, as_of, known_on)

    monkeypatch.setattr(summaries_mod, "list_facts", slow)
    first, second = date(2016, 6, 1), date(2018, 2, 3)
    panel.as_of.setDate(QDate(first))
    qtbot.waitUntil(lambda: first in derived, timeout=5000)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.as_of.setDate(QDate(second))
    assert derived.count(first) < 5  # stopped early: not all five cases
    assert derived.count(second) == 5
    assert "…" not in column(panel.model, STATUS)
    wang = panel.model.row_of(
        next(
            panel.model.case_id(r)
            for r in range(5)
            if panel.model.summary(r).name == "Wang Quanzhang"
        )
    )
    assert panel.model.data(panel.model.index(wang, DAYS)) == "940"


def test_search_on_another_day_derives_only_the_matches(qtbot, panel, monkeypatch):
    import dossier.services.summaries as summaries_mod

    real = summaries_mod.list_facts
    derived = []
    monkeypatch.setattr(
        summaries_mod,
        "list_facts",
        lambda ev, day, known_on=None: derived.append(day) or real(ev, day, known_on),
    )
    panel.search.setText("刘霞")
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.as_of.setDate(QDate(2018, 2, 3))
    assert panel_names(panel) == ["Liu Xia"]
    assert len(derived) == 1


def _synthetic_rows(n: int) -> list:
    from dossier.core.facts import NO_FACTS
    from dossier.services.summaries import ListRow

    return [ListRow(f"c{i:05d}", f"Name {i:05d}", None, "", NO_FACTS) for i in range(n)]


def test_a_slice_of_facts_changes_only_its_own_rows(qtmodeltester, qapp):
    """dataChanged covers each run of the slice's rows, never min..max of the slice
    (at 50,000 rows that range spanned the screen and repainted it for every slice)."""
    rows = _synthetic_rows(3000)
    m = CaseTableModel()
    m.set_rows(rows, presorted=True)
    qtmodeltester.check(m)
    changed = []
    m.dataChanged.connect(
        lambda tl, br, _roles=(): changed.append((tl.row(), br.row(), tl.column(), br.column()))
    )
    m.mark_facts_pending()
    changed.clear()
    m.update_facts([rows[i] for i in (2000, 2001, 2002, 10, 11, 2999)])
    assert sorted(changed) == [
        (10, 11, STATUS, ALERTS),
        (2000, 2002, STATUS, ALERTS),
        (2999, 2999, STATUS, ALERTS),
    ]
    assert not m.facts_pending(rows[2001].id) and m.facts_pending(rows[12].id)
    changed.clear()
    m.update_facts(rows[::2])  # scattered beyond MAX_CHANGED_RUNS: one range instead
    assert changed == [(0, 2998, STATUS, ALERTS)]


def test_the_table_does_not_repaint_for_changes_off_screen(qtbot):
    from PySide6.QtCore import QEvent, QObject

    from dossier.gui.case_list import CaseTableView

    rows = _synthetic_rows(3000)
    m = CaseTableModel()
    m.set_rows(rows, presorted=True)
    view = CaseTableView()
    qtbot.addWidget(view)
    view.setModel(m)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    paints = []

    class Count(QObject):
        def eventFilter(self, _obj, ev):  # noqa: N802
            if ev.type() == QEvent.Type.Paint:
                paints.append(1)
            return False

    counter = Count()
    view.viewport().installEventFilter(counter)
    qtbot.wait(50)
    paints.clear()
    m.update_facts(rows[1000:1400])  # far below the screen
    qtbot.wait(50)
    assert paints == []
    m.update_facts(rows[0:3])  # on screen: repainted
    qtbot.waitUntil(lambda: bool(paints), timeout=2000)


def test_rows_show_whereabouts_house_arrest_days_and_the_standing_tip(qtbot, panel):
    """Issue #11 in the list: stage, custody, whereabouts and house-arrest days as the
    status and days tips; possible alerts say so."""
    from datetime import date

    from PySide6.QtCore import QDate

    from dossier.gui.models.case_table import DAYS, STATUS

    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.as_of.setDate(QDate(2018, 2, 5))
    m = panel.model
    rows = {m.summary(r).name: r for r in range(m.rowCount())}
    assert panel.day() == date(2018, 2, 5)
    liu = m.data(m.index(rows["Liu Xia"], DAYS), Qt.ItemDataRole.ToolTipRole)
    assert (
        liu
        == "House arrest · in custody (House arrest) · Known · 2,654–2,684 days under house arrest"
    )
    tip = m.data(m.index(rows["Wang Quanzhang"], STATUS), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Indicted · in custody (Detention centre) · Unknown"
    alerts_tip = m.data(m.index(rows["Tashi Wangchuk"], 6), Qt.ItemDataRole.ToolTipRole)
    assert alerts_tip.startswith("Possibly: criminal detention beyond the 37-day limit")


def test_a_new_day_in_derive_processes_then_lock_stops_them(qtbot, panel, monkeypatch):
    """With the derive processes (made to run for the five demo cases) a new as-of day
    shows the same facts as the thread path; locking ends the processes."""
    from dossier.services import day_facts

    monkeypatch.setattr(day_facts, "MIN_CASES", 1)
    day = date(2018, 2, 3)
    d = panel.backend.dossier
    d.lists.processes._broken = True
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.as_of.setDate(QDate(day))
    thread_texts = [column(panel.model, c) for c in (STATUS, DAYS, SINCE, ALERTS)]
    d.lists.processes._broken = False
    d.lists._day_facts = None
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.as_of.setDate(QDate(2018, 2, 4))
    with qtbot.waitSignal(panel.loaded, timeout=30_000):
        panel.as_of.setDate(QDate(day))
    procs = [pr.process for pr in d.lists.processes._procs]
    assert procs, "the processes derived the new day"
    assert [column(panel.model, c) for c in (STATUS, DAYS, SINCE, ALERTS)] == thread_texts
    panel.backend.lock()
    panel.backend.wait_idle(30)
    assert not any(p.is_alive() for p in procs)


def test_base_rows_pick_the_hits_in_the_order_shown():
    """A keystroke filters the loaded rows (few hits: by position; many: one pass),
    in the order shown, and sorting a base once keeps it for the next keystrokes."""
    from dossier.gui.case_list_jobs import BaseRows

    rows = _synthetic_rows(100)
    base = BaseRows(rows[::-1])
    few = {"c00003", "c00050", "c00007", "nope"}
    assert [r.id for r in base.matching(few)] == ["c00050", "c00007", "c00003"]
    many = {r.id for r in rows[:60]}
    assert [r.id for r in base.matching(many)] == [r.id for r in rows[:60][::-1]]
    spec = (NAME, Qt.SortOrder.AscendingOrder, "en")
    by_name = base.sorted_by(spec)
    assert [r.id for r in by_name.rows] == [r.id for r in rows]
    assert by_name.sorted_by(spec) is by_name
    assert [r.id for r in by_name.matching(few)] == ["c00003", "c00007", "c00050"]
