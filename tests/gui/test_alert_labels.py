"""Issue #14 item 4: the window names alerts from the core's one table
(core.vocab.ALERT_TERMS) -- every rule in the alert filter and the table's column, in
both languages, with the Chinese words the window showed before."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale

from dossier.core.vocab import ALERT_RULES
from dossier.gui.models.case_table import ALERTS, CaseTableModel
from dossier.services.dossier import Dossier

from .conftest import DEMO_PASSPHRASE


@pytest.fixture
def chinese(qapp):
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def panel(qtbot, backend, demo_store):
    from dossier.gui.case_list import CaseListPanel

    backend.adopt(Dossier.open(demo_store, DEMO_PASSPHRASE))
    p = CaseListPanel(backend)
    qtbot.addWidget(p)
    p.show()
    with qtbot.waitSignal(p.loaded, timeout=5000):
        p.reload()
    return p


def _items(combo) -> dict[str, str]:
    return {combo.itemData(i): combo.itemText(i) for i in range(1, combo.count())}


def test_the_alert_filter_offers_every_rule_in_both_languages(qtbot, panel, chinese):
    panel.retranslate()
    zh = _items(panel.alert)
    assert list(zh) == list(ALERT_RULES)  # investigation and trial limits included
    assert zh["rsdl_over_limit"] == "指定居所监视居住超过六个月"  # as the .ts had it
    assert zh["detention_over_limit"] == "拘留超过37日上限"
    assert zh["disappeared_over_limit"] == "与外界隔绝关押"
    assert zh["no_lawyer_access"] == "无法会见律师"
    assert zh["release_due"] == "应予释放"
    QLocale.setDefault(QLocale(QLocale.Language.English))
    panel.retranslate()
    en = _items(panel.alert)
    assert en["rsdl_over_limit"] == "RSDL over the 6-month limit"
    assert en["trial_over_limit"] == "No verdict within the 3-month limit"
    # a rule the old copy of the list left out now filters too
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.as_of.setDate(QDate(2018, 2, 3))
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.alert.setCurrentIndex(panel.alert.findData("investigation_over_limit"))
    names = {panel.model.summary(r).name for r in range(panel.model.rowCount())}
    assert "Wang Quanzhang" in names


def test_the_alerts_column_names_every_rule(qapp, demo_store):
    with Dossier.open(demo_store, DEMO_PASSPHRASE) as d:
        rows = d.summaries(as_of=date(2018, 2, 3))
    m = CaseTableModel()
    m.set_rows(rows)
    wang = next(r for r in range(m.rowCount()) if m.summary(r).name == "Wang Quanzhang")
    en = m.data(m.index(wang, ALERTS))
    assert "Incommunicado" in en and "No lawyer" in en and "Investigation over limit" in en
    assert "_" not in en  # no raw rule id, as investigation_over_limit used to show
    m.set_language("zh")
    zh = m.data(m.index(wang, ALERTS))
    assert "隔绝关押" in zh and "无律师" in zh and "侦查超期" in zh  # the words as before
