"""*Case → Draft from statement…*: paste or open a statement, review the drafts, accept.

Review, not magic: the statement stays on the left with every finding highlighted
(event words, dates, names; sentences nothing came from greyed and listed as "not
used"); clicking a highlight selects the draft event it produced, and selecting an
event shows its words. Every draft field is editable on the right. Drafting runs on
the backend's worker (it reads the store's names to match them); accepting is one
write on the worker and one undoable step (`undo.ApplyDraft`). Nothing is written
before Accept.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from dossier.core.errors import DossierError, ValidationError
from dossier.drafting import Draft, DraftCase, DraftEvent
from dossier.gui import undo
from dossier.gui.colors import error_color, is_dark
from dossier.gui.dialogs.draft_review import DraftTree, ItemEditor
from dossier.gui.dialogs.passphrase import error_message

MAX_CHARS = 1_000_000

# Highlight colours (light, dark): event words, dates, names, charges and terms.
_MARKS = {
    "event": ("#ffe08a", "#7a5d00"),
    "date": ("#bfe3ff", "#1f4f7a"),
    "name": ("#c9f2c7", "#2e5e2b"),
    "evidence": ("#ffd3b0", "#7a3f12"),
}


def utf16_positions(text: str) -> list[int]:
    """Python index → Qt (UTF-16) document position, for characters beyond the BMP."""
    out, pos = [0] * (len(text) + 1), 0
    for i, ch in enumerate(text):
        out[i] = pos
        pos += 2 if ord(ch) > 0xFFFF else 1
    out[len(text)] = pos
    return out


class DraftDialog(QDialog):
    """Draft cases from one statement and write them after review."""

    def __init__(
        self, parent: QWidget | None, backend, undo_stack: QUndoStack, text: str = "", on_error=None
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.undo_stack = undo_stack
        self.on_error = on_error
        self.draft: Draft | None = None
        self.filename = "statement.txt"
        self._pos: list[int] = []
        self._selected: DraftEvent | None = None
        self.setWindowTitle(self.tr("Draft from statement"))
        self.resize(1280, 800)
        self._build()
        self.text.setPlainText(text)
        self._update_state()

    # -- layout ---------------------------------------------------------------------
    def _build(self) -> None:
        top = QFormLayout()
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("Title of the source the statement is saved as"))
        self.day = QLineEdit(self)
        self.day.setPlaceholderText(
            self.tr("YYYY-MM-DD — relative dates (last year, 去年) count from it")
        )
        self.publisher = QLineEdit(self)
        top.addRow(self.tr("Source title"), self.title)
        top.addRow(self.tr("Statement date"), self.day)
        top.addRow(self.tr("Publisher"), self.publisher)

        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.open_btn = QPushButton(self.tr("Open file…"), left)
        self.draft_btn = QPushButton(self.tr("Draft"), left)
        self.draft_btn.setDefault(False)
        self.edit_btn = QPushButton(self.tr("Edit the text"), left)
        for b in (self.open_btn, self.draft_btn, self.edit_btn):
            row.addWidget(b)
        row.addStretch(1)
        self.text = QTextEdit(left)
        self.text.setAcceptRichText(False)
        self.text.setPlaceholderText(
            self.tr(
                "Paste a statement here (English or Chinese): a joint letter, "
                "a news item, a court notice, a family's account."
            )
        )
        self.legend = QLabel(
            self.tr(
                "Highlighted: event words · dates · names · charges and terms. "
                "Grey: sentences nothing was taken from."
            ),
            left,
        )
        self.legend.setWordWrap(True)
        lv.addLayout(row)
        lv.addWidget(self.text, 1)
        lv.addWidget(self.legend)

        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.tree = DraftTree(right)
        self.editor = ItemEditor(right)
        self.unused = QListWidget(right)
        self.unused_label = QLabel(self.tr("Not used"), right)
        rv.addWidget(self.tree, 3)
        rv.addWidget(self.editor, 2)
        rv.addWidget(self.unused_label)
        rv.addWidget(self.unused, 1)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {error_color(is_dark(self.palette())).name()};")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.accept_btn = self.buttons.addButton(
            self.tr("Accept drafts"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.write)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addWidget(self.summary)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)

        self.open_btn.clicked.connect(self.open_file)
        self.draft_btn.clicked.connect(self.run_draft)
        self.edit_btn.clicked.connect(self.edit_text)
        self.text.textChanged.connect(self._update_state)
        self.day.textEdited.connect(self._update_state)
        self.text.cursorPositionChanged.connect(self._cursor_moved)
        self.tree.picked.connect(self._picked)
        self.tree.changed.connect(self._redraw)
        self.editor.edited.connect(self._edited)
        self.unused.itemActivated.connect(self._show_unused)
        self.unused.itemClicked.connect(self._show_unused)

    # -- steps ----------------------------------------------------------------------
    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open statement"),
            str(Path.home()),
            self.tr("Text (*.txt *.md);;All files (*)"),
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        try:
            data = path.read_bytes()
            if len(data) > MAX_CHARS * 4:
                raise ValidationError(self.tr("the file is too large for one statement"))
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self._fail(
                self.tr("%1 is not UTF-8 text; save it as UTF-8 first.").replace("%1", path.name)
            )
            return
        except (OSError, DossierError) as exc:
            self._fail(error_message(exc))
            return
        self.filename = path.name
        self.draft = None
        self.text.setReadOnly(False)
        self.text.setPlainText(text)

    def statement_day(self) -> date | None:
        value = self.day.text().strip()
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValidationError(
                self.tr("the statement date must be a day, like 2024-03-12"),
                where=self.tr("Statement date"),
            ) from None

    def run_draft(self) -> None:
        """Draft on the worker (it reads the store's case names for matching)."""
        text = self.text.toPlainText()
        self.error.hide()
        try:
            day = self.statement_day()
            if not text.strip():
                raise ValidationError(self.tr("paste or open a statement first"))
            if len(text) > MAX_CHARS:
                raise ValidationError(self.tr("the text is too long for one statement"))
        except DossierError as exc:
            self._fail(str(exc))
            return

        def work(d, t, dd):
            from dossier.services import drafting

            return drafting.draft_statement(d, t, dd)

        self.draft_btn.setEnabled(False)
        self.summary.setText(self.tr("Drafting…"))
        self.backend.run(
            work,
            text,
            day,
            on_done=self.show_draft,
            on_error=lambda e: self._fail(error_message(e)),
            context=self,
        )

    def show_draft(self, draft: Draft) -> None:
        self.draft = draft
        self.text.blockSignals(True)
        self.text.setPlainText(draft.text)
        self.text.blockSignals(False)
        self.text.setReadOnly(True)
        self._pos = utf16_positions(draft.text)
        if not self.day.text().strip() and draft.statement_date:
            self.day.setText(draft.statement_date)
        if not self.title.text().strip():
            first = next((s.text for s in draft.sentences), "")
            self.title.setText(first[:120])
        self.tree.set_draft(draft)
        self.unused.clear()
        for s in draft.not_used:
            item = QListWidgetItem(f"{s.index + 1}. {s.text}", self.unused)
            item.setData(Qt.ItemDataRole.UserRole, s.index)
        self.unused_label.setText(
            self.tr("Not used (%1 sentences): nothing was taken from these").replace(
                "%1", str(len(draft.not_used))
            )
        )
        if not draft.cases:
            self._fail(
                self.tr(
                    "No case or event was found. The sentences are listed as not used; "
                    "add events by hand if the statement has them."
                )
            )
        self._redraw()
        self._update_state()

    def edit_text(self) -> None:
        self.draft = None
        self.text.setReadOnly(False)
        self.text.setExtraSelections([])
        self.tree.clear()
        self.unused.clear()
        self.editor.setCurrentIndex(0)
        self._update_state()

    def write(self) -> None:
        """Accept: check the drafts here, write them in one transaction on the worker."""
        from dossier.services import drafting

        if self.draft is None:
            return
        try:
            plan = drafting.plan(
                self.draft,
                title=self.title.text(),
                source_date=self.day.text().strip() or None,
                publisher=self.publisher.text().strip() or None,
                filename=self.filename,
            )
        except DossierError as exc:
            self._fail(str(exc))
            return
        cmd = undo.ApplyDraft(self.backend, plan, on_error=self.on_error)

        def done(_p) -> None:
            self.accept()

        def failed(message: str) -> None:
            self.buttons.setEnabled(True)
            self._fail(message + " " + self.tr("Nothing was written."))

        self.buttons.setEnabled(False)
        self.summary.setText(self.tr("Writing…"))
        undo.push(self.undo_stack, cmd, on_done=done, on_error=failed, context=self)

    # -- highlights and links -----------------------------------------------------------
    def _fmt(self, kind: str, strong: bool = False) -> QTextCharFormat:
        f = QTextCharFormat()
        light, dark = _MARKS[kind]
        f.setBackground(QColor(dark if is_dark(self.palette()) else light))
        if strong:
            f.setFontUnderline(True)
            f.setFontWeight(700)
        return f

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(self.text.document())
        cur.setPosition(self._pos[start])
        cur.setPosition(self._pos[end], QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        sel.format = fmt
        return sel

    def _redraw(self) -> None:
        if self.draft is None:
            return
        sels = []
        grey = QTextCharFormat()
        grey.setForeground(QColor("#8a8a8a"))
        for s in self.draft.not_used:
            sels.append(self._selection(s.start, s.end, grey))
        if self.draft.statement_date_span is not None:  # the date relative dates count from
            sd = self.draft.statement_date_span
            sels.append(self._selection(sd.start, sd.end, self._fmt("date")))
        for c in self.draft.cases:
            for m in c.mentions:
                sels.append(self._selection(m.start, m.end, self._fmt("name")))
            for e in c.events:
                strong = e is self._selected
                if not (c.include and e.include):
                    continue
                for x in e.evidence:
                    sels.append(self._selection(x.start, x.end, self._fmt("evidence", strong)))
                if e.date_span:
                    sels.append(
                        self._selection(
                            e.date_span.start, e.date_span.end, self._fmt("date", strong)
                        )
                    )
                if e.trigger:
                    sels.append(
                        self._selection(e.trigger.start, e.trigger.end, self._fmt("event", strong))
                    )
        self.text.setExtraSelections(sels)
        self._update_state()

    def _cursor_moved(self) -> None:
        """A click on highlighted words selects the draft event they produced."""
        if self.draft is None or not self.text.isReadOnly():
            return
        qpos = self.text.textCursor().position()
        for c in self.draft.cases:
            for e in c.events:
                for span in (e.trigger, e.date_span, *e.evidence):
                    if span and self._pos[span.start] <= qpos < self._pos[span.end]:
                        self.tree.select_event(e)
                        return

    def _picked(self, c: DraftCase, e: DraftEvent | None) -> None:
        self._selected = e
        if self.draft is not None:
            self.editor.show_item(c, e, self.draft)
        if e is not None and e.trigger is not None:
            cur = QTextCursor(self.text.document())
            cur.setPosition(self._pos[e.trigger.start])
            self.text.blockSignals(True)
            self.text.setTextCursor(cur)
            self.text.blockSignals(False)
            self.text.ensureCursorVisible()
        self._redraw()

    def _edited(self, c: DraftCase, _e: DraftEvent | None) -> None:
        self.tree.refresh(c)
        self._redraw()

    def _show_unused(self, item: QListWidgetItem) -> None:
        if self.draft is None:
            return
        s = self.draft.sentences[item.data(Qt.ItemDataRole.UserRole)]
        cur = QTextCursor(self.text.document())
        cur.setPosition(self._pos[s.start])
        cur.setPosition(self._pos[s.end], QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cur)
        self.text.ensureCursorVisible()

    # -- state ----------------------------------------------------------------------
    def _update_state(self) -> None:
        drafted = self.draft is not None
        # a new statement date after drafting: relative dates must be read again
        redo = drafted and (self.day.text().strip() or None) != self.draft.statement_date
        self.draft_btn.setText(self.tr("Draft again with this date") if redo else self.tr("Draft"))
        self.draft_btn.setEnabled(bool(self.text.toPlainText().strip()) and (not drafted or redo))
        self.edit_btn.setEnabled(drafted)
        self.open_btn.setEnabled(not drafted)
        events = [
            (c, e) for c, e in (self.draft.events() if drafted else []) if c.include and e.include
        ]
        dated = sum(1 for _c, e in events if e.date)
        new = sum(
            1
            for c in (self.draft.cases if drafted else [])
            if c.include and not c.match_id and any(e.include and e.date for e in c.events)
        )
        old = len({c.match_id for c, e in events if c.match_id and e.date})
        self.accept_btn.setEnabled(drafted and dated > 0)
        if drafted:
            text = self.tr(
                "Accepting writes: the statement as a source (its text attached), %1 new case(s), "
                "events for %2 existing case(s), %3 event(s) citing the source."
            )
            text = text.replace("%1", str(new)).replace("%2", str(old)).replace("%3", str(dated))
            if len(events) > dated:
                text += " " + self.tr("%1 event(s) without a date will not be written.").replace(
                    "%1", str(len(events) - dated)
                )
            self.summary.setText(text)
        else:
            self.summary.setText(self.tr("Nothing is written until you accept the drafts."))

    def _fail(self, message: str) -> None:
        self.draft_btn.setEnabled(bool(self.text.toPlainText().strip()) and self.draft is None)
        self.error.setText(message)
        self.error.show()


def draft_from_statement(window, backend, undo_stack: QUndoStack, on_error=None) -> DraftDialog:
    """Open the dialog (non-modal, so the window's lock can close it)."""
    dlg = DraftDialog(window, backend, undo_stack, on_error=on_error)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
