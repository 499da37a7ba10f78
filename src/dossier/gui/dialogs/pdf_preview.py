"""Pages of a PDF held in memory, shown with QtPdf: the briefing dialog's preview.

Why from memory: a packet holds case data in plain text, so the preview never reads
it from a file — the bytes go into a QBuffer that QPdfDocument reads (pdfium pulls
from the device; nothing is written out). :meth:`PdfPreview.clear` lets go of the
document, the buffer and the bytes, so a closed dialog keeps no copy of the packet.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

_ZOOM_STEP = 1.25
_ZOOM_MIN, _ZOOM_MAX = 0.25, 4.0


class PdfPreview(QWidget):
    """A multi-page PDF view (fit to width by default) with zoom buttons and a
    placeholder text while there is nothing to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)  # once: detaching makes Qt warn about a null model
        self.view.setAccessibleName(self.tr("Preview of the pages"))
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)  # drawn in the muted text colour
        self.placeholder.setMargin(24)
        self.placeholder.setFrameShape(QLabel.Shape.StyledPanel)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)

        self.pages = QLabel(self)
        self.zoom_out = self._tool("−", self.tr("Zoom out"), lambda: self._zoom(1 / _ZOOM_STEP))
        self.fit = self._tool(
            self.tr("Fit width"), self.tr("Fit the page width to the window"), self.fit_width
        )
        self.zoom_in = self._tool("+", self.tr("Zoom in"), lambda: self._zoom(_ZOOM_STEP))
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.pages, 1)
        for b in (self.zoom_out, self.fit, self.zoom_in):
            bar.addWidget(b)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addLayout(self.stack, 1)
        self.clear()

    def _tool(self, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        b.clicked.connect(slot)
        return b

    # -- content ------------------------------------------------------------------------
    def load_bytes(self, data: bytes) -> int:
        """Show the PDF in `data`; returns its page count (0 if it could not be read)."""
        self.clear()
        buf = QBuffer(self)
        buf.setData(QByteArray(data))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buf  # the document reads from it for as long as it is shown
        self.document.load(buf)
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() < 1:
            self.clear()
            return 0
        self.fit_width()
        n = self.document.pageCount()
        self._show_page(self.view.pageNavigator().currentPage())
        self.stack.setCurrentWidget(self.view)
        self._set_tools(True)
        return n

    def clear(self, message: str | None = None) -> None:
        """Forget the document and its bytes; show `message` (or the default hint)."""
        self.document.close()  # the view stays attached and shows an empty document
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer.deleteLater()
            self._buffer = None
        self.pages.clear()
        self.set_message(message)
        self.stack.setCurrentWidget(self.placeholder)
        self._set_tools(False)

    def _show_page(self, index: int) -> None:
        """Say which page is in view ("Page 3 of 8") as the researcher scrolls."""
        n = self.page_count()
        if n:
            text = self.tr("Page %1 of %2").replace("%1", str(min(index, n - 1) + 1))
            self.pages.setText(text.replace("%2", str(n)))

    def set_message(self, message: str | None) -> None:
        """The placeholder's text (shown only while there are no pages)."""
        self.placeholder.setText(message or self.tr("Press Preview to see the pages here."))

    def page_count(self) -> int:
        return self.document.pageCount() if self._buffer is not None else 0

    # -- zoom ---------------------------------------------------------------------------
    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _zoom(self, factor: float) -> None:
        # Leaving fit-to-width: start from the factor the view is showing now.
        current = self.view.zoomFactor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            current = self._effective_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(_ZOOM_MAX, max(_ZOOM_MIN, current * factor)))

    def _effective_zoom(self) -> float:
        """The factor fit-to-width amounts to: viewport width over the page width in px."""
        if self.document.pageCount() < 1:
            return 1.0
        page_pt = self.document.pagePointSize(0).width()
        margins = self.view.documentMargins()
        avail = self.view.viewport().width() - margins.left() - margins.right()
        dpi = self.view.logicalDpiX() or 96
        return max(_ZOOM_MIN, avail / (page_pt * dpi / 72.0)) if page_pt > 0 else 1.0

    def _set_tools(self, on: bool) -> None:
        for b in (self.zoom_out, self.fit, self.zoom_in):
            b.setEnabled(on)
