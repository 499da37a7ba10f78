"""The review half of *Draft from statement*: the drafts as a tree, and an editor for
the selected draft case or event.

Every field of a draft is editable here and edits go straight into the `DraftCase` /
`DraftEvent` objects (nothing is written until the dialog accepts). A draft case is
matched to an existing case or marked new; for a new one the duplicate check's
candidates (same matcher as share import: pinyin, OpenCC, rapidfuzz) are offered.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from dossier.core.vocab import CHARGES, EVENT_TYPES
from dossier.drafting import Draft, DraftCase, DraftEvent
from dossier.gui.widgets import both_labels, term_label
from dossier.gui.widgets.edtf_edit import EdtfEdit

ROLE = Qt.ItemDataRole.UserRole
OUTCOMES = (
    "",
    "custodial",
    "suspended",
    "exempt",
    "acquitted",
    "fine",
    "public_surveillance",
    "upheld",
    "changed",
    "retrial",
)


def percent(conf: float) -> str:
    return f"{round(conf * 100)}%"


class DraftTree(QTreeWidget):
    """Draft cases with their events; check boxes say what accepting writes."""

    picked = Signal(object, object)  # (DraftCase, DraftEvent | None)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(5)
        self.setHeaderLabels(
            [
                self.tr("Case / event"),
                self.tr("Date"),
                self.tr("Details"),
                self.tr("Confidence"),
                self.tr("From the words"),
            ]
        )
        self.setAlternatingRowColors(True)
        self.draft: Draft | None = None
        self._items: dict[int, QTreeWidgetItem] = {}  # id(draft object) -> item
        self.currentItemChanged.connect(self._on_current)
        self.itemChanged.connect(self._on_checked)

    def set_draft(self, draft: Draft) -> None:
        self.draft = draft
        self.blockSignals(True)
        self.clear()
        self._items.clear()
        for c in draft.cases:
            ci = QTreeWidgetItem(self)
            ci.setData(0, ROLE, (c, None))
            ci.setFlags(ci.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            self._items[id(c)] = ci
            for e in c.events:
                ei = QTreeWidgetItem(ci)
                ei.setData(0, ROLE, (c, e))
                ei.setFlags(ei.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self._items[id(e)] = ei
            self.refresh(c)
            ci.setExpanded(True)
        self.blockSignals(False)
        for col in range(4):
            self.resizeColumnToContents(col)

    def refresh(self, c: DraftCase, e: DraftEvent | None = None) -> None:
        """Re-label the rows of `c` (and its events) after an edit."""
        was = self.blockSignals(True)
        ci = self._items[id(c)]
        if c.match_id:
            where = self.tr("existing case: %1").replace("%1", c.match_name or c.match_id[:8])
        else:
            where = self.tr("new case")
        native = f" ({c.native_name})" if c.native_name and c.native_name != c.name else ""
        ci.setText(0, f"{c.name}{native}")
        ci.setText(2, where)
        ci.setText(3, percent(c.confidence))
        ci.setCheckState(0, Qt.CheckState.Checked if c.include else Qt.CheckState.Unchecked)
        for ev in c.events:
            ei = self._items[id(ev)]
            ei.setText(0, term_label(EVENT_TYPES, ev.type))
            ei.setText(1, ev.date or self.tr("(no date: not written)"))
            details = [", ".join(term_label(CHARGES, x) for x in ev.charges)] if ev.charges else []
            details += [
                x for x in (ev.sentence, ev.outcome, ev.probation and f"P: {ev.probation}") if x
            ]
            ei.setText(2, "; ".join(details))
            ei.setText(3, percent(ev.confidence))
            ei.setText(4, ev.trigger.text if ev.trigger else "")
            ei.setToolTip(4, ev.rule)
            ei.setCheckState(0, Qt.CheckState.Checked if ev.include else Qt.CheckState.Unchecked)
            ei.setDisabled(not c.include)
        self.blockSignals(was)

    def select_event(self, e: DraftEvent) -> None:
        item = self._items.get(id(e))
        if item is not None and item is not self.currentItem():
            self.setCurrentItem(item)

    def _on_current(self, item: QTreeWidgetItem | None, _prev) -> None:
        if item is not None:
            c, e = item.data(0, ROLE)
            self.picked.emit(c, e)

    def _on_checked(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            return
        c, e = item.data(0, ROLE)
        on = item.checkState(0) == Qt.CheckState.Checked
        if e is None:
            c.include = on
        else:
            e.include = on
        self.refresh(c)
        self.changed.emit()


class ItemEditor(QStackedWidget):
    """Edits the selected draft case (name, native name, match) or event (every field)."""

    edited = Signal(object, object)  # (DraftCase, DraftEvent | None)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cur_case: DraftCase | None = None
        self.ev: DraftEvent | None = None
        self._loading = False
        self.addWidget(QLabel(self.tr("Select a draft case or event to edit it."), self))
        self.addWidget(self._case_form())
        self.addWidget(self._event_form())

    # -- forms ----------------------------------------------------------------------
    def _case_form(self) -> QWidget:
        w = QWidget(self)
        f = QFormLayout(w)
        self.name = QLineEdit(w)
        self.native = QLineEdit(w)
        self.match = QComboBox(w)
        self.dup = QLabel(w)
        self.dup.setWordWrap(True)
        self.case_words = QLabel(w)
        self.case_words.setWordWrap(True)
        f.addRow(self.tr("Name"), self.name)
        f.addRow(self.tr("Name in its own script"), self.native)
        f.addRow(self.tr("Write to"), self.match)
        f.addRow("", self.dup)
        f.addRow(self.tr("Found as"), self.case_words)
        self.name.editingFinished.connect(self._case_edited)
        self.native.editingFinished.connect(self._case_edited)
        self.match.currentIndexChanged.connect(self._case_edited)
        return w

    def _event_form(self) -> QWidget:
        w = QWidget(self)
        f = QFormLayout(w)
        self.type = QComboBox(w)
        for t in EVENT_TYPES.values():
            self.type.addItem(both_labels(t), t.id)
        self.date = EdtfEdit(w, optional=True)
        self.end = EdtfEdit(w, optional=True)
        self.charges = QLineEdit(w)
        self.charges.setToolTip(self.tr("Charge ids or terms, separated by commas"))
        self.term = QLineEdit(w)
        self.term.setPlaceholderText(self.tr("e.g. P4Y6M, life"))
        self.outcome = QComboBox(w)
        self.outcome.addItems(list(OUTCOMES))
        self.probation = QLineEdit(w)
        self.probation.setPlaceholderText(self.tr("e.g. P4Y (a suspended sentence's probation)"))
        self.include = QCheckBox(self.tr("Write this event"), w)
        self.words = QLabel(w)
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.RichText)
        f.addRow(self.tr("Type"), self.type)
        f.addRow(self.tr("Date"), self.date)
        f.addRow(self.tr("End"), self.end)
        f.addRow(self.tr("Charges"), self.charges)
        f.addRow(self.tr("Sentence"), self.term)
        f.addRow(self.tr("Outcome"), self.outcome)
        f.addRow(self.tr("Probation"), self.probation)
        f.addRow("", self.include)
        f.addRow(self.tr("From the words"), self.words)
        self.type.currentIndexChanged.connect(self._event_edited)
        self.date.textChanged.connect(self._event_edited)
        self.end.textChanged.connect(self._event_edited)
        self.charges.editingFinished.connect(self._event_edited)
        self.term.editingFinished.connect(self._event_edited)
        self.outcome.currentIndexChanged.connect(self._event_edited)
        self.probation.editingFinished.connect(self._event_edited)
        self.include.toggled.connect(self._event_edited)
        return w

    # -- showing --------------------------------------------------------------------
    def show_item(self, c: DraftCase, e: DraftEvent | None, draft: Draft) -> None:
        self._loading = True
        self.cur_case, self.ev = c, e
        if e is None:
            self.name.setText(c.name)
            self.native.setText(c.native_name or "")
            self.match.clear()
            self.match.addItem(self.tr("A new case"), None)
            options = [(c.match_id, c.match_name, c.match_score)] if c.match_id else []
            options += [x for x in c.candidates if x[0] != c.match_id]
            for cid, name, score in options:
                self.match.addItem(
                    self.tr("Existing case: %1 (%2% alike)")
                    .replace("%1", name)
                    .replace("%2", str(score)),
                    (cid, name, score),
                )
            self.match.setCurrentIndex(1 if c.match_id else 0)
            if c.candidates and not c.match_id:
                best = c.candidates[0]
                self.dup.setText(
                    self.tr(
                        "Duplicate check: looks like %1 (%2% alike in pinyin). "
                        "Choose it above if it is the same person."
                    )
                    .replace("%1", best[1])
                    .replace("%2", str(best[2]))
                )
            elif c.match_id:
                self.dup.setText(self.tr("Matched by name: the events are added to this case."))
            else:
                self.dup.setText(self.tr("Duplicate check: no existing case has a name like this."))
            self.case_words.setText(", ".join(dict.fromkeys(m.text for m in c.mentions)))
            self.setCurrentIndex(1)
        else:
            i = self.type.findData(e.type)
            if i < 0:
                self.type.addItem(e.type, e.type)
                i = self.type.count() - 1
            self.type.setCurrentIndex(i)
            self.date.setText(e.date or "")
            self.end.setText(e.end or "")
            self.charges.setText(", ".join(e.charges))
            self.term.setText(e.sentence or "")
            self.outcome.setCurrentText(e.outcome or "")
            self.probation.setText(e.probation or "")
            self.include.setChecked(e.include)
            self.words.setText(self._quote(draft, e))
            self.setCurrentIndex(2)
        self._loading = False

    def _quote(self, draft: Draft, e: DraftEvent) -> str:
        """The sentence with the event's words in bold and its date underlined."""
        import html

        s = draft.sentences[e.sentence_index]
        marks = []
        if e.trigger:
            marks.append((e.trigger.start, e.trigger.end, "b"))
        if e.date_span:
            marks.append((e.date_span.start, e.date_span.end, "u"))
        marks += [(x.start, x.end, "i") for x in e.evidence]
        out, pos = [], s.start
        for a, b, tag in sorted(m for m in marks if s.start <= m[0] and m[1] <= s.end):
            if a < pos:
                continue
            out.append(html.escape(draft.text[pos:a]))
            out.append(f"<{tag}>{html.escape(draft.text[a:b])}</{tag}>")
            pos = b
        out.append(html.escape(draft.text[pos : s.end]))
        why = (
            self.tr("rule: %1 · confidence %2")
            .replace("%1", html.escape(e.rule))
            .replace("%2", percent(e.confidence))
        )
        return "“" + "".join(out) + f"”<br><small>{why}</small>"

    # -- editing ----------------------------------------------------------------------
    def _case_edited(self, *_a) -> None:
        c = self.cur_case
        if self._loading or c is None:
            return
        c.name = self.name.text().strip() or c.name
        c.native_name = self.native.text().strip() or None
        data = self.match.currentData()
        c.match_id, c.match_name, c.match_score = data if data else (None, None, 0)
        self.edited.emit(c, None)

    def _event_edited(self, *_a) -> None:
        e = self.ev
        if self._loading or e is None or self.cur_case is None:
            return
        e.type = self.type.currentData() or e.type
        e.date = self.date.text() or None
        e.end = self.end.text() or None
        e.charges = [
            x.strip() for x in self.charges.text().replace("，", ",").split(",") if x.strip()
        ]
        e.sentence = self.term.text().strip() or None
        e.outcome = self.outcome.currentText() or None
        e.probation = self.probation.text().strip().upper() or None
        e.include = self.include.isChecked()
        self.edited.emit(self.cur_case, e)
