"""The first thing a researcher sees: create a dossier, open one, or pick a recent one.

The recent list shows file paths only (SECURITY.md: nothing of a case in settings);
a path that no longer exists is shown greyed and can be removed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import assets


class WelcomeWidget(QWidget):
    """Signals what the researcher chose; the main window does the opening.

    `new_requested` starts the guided setup (gui/first_run.py); File ▸ New keeps the
    quick path (a file dialog and a passphrase) for those who know what they want.
    """

    new_requested = Signal()
    open_requested = Signal()
    recent_chosen = Signal(str)
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.logo = QLabel()
        icon = assets.icon_file()
        if icon is not None:
            self.logo.setPixmap(QIcon(str(icon)).pixmap(QSize(72, 72)))
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = QLabel()
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.8)
        f.setBold(True)
        self.heading.setFont(f)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.blurb = QLabel()
        self.blurb.setWordWrap(True)
        self.blurb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        self.demo_button = QPushButton()
        for b in (self.new_button, self.open_button, self.demo_button):
            b.setMinimumHeight(36)
            b.setMinimumWidth(180)
        self.recent_label = QLabel()
        self.recent = QListWidget()
        self.recent.setMinimumHeight(120)
        self.recent.setMaximumHeight(220)
        self.recent.itemActivated.connect(self._activated)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.new_button, self.open_button, self.demo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.logo)
        column.addWidget(self.heading)
        column.addWidget(self.blurb)
        column.addSpacing(16)
        column.addLayout(buttons)
        column.addSpacing(24)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent)
        column.addStretch(2)
        box = QWidget()
        box.setLayout(column)
        box.setMaximumWidth(640)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 4)
        outer.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Dossier"))
        self.blurb.setText(
            self.tr(
                "Encrypted case files on detained and disappeared people: timelines, sources, "
                "alerts and briefings, kept on this computer only."
            )
        )
        self.new_button.setText(self.tr("Set up a new dossier…"))
        self.new_button.setToolTip(
            self.tr("Create a new encrypted store, your identity and a backup of its key")
        )
        self.open_button.setText(self.tr("Open dossier…"))
        self.open_button.setToolTip(self.tr("Open an existing store file"))
        self.demo_button.setText(self.tr("Open the demo"))
        self.demo_button.setToolTip(
            self.tr("Five public cases from the February 2018 NGO letter (passphrase: demo)")
        )
        self.recent_label.setText(self.tr("Recent dossiers"))
        self.recent.setAccessibleName(self.tr("Recent dossiers"))
        self.recent.setToolTip(self.tr("Double-click or press Enter to open"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for p in paths:
            item = QListWidgetItem(p)
            item.setData(Qt.ItemDataRole.UserRole, p)
            if not Path(p).exists():
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(self.tr("This file is not there any more"))
            self.recent.addItem(item)
        self.recent_label.setVisible(bool(paths))
        self.recent.setVisible(bool(paths))

    def _activated(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.recent_chosen.emit(str(path))
