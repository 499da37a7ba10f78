"""The event editor: one thing that happened, on a date as vague as the truth is.

Type from the vocabulary (English and Chinese side by side, as researchers read both
sources), an EDTF date that says how it was understood, charges from the vocabulary
or free text, a sentence checked by the same parser the timeline uses, sources. OK
stays disabled while anything cannot be read; on OK the change goes through an undo
command, and if the store refuses it the dialog stays open with the message.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dossier.core.errors import DossierError, NotFoundError, ValidationError
from dossier.core.model import Event
from dossier.core.sentence import describe_sentence, read_verdict
from dossier.core.timeline import STATUS_OF_TYPE
from dossier.core.vocab import ALL_OUTCOMES, CHARGES, EVENT_TYPES, SENSITIVITIES, STATUS_TERMS
from dossier.gui import undo
from dossier.gui.colors import error_color, is_dark, muted_text
from dossier.gui.dialogs.event_fields import TimelineFields
from dossier.gui.dialogs.pending import push_then_close
from dossier.gui.widgets import both_labels, error_label_and_buttons, term_label, ui_lang
from dossier.gui.widgets.edtf_edit import EdtfEdit, confirm_future
from dossier.gui.widgets.translation_edit import TranslationEdit, merged

CONFIDENCE = ("", "confirmed", "reported", "disputed")
_SPLIT = str.maketrans({"；": ";", "\n": ";"})


class EventEditor(QDialog):
    """Add an event to `case_id`, or edit `event` (a copy is edited)."""

    def __init__(
        self,
        parent: QWidget | None,
        backend,
        undo_stack: QUndoStack,
        *,
        case_id: str | None = None,
        event: Event | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.undo_stack = undo_stack
        self.original = copy.deepcopy(event) if event else None
        self.case_id = case_id or (event.case_id if event else "")
        self.setWindowTitle(self.tr("Edit event") if event else self.tr("Add event"))
        self.setMinimumWidth(900)
        self._build()
        self._load_sources()
        if event is not None:
            self.set_event(event)
        self._update_ok()

    # -- building ----------------------------------------------------------------------
    def _build(self) -> None:
        self.type_box = QComboBox(self)
        self.type_box.setAccessibleName(self.tr("Event type"))
        for t in EVENT_TYPES.values():
            self.type_box.addItem(both_labels(t), t.id)
            status = STATUS_OF_TYPE.get(t.id)
            if status:
                tip = self.tr("Sets the status to: {s}").format(
                    s=STATUS_TERMS[status].label(ui_lang())
                )
                self.type_box.setItemData(
                    self.type_box.count() - 1, tip, Qt.ItemDataRole.ToolTipRole
                )
        self.date_edit = EdtfEdit(self)
        self.date_edit.setAccessibleName(self.tr("Date"))
        self.end_edit = EdtfEdit(
            self, optional=True, placeholder=self.tr("optional: when this period ended")
        )
        self.end_edit.setAccessibleName(self.tr("End date"))
        self.place_edit = QLineEdit(self)
        self.authority_edit = QLineEdit(self)
        self.authority_edit.setPlaceholderText(self.tr("e.g. Tianjin Public Security Bureau"))
        # Each narrative field with its version in the other language beside it.
        self.place_tr = TranslationEdit(self)
        self.authority_tr = TranslationEdit(self)
        self.sentence_edit = QLineEdit(self)
        self.sentence_edit.setPlaceholderText(
            self.tr("e.g. P4Y6M, 4 years 6 months, 有期徒刑四年六个月, life")
        )
        self.sentence_edit.setAccessibleName(self.tr("Sentence"))
        self.sentence_note = QLabel(self)
        self.sentence_note.setWordWrap(True)
        self.confidence_box = QComboBox(self)
        for c, label in zip(
            CONFIDENCE,
            ("—", self.tr("confirmed"), self.tr("reported"), self.tr("disputed")),
            strict=True,
        ):
            self.confidence_box.addItem(label, c)
        self.sensitivity_box = QComboBox(self)
        for t in SENSITIVITIES.values():
            self.sensitivity_box.addItem(both_labels(t), t.id)

        form = QFormLayout()
        form.setHorizontalSpacing(12)  # "Occupation:" must not touch its field
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Type:"), self.type_box)
        form.addRow(self.tr("&Date:"), self.date_edit)
        form.addRow(self.tr("&End:"), self.end_edit)
        form.addRow(self.tr("&Place:"), _side_by_side(self.place_edit, self.place_tr))
        form.addRow(self.tr("&Authority:"), _side_by_side(self.authority_edit, self.authority_tr))
        form.addRow(self.tr("Se&ntence:"), self.sentence_edit)
        form.addRow("", self.sentence_note)
        form.addRow(self.tr("&Confidence:"), self.confidence_box)
        form.addRow(self.tr("Sensiti&vity:"), self.sensitivity_box)
        self.more = TimelineFields(self)
        self.more.add_rows(form)

        self.charges_list = QListWidget(self)
        self.charges_list.setAccessibleName(self.tr("Charges"))
        for t in CHARGES.values():
            item = QListWidgetItem(both_labels(t))
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(both_labels(t))
            self.charges_list.addItem(item)
        self.other_charges = QLineEdit(self)
        self.other_charges.setPlaceholderText(self.tr("other charges, separated by ;"))
        self.other_charges.setAccessibleName(self.tr("Other charges"))
        self.sources_list = QListWidget(self)
        self.sources_list.setAccessibleName(self.tr("Sources"))
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setPlaceholderText(self.tr("What happened, and what each source says"))
        self.note_edit.setTabChangesFocus(True)
        self.note_tr = TranslationEdit(self, multiline=True)

        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("C&harges:"), buddy=self.charges_list))
        right.addWidget(self.charges_list, 3)
        right.addWidget(self.other_charges)
        right.addWidget(QLabel(self.tr("S&ources:"), buddy=self.sources_list))
        right.addWidget(self.sources_list, 2)

        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.addLayout(form, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for lst in (self.charges_list, self.sources_list):
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            lst.setTextElideMode(Qt.TextElideMode.ElideRight)

        self.error_label, self.buttons = error_label_and_buttons(self)

        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(QLabel(self.tr("&Note:"), buddy=self.note_edit))
        lay.addLayout(_side_by_side(self.note_edit, self.note_tr))
        lay.addWidget(self.error_label)
        lay.addWidget(self.buttons)

        self.date_edit.validityChanged.connect(self._update_ok)
        self.end_edit.validityChanged.connect(self._update_ok)
        self.sentence_edit.textChanged.connect(self._update_ok)
        self.more.validityChanged.connect(self._update_ok)

    def _load_sources(self) -> None:
        sources = self.backend.call_sync(lambda d: d.sources())
        for s in sorted(sources.values(), key=lambda s: s.title.lower()):
            label = (
                s.title
                + (f" — {s.publisher}" if s.publisher else "")
                + (f" ({s.date})" if s.date else "")
            )
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(label)
            self.sources_list.addItem(item)

    # -- values ------------------------------------------------------------------------
    def set_event(self, e: Event) -> None:
        self.type_box.setCurrentIndex(max(0, self.type_box.findData(e.type)))
        self.date_edit.setText(e.date)
        self.end_edit.setText(e.end)
        self.place_edit.setText(e.place or "")
        self.authority_edit.setText(e.authority or "")
        self.sentence_edit.setText(e.sentence or "")
        self.confidence_box.setCurrentIndex(
            max(0, self.confidence_box.findData(e.confidence or ""))
        )
        self.sensitivity_box.setCurrentIndex(max(0, self.sensitivity_box.findData(e.sensitivity)))
        self.note_edit.setPlainText(e.note or "")
        self.more.set_event(e)
        for field, box in (
            ("place", self.place_tr),
            ("authority", self.authority_tr),
            ("note", self.note_tr),
        ):
            box.load(e.translations.get(field), getattr(e, field))
        known = set()
        for i in range(self.charges_list.count()):
            item = self.charges_list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in e.charges
            known.add(item.data(Qt.ItemDataRole.UserRole))
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.other_charges.setText("; ".join(c for c in e.charges if c not in known))
        self.set_sources(e.source_ids)

    def set_sources(self, ids: list[str]) -> None:
        for i in range(self.sources_list.count()):
            item = self.sources_list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def set_charges(self, ids: list[str]) -> None:
        for i in range(self.charges_list.count()):
            item = self.charges_list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _checked(self, lst: QListWidget) -> list[str]:
        return [
            lst.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(lst.count())
            if lst.item(i).checkState() == Qt.CheckState.Checked
        ]

    def value(self) -> Event:
        """The event as the fields say (same id as the original when editing)."""
        e = copy.deepcopy(self.original) if self.original else Event(case_id=self.case_id)
        e.type = self.type_box.currentData()
        e.date = self.date_edit.text()
        e.end = self.end_edit.text() or None
        e.place = self.place_edit.text().strip() or None
        e.authority = self.authority_edit.text().strip() or None
        free = [
            c.strip() for c in self.other_charges.text().translate(_SPLIT).split(";") if c.strip()
        ]
        e.charges = list(dict.fromkeys(self._checked(self.charges_list) + free))
        s = self.sentence_edit.text().strip()
        e.sentence = (
            s or None
        )  # as typed ("P3Y suspended P4Y", 有期徒刑三年缓刑四年): the store splits it
        e.source_ids = self._checked(self.sources_list)
        e.confidence = self.confidence_box.currentData() or None
        e.sensitivity = self.sensitivity_box.currentData()
        e.note = self.note_edit.toPlainText().strip() or None
        self.more.apply(e)
        for field, box in (
            ("place", self.place_tr),
            ("authority", self.authority_tr),
            ("note", self.note_tr),
        ):
            e.translations = merged(e.translations, field, box.versions())
        return e

    def _sentence_state(self) -> bool:
        text = self.sentence_edit.text().strip()
        dark = is_dark(self.palette())
        if not text:
            self.sentence_note.setText("")
            return True
        try:
            v = read_verdict(text)
        except ValidationError as exc:
            self.sentence_note.setStyleSheet(f"color: {error_color(dark).name()};")
            self.sentence_note.setText(str(exc))
            return False
        self.sentence_note.setStyleSheet(f"color: {muted_text(self.palette()).name()};")
        parts = [f"{describe_sentence(v.sentence, ui_lang())} ({v.sentence})"] if v.sentence else []
        if v.outcome:
            parts.append(term_label(ALL_OUTCOMES, v.outcome))
        for label, value in (
            (self.tr("probation"), v.probation),
            (self.tr("political rights"), v.political_rights),
        ):
            if value:
                parts.append(f"{label} {value}")
        self.sentence_note.setText(" · ".join(parts))
        return True

    def _update_ok(self, *_args) -> None:
        sentence_ok = self._sentence_state()  # always run: it updates the note under the field
        ok = (
            self.date_edit.is_valid()
            and self.end_edit.is_valid()
            and sentence_ok
            and self.more.is_valid()
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def accept(self) -> None:
        """Write the event through an undo command, on the worker; OK stays disabled
        until the store answers, and the dialog stays open if it refuses.

        A date still to come (a detention "in 2030") is far more often a typo than a
        plan: the researcher is asked before it is saved (No keeps the dialog open).
        """
        if not confirm_future(self, self.date_edit):
            self.date_edit.setFocus()
            return
        try:
            ev = self.value()
        except DossierError as exc:
            self.show_error(str(exc))
            return
        if self.original is None:
            cmd: undo.Command = undo.AddEvent(self.backend, self.case_id, ev)
        else:
            cmd = undo.EditEvent(self.backend, ev)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        push_then_close(self, self.undo_stack, cmd, ok, self.show_error)


def _side_by_side(typed: QWidget, version: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(typed, 1)
    row.addWidget(version, 1)
    return row


def find_event(d, event_id: str, case_id: str | None = None) -> Event:
    """An event by id: from its case when known, else via `Dossier.get_event` if the
    services have it, else by looking through the cases (slow; rare)."""
    getter = getattr(d, "get_event", None)
    if case_id is None and getter is not None:
        return getter(event_id)
    for cid in [case_id] if case_id else d.all_case_ids():
        for e in d.get_case(cid).events:
            if e.id == event_id:
                return e
    raise NotFoundError(f"no event with id {event_id}")


def add_event(parent: QWidget | None, backend, undo_stack: QUndoStack, case_id: str) -> None:
    """Open the editor for a new event of `case_id`; OK adds it (undoable)."""
    EventEditor(parent, backend, undo_stack, case_id=case_id).exec()


def edit_event(
    parent: QWidget | None,
    backend,
    undo_stack: QUndoStack,
    event_id: str,
    case_id: str | None = None,
) -> None:
    """Open the editor on an existing event; OK replaces it (undoable)."""
    ev = backend.call_sync(find_event, event_id, case_id)
    EventEditor(parent, backend, undo_stack, event=ev).exec()
