"""File ▸ Change passphrase…: the current passphrase, the new one twice, a strength meter.

The current passphrase is asked again although the store is open: a laptop left
unlocked for a minute must not let someone lock the researcher out of their own data.
Both the check and the change run Argon2id (about a second each), so they run on the
backend's worker (`services.maintenance.check_passphrase` / `change_passphrase`) with a
busy bar; the dialog stays open with the message on a wrong current passphrase. The
"re-encrypt every page" box is the CLI's `passwd --rekey`, for a key that may have leaked.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from dossier.services import maintenance

from ..backend import Backend
from ..colors import error_color, is_dark
from .passphrase import MIN_SCORE, accept_weak, error_message, show_strength


def _change(d, current: str, new: str, rekey: bool) -> None:
    """On the worker: check the current passphrase, then change it (nothing on error)."""
    maintenance.check_passphrase(d, current)
    maintenance.change_passphrase(d, new, rekey=rekey)


class ChangePassphraseDialog(QDialog):
    """Accepted once the store's passphrase has been changed."""

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.setWindowTitle(self.tr("Change passphrase — Dossier"))
        intro = QLabel(
            self.tr(
                "The store and its backups made from now on open with the new passphrase; "
                "backups made before keep the old one."
            )
        )
        intro.setWordWrap(True)
        self.current, self.first, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        for field, name in (
            (self.current, self.tr("Current passphrase")),
            (self.first, self.tr("New passphrase")),
            (self.again, self.tr("New passphrase again")),
        ):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.rekey = QCheckBox(
            self.tr(
                "Also re-encrypt every page with a new key (if the old key may have leaked; slower)"
            )
        )
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
        form.setHorizontalSpacing(12)  # "Occupation:" must not touch its field
        form.addRow(self.tr("Current:"), self.current)
        form.addRow(self.tr("New:"), self.first)
        form.addRow(self.tr("Again:"), self.again)
        form.addRow(self.tr("Strength:"), self.meter)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Change"))
        self.buttons.accepted.connect(self._change)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        for w in (intro,):
            lay.addWidget(w)
        lay.addLayout(form)
        for w in (self.feedback, self.rekey, self.error, self.busy, self.buttons):
            lay.addWidget(w)
        self.first.textChanged.connect(self._rate)
        self.score = 0
        backend.locked.connect(self.reject)

    def done(self, result: int) -> None:
        """Closing either way: no passphrase is left in a hidden widget."""
        for f in (self.current, self.first, self.again):
            f.clear()
        super().done(result)

    def _rate(self, text: str) -> None:
        self.score = show_strength(self.meter, self.feedback, text)

    def _change(self) -> None:
        current, first, again = self.current.text(), self.first.text(), self.again.text()
        if not current:
            return self._fail(self.tr("Type the current passphrase."))
        if not first:
            return self._fail(self.tr("Type a new passphrase."))
        if first != again:
            return self._fail(self.tr("The two new passphrases differ."))
        if self.score < MIN_SCORE and not accept_weak(self):
            return None
        self.error.hide()
        self._busy(True)
        self.backend.run(
            _change,
            current,
            first,
            self.rekey.isChecked(),
            on_done=lambda _r: self.accept(),
            on_error=self._failed,
            context=self,
        )
        return None

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.current.clear()
        self._fail(error_message(exc))

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for w in (self.current, self.first, self.again, self.rekey, self.ok):
            w.setEnabled(not busy)
