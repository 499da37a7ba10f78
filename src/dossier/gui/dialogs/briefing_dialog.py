"""Tools ▸ Export briefing…: choose what goes in the packet, look at the pages, save.

The packet is built on the backend's worker (`services.briefing.make_briefing`, the
same engine as `dossier briefing`), with a progress bar and a Cancel that the engine
checks between cases, so the window never waits on a layout. The preview is held in
memory and shown with QtPdf; Save… writes exactly the bytes that were previewed —
what the researcher looked at is what leaves — atomically, where they choose.

Plain text of a packet never touches a disk until Save…: the engine writes the PDF
into an in-memory stream on the worker (briefing_build.py), and QtPdf reads it from
a QBuffer. Closing the dialog (or locking the store) cancels a running build and drops
the previewed bytes.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dossier.core.fileio import atomic_write_bytes
from dossier.core.vocab import AUDIENCES
from dossier.gui.backend import Backend, Job
from dossier.gui.i18n import error_message
from dossier.gui.widgets import ui_lang
from dossier.gui.widgets.day_edit import DayEdit
from dossier.services.briefing import DEFAULT_AUDIENCE

from .briefing_build import (
    DEFAULT_TITLE,
    PACKET_LANGUAGES,
    Preview,
    Request,
    build_preview,
    case_context,
    remember_cover,
)
from .pdf_preview import PdfPreview


class BriefingDialog(QDialog):
    """Options on the left, the pages on the right, Save… below."""

    def __init__(
        self,
        parent: QWidget | None,
        backend: Backend,
        case_ids: list[str],
        as_of: date | None = None,
    ) -> None:
        """`as_of`: the day the window shows facts as of (the packet's default day), so
        the PDF says what the screen says."""
        super().__init__(parent)
        self._initial_as_of = as_of
        self.backend = backend
        self.case_ids = list(dict.fromkeys(case_ids))
        self.preview: Preview | None = None
        self.job: Job | None = None
        self.saved_path: Path | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Export briefing"))
        self.setSizeGripEnabled(True)
        self.resize(1120, 760)

        options = QWidget(self)
        options.setMinimumWidth(340)
        options.setMaximumWidth(460)
        col = QVBoxLayout(options)
        col.setContentsMargins(0, 0, 8, 0)
        col.addWidget(self._cases_box(options))
        col.addLayout(self._form(options))
        col.addLayout(self._build_row(options))
        col.addStretch(1)

        self.pdf = PdfPreview(self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(options)
        split.addWidget(self.pdf)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        # Said before Save, not after: the PDF leaves the encrypted store as plain text.
        self.plain_note = QLabel(
            self.tr(
                "The PDF is an unencrypted file: anyone who gets it can read it. Keep it on an "
                "encrypted disk and send it only through an encrypted channel."
            ),
            self,
        )
        self.plain_note.setWordWrap(True)
        self.plain_note.setObjectName("plainFileWarning")
        main = QVBoxLayout(self)
        main.addWidget(split, 1)
        main.addWidget(self.plain_note)
        main.addWidget(self.buttons)

        self._explain_audience()
        self._title_hint()
        for sig in (
            self.which.idToggled,
            self.tag_box.currentIndexChanged,
            self.audience.currentIndexChanged,
            self.lang.currentIndexChanged,
            self.title_edit.textChanged,
            self.org_edit.textChanged,
            self.asks_edit.textChanged,
            self.as_of.dateChanged,
        ):
            sig.connect(self._options_changed)
        backend.locked.connect(self.reject)  # case data leaves the screen with the key
        self.backend.run(
            case_context, self.case_ids, on_done=self._fill, on_error=self._failed, context=self
        )

    # -- building the form ------------------------------------------------------------
    def _cases_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Cases"), parent)
        self.selected = QRadioButton(
            self.tr("The selected cases (%n)", "", len(self.case_ids)), box
        )
        self.selected_names = QLabel(box)
        self.selected_names.setWordWrap(True)
        self.selected_names.setIndent(22)
        self.by_tag = QRadioButton(self.tr("Cases with the tag"), box)
        self.tag_box = QComboBox(box)
        self.tag_box.setAccessibleName(self.tr("Tag"))
        self.tag_box.activated.connect(lambda _i: self.by_tag.setChecked(True))
        self.everything = QRadioButton(self.tr("All cases"), box)
        self.which = QButtonGroup(self)
        for i, b in enumerate((self.selected, self.by_tag, self.everything)):
            self.which.addButton(b, i)
        self.selected.setEnabled(bool(self.case_ids))
        (self.selected if self.case_ids else self.everything).setChecked(True)
        self.by_tag.setEnabled(False)  # until the tags have arrived
        self.tag_box.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.by_tag)
        row.addWidget(self.tag_box, 1)
        lay = QVBoxLayout(box)
        lay.addWidget(self.selected)
        lay.addWidget(self.selected_names)
        lay.addLayout(row)
        lay.addWidget(self.everything)
        self.selected_names.setVisible(False)
        return box

    def _form(self, parent: QWidget) -> QFormLayout:
        self.audience = QComboBox(parent)
        for key, term in AUDIENCES.items():
            self.audience.addItem(term.label(ui_lang()), key)
        self.audience.setCurrentIndex(self.audience.findData(DEFAULT_AUDIENCE))
        self.audience_note = QLabel(parent)
        self.audience_note.setWordWrap(True)
        self.audience_note.setEnabled(False)  # muted: an explanation, not a control
        self.audience.currentIndexChanged.connect(self._explain_audience)
        self.lang = QComboBox(parent)
        for code, name in PACKET_LANGUAGES:
            self.lang.addItem(name, code)
        self.lang.setCurrentIndex(self.lang.findData(ui_lang()))
        self.lang.currentIndexChanged.connect(self._title_hint)
        self.title_edit = QLineEdit(parent)
        self.title_edit.setMaxLength(200)
        self.org_edit = QLineEdit(parent)
        self.org_edit.setMaxLength(200)
        self.org_edit.setPlaceholderText(
            self.tr("Optional: printed on the cover; separate several with ;")
        )
        self.asks_edit = QPlainTextEdit(parent)
        self.asks_edit.setTabChangesFocus(True)
        self.asks_edit.setPlaceholderText(self.tr("One ask per line, printed on the cover"))
        self.asks_edit.setFixedHeight(self.asks_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.as_of = DayEdit(parent)
        self.as_of.setMaximumDate(QDate.currentDate())
        day = min(self._initial_as_of or date.today(), date.today())
        self.as_of.setDate(QDate(day.year, day.month, day.day))
        self.as_of.setToolTip(self.tr("Days in custody and alerts are counted up to this day"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Audience"), self.audience)
        form.addRow("", self.audience_note)
        form.addRow(self.tr("Language"), self.lang)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Issued by"), self.org_edit)
        form.addRow(self.tr("Key asks"), self.asks_edit)
        form.addRow(self.tr("Facts as of"), self.as_of)
        return form

    def _build_row(self, parent: QWidget) -> QVBoxLayout:
        self.preview_button = QPushButton(self.tr("Preview"), parent)
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.build)
        self.cancel_button = QPushButton(self.tr("Cancel"), parent)
        self.cancel_button.setToolTip(self.tr("Stop building the packet"))
        self.cancel_button.clicked.connect(self.cancel_build)
        self.cancel_button.hide()
        self.progress = QProgressBar(parent)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel(parent)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel(parent)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.preview_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        out = QVBoxLayout()
        out.addSpacing(6)
        out.addLayout(row)
        out.addWidget(self.status)
        out.addWidget(self.error)
        return out

    def _explain_audience(self) -> None:
        notes = {
            "public": self.tr("Public records only — for publication or an open meeting."),
            "diplomatic": self.tr(
                "Public and restricted records; confidential records are "
                "left out and protected sources appear only as "
                "“confidential source”."
            ),
            "internal": self.tr(
                "Everything, including confidential records and the names of "
                "protected sources — for your own organisation only."
            ),
        }
        self.audience_note.setText(notes[self.audience.currentData()])

    def _title_hint(self) -> None:
        self.title_edit.setPlaceholderText(DEFAULT_TITLE[self.lang.currentData()])

    def _fill(self, ctx: dict) -> None:
        cover = ctx.get("cover")
        if cover is not None and not (
            self.title_edit.text() or self.org_edit.text() or self.asks_edit.toPlainText()
        ):
            # The store remembers the last packet's cover; the researcher edits from there.
            self.title_edit.setText(cover.title)
            self.org_edit.setText(cover.organisation)
            self.asks_edit.setPlainText("\n".join(cover.asks))
        for tag, n in ctx["tags"].items():
            self.tag_box.addItem(f"{tag} ({n})", tag)
        has_tags = bool(ctx["tags"])
        self.by_tag.setEnabled(has_tags)
        self.tag_box.setEnabled(has_tags)
        self.everything.setText(self.tr("All cases (%n)", "", ctx["count"]))
        if ctx["names"]:
            shown = ", ".join(ctx["names"][:3])
            more = len(ctx["names"]) - 3
            if more > 0:
                shown += " " + self.tr("and %n more", "", more)
            self.selected_names.setText(shown)
            self.selected_names.setVisible(True)

    # -- options --------------------------------------------------------------------------
    def request(self) -> Request:
        """The options as they stand in the form."""
        mode = (
            "selection"
            if self.selected.isChecked()
            else "tag"
            if self.by_tag.isChecked()
            else "all"
        )
        return Request(
            mode=mode,
            case_ids=tuple(self.case_ids),
            tag=self.tag_box.currentData() or "",
            audience=self.audience.currentData(),
            lang=self.lang.currentData(),
            title=self.title_edit.text().strip(),
            organisation=self.org_edit.text().strip(),
            as_of=self.as_of.date().toPython(),
            asks=tuple(a.strip() for a in self.asks_edit.toPlainText().splitlines() if a.strip()),
        )

    def _options_changed(self, *_args) -> None:
        if self.preview is None or self.job is not None:
            return
        current = self.preview.request == self.request()
        self.save_button.setEnabled(current)
        self.status.setText(
            self._summary(self.preview)
            if current
            else self.tr(
                "The options have changed: press Preview to see the packet as it will be saved."
            )
        )

    def _summary(self, p: Preview) -> str:
        pages = self.tr("1 page") if p.page_count == 1 else self.tr("%1 pages")
        cases = self.tr("1 case") if p.case_count == 1 else self.tr("%1 cases")
        return " · ".join(
            (
                pages.replace("%1", str(p.page_count)),
                cases.replace("%1", str(p.case_count)),
                self.tr("document %1").replace("%1", p.document_id),
            )
        )

    # -- building -------------------------------------------------------------------------
    def build(self) -> None:
        """Preview: build the packet on the worker for the options as they stand."""
        if self.job is not None:
            return
        if not self.backend.is_open:
            self._show_error(self.tr("The dossier is locked."))
            return
        self._show_error("")
        self._set_building(True)
        self.status.setText(self.tr("Reading the cases…"))
        self.pdf.set_message(self.tr("Building the packet…"))
        self.job = self.backend.run(
            build_preview,
            self.request(),
            on_done=self._built,
            on_error=self._failed,
            context=self,
            key=f"briefing-{id(self)}",
            with_job=True,
        )
        self.job.progressed.connect(self._progressed)
        self.job.finished.connect(self._finished)

    def cancel_build(self) -> None:
        if self.job is not None:
            self.job.cancel()  # the engine stops at its next check, between cases
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    def _progressed(self, done: int, total: int) -> None:
        if self.job is None or self.job.cancelled:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        self.status.setText(
            self.tr("Laying out case %1 of %2…")
            .replace("%1", str(min(done + 1, total)))
            .replace("%2", str(total))
            if done < total
            else self.tr("Finishing…")
        )

    def _built(self, p: Preview) -> None:
        pages = self.pdf.load_bytes(p.data)
        if pages == 0:
            self.preview = None
            self._show_error(self.tr("The packet was built but could not be shown."))
            return
        self.preview = p

    def _failed(self, exc: BaseException) -> None:
        self._show_error(
            self.tr("Could not build the packet: %1").replace("%1", error_message(exc))
        )

    def _finished(self) -> None:
        """Every build ends here — done, failed or cancelled: the form is usable again."""
        job, self.job = self.job, None
        self._set_building(False)
        self.pdf.set_message(None)
        self.status.clear()
        if self.preview is not None:
            self._options_changed()  # Save again if the preview shown fits the options
        if job is not None and job.cancelled:
            self.status.setText(self.tr("Cancelled."))

    def _set_building(self, on: bool) -> None:
        self.preview_button.setEnabled(not on)
        self.cancel_button.setVisible(on)
        self.cancel_button.setEnabled(on)
        self.progress.setVisible(on)
        self.progress.setRange(0, 0)  # busy until the engine reports cases
        self.save_button.setEnabled(False)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        """Save…: write the previewed bytes, atomically, where the researcher says."""
        p = self.preview
        if p is None or p.request != self.request():
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = folder if folder and os.path.isdir(folder) else str(Path.home())
        default = str(Path(folder) / f"briefing-{p.request.as_of.isoformat()}.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the briefing"), default, self.tr("PDF files (*.pdf)")
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        self._show_error("")
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        self.backend.run_unlocked(
            atomic_write_bytes,
            target,
            p.data,
            on_done=lambda _r: self._saved(target),
            on_error=self._save_failed,
            context=self,
        )

    def _saved(self, target: Path) -> None:
        self.saved_path = target
        if self.preview is not None and self.backend.is_open:
            self.backend.run(remember_cover, self.preview.request, context=self)
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("Saved to %1 (unencrypted)").replace("%1", str(target)))

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.status.clear()
        self._show_error(self.tr("Could not save the packet: %1").replace("%1", error_message(exc)))

    # -- closing ----------------------------------------------------------------------------
    def done(self, result: int) -> None:
        """Closing cancels a running build and lets go of the previewed packet."""
        if self.job is not None:
            self.job.cancel()
        self.preview = None
        self.pdf.clear()
        super().done(result)


def open_briefing_dialog(
    parent: QWidget | None, backend: Backend, case_ids: list[str], as_of: date | None = None
) -> BriefingDialog:
    """Tools ▸ Export briefing…: the dialog for `case_ids` (the selection), window-modal,
    counting days up to `as_of` (the window's "As of" day) unless changed."""
    dlg = BriefingDialog(parent, backend, case_ids, as_of)
    dlg.open()
    return dlg
