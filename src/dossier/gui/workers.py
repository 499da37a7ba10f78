"""Long work with a progress dialog: unlock, import, facts for a new day, briefings.

The work itself runs on the backend's worker (one database owner); this module only
shows that it is happening and lets the researcher cancel. A job that reports
progress (``job.progress(done, total)``) gets a bar, otherwise a busy indicator; the
dialog appears only if the work lasts longer than a moment, so quick jobs do not flash.
Cancelling stops a job at its next progress report; for a job that cannot stop
midway (an all-or-nothing import), Cancel is disabled rather than a lie.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from .backend import Backend, Job


class ProgressDialog(QProgressDialog):
    """A window-modal progress dialog bound to one Job."""

    def __init__(self, parent: QWidget | None, title: str, label: str, cancellable: bool) -> None:
        super().__init__(label, self.tr("Cancel") if cancellable else "", 0, 0, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(400)
        self.setAccessibleName(title)
        if not cancellable:
            self.setCancelButton(None)
        self.job: Job | None = None

    def bind(self, job: Job) -> None:
        self.job = job
        job.progressed.connect(self._on_progress)
        job.finished.connect(self.close)
        job.finished.connect(self.deleteLater)
        self.canceled.connect(job.cancel)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.setMaximum(total)
            self.setValue(min(done, total))


def run_with_progress(
    parent: QWidget | None,
    backend: Backend,
    fn: Callable[..., Any],
    *args: Any,
    title: str,
    label: str,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    cancellable: bool = True,
    with_job: bool = False,
    key: str | None = None,
    context: QObject | None = None,
) -> Job:
    """Run ``fn(dossier, *args)`` on the worker behind a progress dialog.

    Cancelling a job that does not take ``job`` still drops its result: the view moves
    on and the worker finishes the read in the background.
    """
    dialog = ProgressDialog(parent, title, label, cancellable)
    job = backend.run(
        fn,
        *args,
        on_done=on_done,
        on_error=on_error,
        context=context or parent,
        key=key,
        with_job=with_job,
    )
    dialog.bind(job)  # Cancel → job.cancel(): stops it at its next report, drops its result
    if job.done:  # pragma: no cover - the worker cannot finish before we return
        dialog.deleteLater()
    return job


class BusyIndicator(QObject):
    """Shows a busy state (a status bar spinner, a wait cursor) while the backend works,
    but only after a short delay so that quick jobs stay invisible."""

    def __init__(
        self,
        backend: Backend,
        show: Callable[[bool], None],
        delay_ms: int = 200,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._show = show
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(lambda: self._show(True))
        backend.busy_changed.connect(self._on_busy)

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self._timer.start()
        else:
            self._timer.stop()
            self._show(False)
