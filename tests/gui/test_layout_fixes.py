"""What a researcher saw clipped or crowded (issue #17 item 10), checked in numbers:
the overview's time axis has room and several ticks, a case's timeline follows its new
events, the list's days column shows house-arrest days as `dossier list` does, Chinese
comes first in the Chinese window's lists, and "born 1971" has no day span."""

from __future__ import annotations

import os
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402

from dossier.core.model import Case, Event  # noqa: E402
from dossier.core.timeline import derive  # noqa: E402
from dossier.core.vocab import CHARGES, EVENT_TYPES  # noqa: E402
from dossier.gui.dialogs.event_editor import EventEditor  # noqa: E402
from dossier.gui.models.case_table import DAYS, SINCE, TAGS  # noqa: E402
from dossier.gui.views.overview import GanttChart  # noqa: E402
from dossier.gui.views.profile_panel import ProfileHeader  # noqa: E402
from dossier.gui.views.timeline_paint import DateScale  # noqa: E402
from dossier.gui.views.timeline_widget import TimelineWidget  # noqa: E402
from dossier.gui.widgets import both_labels  # noqa: E402
from tests.gui.conftest import names, settle  # noqa: E402

AS_OF = date(2018, 2, 3)


@pytest.fixture
def chinese():
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield
    QLocale.setDefault(old)


def test_overview_axis_has_room_and_several_ticks(qtbot):
    chart = GanttChart()
    qtbot.addWidget(chart)
    chart.resize(450, 300)  # the chart as wide as it was in the 1400 px window
    chart.show()
    sc = chart.scale()
    assert sc.width >= 0.6 * 450 - 30  # the names column gives way in a narrow chart
    eight_years = DateScale(date(2010, 1, 1).toordinal(), AS_OF.toordinal(), 0, sc.width)
    assert len(eight_years.ticks("en")) >= 3
    assert len(eight_years.ticks("zh")) >= 3


def test_a_fitted_timeline_follows_new_events_but_a_zoom_is_kept(qtbot):
    w = TimelineWidget()
    qtbot.addWidget(w)
    w.resize(800, w.sizeHint().height())
    w.set_case(derive([], AS_OF), [])  # a new case: no events yet
    evs = [Event(id="e1", type="detention", date="2015-07-09")]
    w.set_case(derive(evs, AS_OF), evs, keep_view=True)  # the same case, an event added
    assert w._view[0] < date(2015, 7, 9).toordinal()
    w.zoom(4.0)
    zoomed = w._view
    evs.append(Event(id="e2", type="release", date="2012-01-01"))
    w.set_case(derive(evs, AS_OF), evs, keep_view=True)
    assert w._view == zoomed  # the researcher's zoom stays


def test_the_days_column_shows_house_arrest_days_and_columns_fit(qtbot, open_demo):
    from PySide6.QtCore import QDate

    open_demo.list_panel.as_of.setDate(QDate(2018, 2, 3))  # Liu Xia under house arrest then
    qtbot.wait(300)
    settle(open_demo.backend)
    m = open_demo.list_panel.model
    row = names(open_demo).index("Liu Xia")
    assert m.data(m.index(row, DAYS))  # as `dossier list` shows 2652–2682d
    fm = open_demo.list_panel.table.fontMetrics()
    table = open_demo.list_panel.table
    for col in (SINCE, TAGS):
        widest = max(
            fm.horizontalAdvance(m.data(m.index(r, col)) or "") for r in range(m.rowCount())
        )
        assert table.columnWidth(col) >= min(widest, 260), col


def test_chinese_window_lists_chinese_first(qtbot, demo, chinese):
    backend, ids = demo
    rsdl = EVENT_TYPES["rsdl"]
    assert both_labels(rsdl) == f"{rsdl.zh} — {rsdl.en}"
    dlg = EventEditor(None, backend, QUndoStack(), case_id=ids["Wang Quanzhang"])
    qtbot.addWidget(dlg)
    first_type = dlg.type_box.itemText(0)
    assert first_type.startswith(next(iter(EVENT_TYPES.values())).zh)
    assert dlg.charges_list.item(0).text().startswith(next(iter(CHARGES.values())).zh)


def test_english_window_lists_english_first():
    rsdl = EVENT_TYPES["rsdl"]
    assert both_labels(rsdl, "en") == f"{rsdl.en} — {rsdl.zh}"


@pytest.mark.parametrize(
    ("born", "lang", "shown"), [("1971", "en", "born 1971"), ("1976~", "en", "born about 1976")]
)
def test_born_is_said_plainly(qtbot, born, lang, shown):
    h = ProfileHeader()
    qtbot.addWidget(h)
    h.set_case(Case(name="Test Person", birth_year=born), lang)
    assert shown in h.meta.text() and "Jan" not in h.meta.text()


def test_form_labels_keep_their_distance(qtbot, demo):
    """ "Occupation:" and "Nationality:" touched their fields."""
    from PySide6.QtWidgets import QFormLayout

    from dossier.gui.dialogs.case_editor import CaseEditor

    backend, _ids = demo
    dlg = CaseEditor(None, backend, QUndoStack())
    qtbot.addWidget(dlg)
    forms = dlg.findChildren(QFormLayout)
    assert forms and all(f.horizontalSpacing() >= 12 for f in forms)
