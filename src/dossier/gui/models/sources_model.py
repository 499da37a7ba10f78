"""Sources (and a source's attachments) as tables; files dropped on a source row are
handed to the panel to attach, since only the backend may write to the store."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from dossier.core.dates import describe
from dossier.core.model import Attachment, Source
from dossier.core.vocab import SENSITIVITIES
from dossier.gui.models.records import Column, RecordTableModel
from dossier.gui.widgets import term_label, ui_lang

Index = QModelIndex | QPersistentModelIndex


def human_size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def local_files(data: QMimeData) -> list[Path]:
    """The regular local files among dropped URLs (folders and web links are ignored)."""
    if not data.hasUrls():
        return []
    out = []
    for url in data.urls():
        if url.isLocalFile():
            p = Path(url.toLocalFile())
            if p.is_file():
                out.append(p)
    return out


class SourcesModel(RecordTableModel):
    """Sources with title, publisher, date, reliability, protected, files; drop target."""

    filesDropped = Signal(str, list)  # source id, [Path]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            lambda: [
                Column(self.tr("Title"), lambda s: s.title, lambda s: s.url or s.title),
                Column(self.tr("Publisher"), lambda s: s.publisher or ""),
                Column(self.tr("Date"), lambda s: s.date or "", self._date_tip),
                Column(self.tr("Reliability"), lambda s: s.reliability or ""),
                Column(
                    self.tr("Protected"),
                    lambda s: self.tr("protected") if s.protected else "",
                    lambda s: (
                        self.tr(
                            "The identity of this source must not leave below the "
                            "internal audience."
                        )
                        if s.protected
                        else None
                    ),
                ),
                Column(self.tr("Sensitivity"), lambda s: term_label(SENSITIVITIES, s.sensitivity)),
                Column(
                    self.tr("Files"),
                    lambda s: str(len(s.attachments)) if s.attachments else "",
                    None,
                    Qt.AlignmentFlag.AlignRight,
                ),
            ],
            parent,
        )

    def _date_tip(self, s: Source) -> str | None:
        if not s.date:
            return None
        try:
            return describe(s.date, ui_lang())
        except Exception:
            return s.date

    # -- drag and drop -------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDropEnabled if index.isValid() else base

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return ["text/uri-list"]

    def _target_row(self, row: int, parent: Index) -> int:
        if parent.isValid():
            return parent.row()
        return row if 0 <= row < len(self._rows) else -1

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,  # noqa: N802
        column: int,
        parent: Index,
    ) -> bool:
        return bool(local_files(data)) and self._target_row(row, parent) >= 0

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,  # noqa: N802
        column: int,
        parent: Index,
    ) -> bool:
        target = self._target_row(row, parent)
        files = local_files(data)
        if target < 0 or not files:
            return False
        self.filesDropped.emit(self._rows[target].id, files)
        return True


class AttachmentsModel(RecordTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            lambda: [
                Column(self.tr("File"), lambda a: a.filename, lambda a: f"SHA-256 {a.sha256}"),
                Column(self.tr("Type"), lambda a: a.media_type),
                Column(
                    self.tr("Size"), lambda a: human_size(a.size), None, Qt.AlignmentFlag.AlignRight
                ),
            ],
            parent,
        )

    def set_attachments(self, atts: list[Attachment]) -> None:
        self.set_rows(sorted(atts, key=lambda a: a.created))
