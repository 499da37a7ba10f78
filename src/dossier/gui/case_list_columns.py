"""Widths of the case list's columns: from the headers, then from what the rows hold.

A list of 50,000 cases cannot be measured row by row, so widths start from the header
texts and the widest value a column can take (a status label, a vague "Since" such as
"28–30 Sep 2016" / "2016年12月28–30日"); once rows are in, the days, since and tags
columns are widened to what the first rows hold, so nothing the researcher reads is
clipped ("2016年1月1–2…", "foreign-n…" in issue #17).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from dossier.core.facts import DayRange
from dossier.core.vocab import STATUS_TERMS

from .models.case_table import DAYS, SINCE, TAGS, CaseTableModel, since_text

MEASURED_ROWS = 200


def fit_to_headers(table: QTableView, model: CaseTableModel, lang: str) -> None:
    """Widths from the header texts and the widest status and since values."""
    fm = table.horizontalHeader().fontMetrics()
    status = (
        max(fm.horizontalAdvance(t.label(lang)) for t in STATUS_TERMS.values()) + fm.height() + 20
    )
    since = (
        fm.horizontalAdvance(since_text(DayRange(date(2016, 12, 28), date(2016, 12, 30)), lang))
        + 16
    )
    for col, width in enumerate((150, 90, status, 70, since, 130, 130)):
        text = model.headerData(col, Qt.Orientation.Horizontal)
        table.setColumnWidth(col, max(width, fm.horizontalAdvance(text) + 28))


def fit_to_content(table: QTableView, model: CaseTableModel) -> None:
    """Widen days, since and tags to what the first rows hold (capped; never narrower)."""
    fm = table.fontMetrics()
    n = min(MEASURED_ROWS, model.rowCount())
    for col, cap in ((DAYS, 160), (SINCE, 260), (TAGS, 280)):
        texts = (model.data(model.index(r, col)) or "" for r in range(n))
        need = min(cap, max((fm.horizontalAdvance(t) for t in texts), default=0) + 16)
        if need > table.columnWidth(col):
            table.setColumnWidth(col, need)
