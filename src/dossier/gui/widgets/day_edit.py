"""A day field that takes a typed or pasted day, not only arrows and the calendar.

Qt's QDateEdit edits a date section by section: with the whole text selected, typing
"2" would make the text "2", which its validator refuses, so typing a day over the
old one did nothing; typing "2018-02-03" into the year section jumped sections on the
dashes and landed on another day. Researchers type and paste whole days ("2018-02-03",
"2018/2/3", "2018年2月3日"), so this field validates the whole text with
`core.date_input` (any form it reads as one day), keeps the arrows and the calendar, and
commits only on Enter or leaving the field (no reload per keystroke).
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDateEdit, QWidget

from dossier.core.date_input import parse_date_input
from dossier.core.errors import ValidationError

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TYPING = re.compile(r"[\d\s\-/.年月日号]{0,24}")  # what a day looks like while typed


def typed_day(text: str) -> date | None:
    """The one day `text` names ("2018-02-03", "2018/2/3", "3 Feb 2018"), else None."""
    try:
        edtf = parse_date_input(text).edtf
    except ValidationError:
        return None
    m = _DAY.fullmatch(edtf)
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


class DayEdit(QDateEdit):
    """QDateEdit (arrows, calendar popup, yyyy-MM-dd) that also accepts a typed day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setKeyboardTracking(False)

    def validate(self, text: str, pos: int) -> object:  # noqa: D102 - Qt virtual
        if typed_day(text) is not None:
            d = typed_day(text)
            if self.minimumDate().toPython() <= d <= self.maximumDate().toPython():
                return QValidator.State.Acceptable, text, pos
            return QValidator.State.Intermediate, text, pos
        if _TYPING.fullmatch(text) or re.fullmatch(r"[\w\s,.]{0,24}", text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:  # noqa: N802 - Qt virtual
        d = typed_day(text)
        if d is None:
            return self.dateTime()
        return QDateTime(QDate(d.year, d.month, d.day), QTime(0, 0))

    def fixup(self, text: str) -> str:  # noqa: D102 - Qt virtual: an unfinished day reverts
        return self.textFromDateTime(self.dateTime())
