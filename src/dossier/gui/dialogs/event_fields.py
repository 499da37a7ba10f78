"""The event editor's fields of the timeline model (issue #11): when the fact became
known, a verdict's or appeal's outcome, probation and deprivation of political rights,
whereabouts, the day an open-ended measure was last confirmed, and court, judge and
place of detention. Kept here so the editor stays one concern; the store checks
them (a wrong duration or outcome comes back as a message in the dialog)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from dossier.core.model import Event
from dossier.core.vocab import ALL_OUTCOMES, WHEREABOUTS
from dossier.gui.widgets import both_labels
from dossier.gui.widgets.edtf_edit import EdtfEdit


class TimelineFields(QObject):
    """The widgets, their rows in a form, and the Event fields they stand for."""

    validityChanged = Signal(bool)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)

        self.reported = EdtfEdit(
            parent, optional=True, placeholder=self.tr("optional: when it became known, if later")
        )
        self.reported.setAccessibleName(self.tr("Reported"))
        self.outcome = QComboBox(parent)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.addItem("—", "")
        for t in ALL_OUTCOMES.values():
            self.outcome.addItem(both_labels(t), t.id)
        self.probation = QLineEdit(parent)
        self.probation.setPlaceholderText(self.tr("suspended sentence: e.g. P4Y, 缓刑四年"))
        self.probation.setAccessibleName(self.tr("Probation"))
        self.political_rights = QLineEdit(parent)
        self.political_rights.setPlaceholderText(self.tr("e.g. P5Y, 剥夺政治权利五年"))
        self.political_rights.setAccessibleName(self.tr("Deprivation of political rights"))
        self.whereabouts = QComboBox(parent)
        self.whereabouts.setAccessibleName(self.tr("Whereabouts"))
        self.whereabouts.addItem(self.tr("— as the event type implies —"), "")
        for t in WHEREABOUTS.values():
            self.whereabouts.addItem(both_labels(t), t.id)
        self.last_confirmed = EdtfEdit(
            parent, optional=True, placeholder=self.tr("open-ended measure: last confirmed on")
        )
        self.last_confirmed.setAccessibleName(self.tr("Last confirmed"))
        self.court = QLineEdit(parent)
        self.court.setPlaceholderText(self.tr("e.g. Tianjin No. 2 Intermediate People's Court"))
        self.judge = QLineEdit(parent)
        self.facility = QLineEdit(parent)
        self.facility.setPlaceholderText(
            self.tr("e.g. Linyi Prison, Tianjin No. 1 Detention Centre")
        )
        for w in (self.reported, self.last_confirmed):
            w.validityChanged.connect(lambda _ok: self.validityChanged.emit(self.is_valid()))

    def add_rows(self, form: QFormLayout) -> None:

        form.addRow(self.tr("&Reported:"), self.reported)
        form.addRow(self.tr("Out&come:"), self.outcome)
        form.addRow(self.tr("Pro&bation:"), self.probation)
        form.addRow(self.tr("Political ri&ghts:"), self.political_rights)
        form.addRow(self.tr("&Whereabouts:"), self.whereabouts)
        form.addRow(self.tr("Last con&firmed:"), self.last_confirmed)
        form.addRow(self.tr("Cou&rt:"), self.court)
        form.addRow(self.tr("&Judge:"), self.judge)
        form.addRow(self.tr("Faci&lity:"), self.facility)

    def is_valid(self) -> bool:
        return self.reported.is_valid() and self.last_confirmed.is_valid()

    def set_event(self, e: Event) -> None:
        self.reported.setText(e.reported)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(e.outcome or "")))
        self.probation.setText(e.probation or "")
        self.political_rights.setText(e.political_rights or "")
        self.whereabouts.setCurrentIndex(max(0, self.whereabouts.findData(e.whereabouts or "")))
        self.last_confirmed.setText(e.last_confirmed)
        self.court.setText(e.court or "")
        self.judge.setText(e.judge or "")
        self.facility.setText(e.facility or "")

    def apply(self, e: Event) -> None:
        """Copy the fields into `e` (empty means none); the store validates them."""
        e.reported = self.reported.text() or None
        e.outcome = self.outcome.currentData() or None
        e.probation = self.probation.text().strip() or None
        e.political_rights = self.political_rights.text().strip() or None
        e.whereabouts = self.whereabouts.currentData() or None
        e.last_confirmed = self.last_confirmed.text() or None
        e.court = self.court.text().strip() or None
        e.judge = self.judge.text().strip() or None
        e.facility = self.facility.text().strip() or None
