"""Unlocking and creating a store: passphrase entry, strength meter, busy while Argon2id runs.

The key derivation takes about a second by design, so it runs on the backend's worker
and the dialog shows a busy bar meanwhile; a wrong passphrase comes back as an
UnlockError whose message is shown under the field, and the field is cleared for the
next try. An older copy of the store than this computer has seen (`RollbackError`) may be
the researcher's own restore: the dialog asks, and on Yes accepts it on the worker
(`services.maintenance.accept_restore`) and unlocks again; on No it stays refused. On creation, zxcvbn estimates the passphrase's strength as it is typed; one
below "good" (score 3) is refused unless the researcher confirms they want it anyway.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dossier.core.errors import RollbackError
from dossier.services import maintenance, passphrase_policy

from ..backend import Backend
from ..colors import error_color, is_dark
from ..i18n import error_message  # the one rule (core.errors.present); others import it here too

MIN_SCORE = passphrase_policy.MIN_SCORE  # the one rule, shared with the command line


def strength(passphrase: str) -> tuple[int, str]:
    """(score 0–4, a short hint) for a passphrase: services.passphrase_policy.rate."""
    r = passphrase_policy.rate(passphrase)
    return r.score, r.hint


def show_strength(meter, feedback, text: str) -> int:
    """Rate `text` into a strength meter and its hint label; returns the score. One
    rule and one set of words for every dialog that sets a passphrase."""
    score, hint = strength(text)
    names = [
        QCoreApplication.translate("CreateDialog", "very weak"),
        QCoreApplication.translate("CreateDialog", "weak"),
        QCoreApplication.translate("CreateDialog", "fair"),
        QCoreApplication.translate("CreateDialog", "good"),
        QCoreApplication.translate("CreateDialog", "strong"),
    ]
    meter.setValue(score)
    meter.setFormat(names[score] if text else "")
    feedback.setText(hint)
    return score


def accept_weak(parent: QWidget) -> bool:
    """Ask before taking a passphrase the policy calls weak (default: No)."""
    answer = QMessageBox.warning(
        parent,
        QCoreApplication.translate("CreateDialog", "Weak passphrase"),
        QCoreApplication.translate(
            "CreateDialog",
            "This passphrase is easy to guess. Anyone "
            "who takes this computer could try it. Use it anyway?",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class UnlockPanel(QWidget):
    """A passphrase field with an Unlock button, a busy bar and an error line.

    Used inside the unlock dialog and as the locked window's central widget.
    """

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("unlockTitle")
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        self.path_label = QLabel()
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMinimumWidth(280)
        self.button = QPushButton()
        self.button.setDefault(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.button)
        lay = QVBoxLayout(self)
        for w in (self.title, self.path_label, self.hint):
            lay.addWidget(w)
        lay.addLayout(row)
        lay.addWidget(self.busy)
        lay.addWidget(self.error)
        self.field.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Unlock the dossier"))
        self.button.setText(self.tr("Unlock"))
        self.field.setPlaceholderText(self.tr("Passphrase"))
        self.field.setAccessibleName(self.tr("Passphrase"))
        self.field.setToolTip(self.tr("The passphrase of this store"))
        self.busy.setAccessibleName(self.tr("Unlocking"))

    def reset(self, path: Path | str | None, hint: str = "") -> None:
        self.path_label.setText(str(path) if path else "")
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.field.clear()
        self.error.hide()
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.field.setEnabled(not busy)
        self.button.setEnabled(not busy)
        if not busy:
            self.field.setFocus()

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.setText(message)
        self.error.setStyleSheet(f"color: {error_color(is_dark()).name()}")
        self.error.show()
        self.field.clear()
        self.field.setFocus()

    def _submit(self) -> None:
        text = self.field.text()
        if not text:
            self.show_error(self.tr("Type the passphrase first."))
            return
        self.error.hide()
        self.set_busy(True)
        self.submitted.emit(text)


class UnlockDialog(QDialog):
    """Asks for the passphrase of an existing store and unlocks it on the worker.

    Accepted once the backend holds the open dossier; stays open on a wrong passphrase.
    """

    def __init__(
        self, backend: Backend, path: Path | str, hint: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.path = Path(path)
        self.setWindowTitle(self.tr("Unlock — Dossier"))
        self.panel = UnlockPanel(self)
        self.panel.reset(self.path, hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.panel)
        lay.addWidget(buttons)
        self.panel.submitted.connect(self._unlock)

    def done(self, result: int) -> None:
        """Closing either way: no passphrase is left in a hidden widget."""
        self.panel.field.clear()
        super().done(result)

    def _unlock(self, passphrase: str) -> None:
        self.backend.open(
            self.path,
            passphrase,
            on_done=lambda _d: self.accept(),
            on_error=lambda e: self._failed(e, passphrase),
            context=self,
        )

    def _failed(self, exc: BaseException, passphrase: str) -> None:
        if isinstance(exc, RollbackError) and self._restored_on_purpose():
            self.panel.set_busy(True)
            # The store is locked, so this runs without a dossier (run_unlocked), on the worker.
            self.backend.run_unlocked(
                maintenance.accept_restore,
                self.path,
                passphrase,
                on_done=lambda _r: self._unlock(passphrase),
                on_error=lambda e: self.panel.show_error(error_message(e)),
                context=self,
            )
            return
        self.panel.show_error(error_message(exc))

    def _restored_on_purpose(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("An older copy of the store"),
            self.tr(
                "This copy of the store is older than the one this computer last saw. "
                "Someone may have put an old copy back to hide later changes — or you "
                "restored it yourself.\n\nDid you restore it from your own backup on purpose?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class CreateDialog(QDialog):
    """Chooses the passphrase of a new store (twice), with a strength meter."""

    def __init__(
        self, backend: Backend, path: Path | str, parent: QWidget | None = None, prepare=None
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.path = Path(path)
        self.prepare = prepare
        self.setWindowTitle(self.tr("New dossier — Dossier"))
        intro = QLabel(
            self.tr(
                "Choose a passphrase for the new store at %1. Nobody — not us, not you — can "
                "open the store without it: write it down somewhere safe."
            ).replace("%1", str(self.path))
        )
        intro.setWordWrap(True)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(self.tr("New passphrase"))
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName(self.tr("Passphrase again"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.meter.setToolTip(self.tr("Estimated by zxcvbn: 3 (good) or 4 (strong) is wanted"))
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {error_color(is_dark()).name()}")
        self.error.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()
        form = QFormLayout()
        form.addRow(self.tr("Passphrase:"), self.first)
        form.addRow(self.tr("Again:"), self.again)
        form.addRow(self.tr("Strength:"), self.meter)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Create"))
        self.buttons.accepted.connect(self._create)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.feedback)
        lay.addWidget(self.error)
        lay.addWidget(self.busy)
        lay.addWidget(self.buttons)
        self.first.textChanged.connect(self._rate)
        self.score = 0
        self._rate("")

    def done(self, result: int) -> None:
        """Closing either way: no passphrase is left in a hidden widget."""
        self.first.clear()
        self.again.clear()
        super().done(result)

    def _rate(self, text: str) -> None:
        self.score = show_strength(self.meter, self.feedback, text)

    def _create(self) -> None:
        first, again = self.first.text(), self.again.text()
        if not first:
            return self._fail(self.tr("Type a passphrase."))
        if first != again:
            return self._fail(self.tr("The two passphrases differ."))
        if self.score < MIN_SCORE and not accept_weak(self):
            return None
        self.error.hide()
        self._busy(True)
        self.backend.open(
            self.path,
            first,
            create=True,
            prepare=self.prepare,
            on_done=lambda _d: self.accept(),
            on_error=self._failed,
            context=self,
        )
        return None

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self._fail(error_message(exc))

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for w in (self.first, self.again, self.ok):
            w.setEnabled(not busy)
