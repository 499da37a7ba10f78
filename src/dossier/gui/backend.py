"""The window's one door to the data: an open `Dossier` and its single worker thread.

Why one worker: SQLCipher with WAL is happiest with one writer, and Anki's and
datasette's lesson is that funnelling every database task through one executor
removes a whole class of races. Jobs take a snapshot in (their arguments) and
hand a value back; the callback runs on the UI thread only if the widget that asked
(`context`) is still alive — KeePassXC's `runThenCallback` — and only if the store
was not locked in the meantime (a lock bumps a generation counter, so a search that
finishes after the lock never repaints data into a hidden window).

Views and undo commands use:

- ``backend.run(fn, *args, on_done=..., on_error=..., context=widget)`` →
  ``fn(dossier, *args)`` on the worker; returns a :class:`Job` (cancel, progress).
- ``backend.perform(op, *args, label=..., on_done=..., on_error=...)`` for every
  write: ``op(dossier, *args)`` on the worker under the store's change recording;
  on the UI thread ``changed(Changes)`` (what the store says the write touched), then
  ``on_done(result)``; a failure goes to ``on_error(message)`` or, without one, to
  ``failed(message)`` — a user-safe message (`present`), never a traceback or record
  text. Nothing writes on the UI thread.
- ``backend.call_sync(fn, *args)`` for tiny *reads* on the UI thread (NullPool: each
  unit of work opens its own keyed connection, so this is safe beside the worker).
- signals ``opened()``, ``locked()``, ``changed(Changes)``, ``failed(str)``,
  ``busy_changed(bool)``, ``performing_changed(bool)`` (a write is in flight: the
  window disables undo and redo until the store answered).
"""

from __future__ import annotations

import contextlib
import gc
import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from shiboken6 import Shiboken

from dossier.core.changes import Changes
from dossier.core.errors import DossierError, LockedError
from dossier.gui.i18n import error_message
from dossier.services.dossier import Dossier

# A job longer than this leaves many long-lived objects (50,000 summaries): freeze them.
_HEAVY_JOB_S = 0.25

SWITCH_INTERVAL_S = 0.002


@contextlib.contextmanager
def _gc_paused(settle_after: Callable[[], bool]) -> Iterator[None]:
    """No cyclic garbage collection while a job runs.

    Why: a job that builds 50,000 case summaries (over a million small objects) makes
    Python run full collections *inside* it, on the worker, holding the GIL for
    seconds — the UI thread, which needs the GIL to paint, froze for up to 10 s in
    bench_window before this. Reference counting still frees everything acyclic.
    If `settle_after()` says the job was heavy, its objects are frozen *before* the
    collector is switched back on (else the first allocation would walk them all).
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if settle_after():
            _settle_heap()
        if was:
            gc.enable()


def _settle_heap() -> None:
    """After a heavy job: move everything alive into the permanent generation, so later
    collections do not walk the million objects the job left behind.

    Not collected first: with the collector paused, the job's objects are all still
    "young", and even a young collection would walk them all (2.5 s in bench_window).
    The frozen objects are mostly summaries without cycles: dropping them frees them
    by reference counting; the little cyclic garbage frozen with them (sessions) waits
    for the lock, when :func:`_reclaim_heap` unfreezes and collects everything.
    """
    gc.freeze()


def _reclaim_heap() -> None:
    """On lock, after the dossier is closed: collect everything, frozen or not, so
    that no case data lingers in unreachable objects."""
    gc.unfreeze()
    gc.collect()


def _free_in_slices(items: list, step: int = 1000) -> None:
    while items:
        del items[-step:]


class Cancelled(Exception):
    """Raised inside a job by :meth:`Job.progress` once the user pressed Cancel."""


class Job(QObject):
    """A handle on one piece of background work: progress out, cancel in.

    A job function that wants progress or cancellation takes a keyword ``job``
    (pass ``with_job=True`` to :meth:`Backend.run`) and calls ``job.progress(done,
    total)`` now and then; that call raises :class:`Cancelled` after ``cancel()``.
    A cancelled job's result is never delivered (it is skipped if it has not started).
    ``finished`` is emitted on the UI thread in every case.
    """

    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, key: str | None = None) -> None:
        super().__init__()
        self.key = key
        self._cancel = threading.Event()
        self.done = False
        self.delivered = False  # its on_done or on_error ran
        self.label = ""

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def progress(self, done: int, total: int) -> None:
        """Report progress from the worker; stop the job if cancelled (cooperative)."""
        if self._cancel.is_set():
            raise Cancelled()
        self.progressed.emit(int(done), int(total))

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


@dataclass
class _Task:
    fn: Callable[..., Any]
    args: tuple
    job: Job
    generation: int
    needs_dossier: bool
    with_job: bool
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    context: QObject | None
    has_context: bool
    result: Any = None
    error: BaseException | None = None
    skipped: bool = False
    extra: dict = field(default_factory=dict)


class Backend(QObject):
    """Owns the open `Dossier` (or none, when locked) and the worker thread."""

    opened = Signal()
    locked = Signal()
    changed = Signal(object)  # Changes
    failed = Signal(str)  # a write failed; the message is safe to show
    busy_changed = Signal(bool)
    performing_changed = Signal(bool)
    _delivered = Signal(object)  # worker → UI thread (queued: emitted from the worker)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dossier: Dossier | None = None
        self._path: Path | None = None
        self._generation = 0
        self._pending = 0
        self._performing = 0
        self._lock = threading.Lock()
        self._latest_key: dict[str, Job] = {}
        self._queue: queue.Queue[_Task | None] = queue.Queue()
        # The worker's Python shares the GIL with the UI thread, which needs it for every
        # painted cell: a thread waiting for the GIL gets it after the switch interval.
        # bench_window at 50,000 cases, same day: 5 ms (CPython's) left 77-99 ms stalls
        # while a new as-of day's rows came in; 1 ms cut them to 44 ms but slowed the
        # worker (as-of 1.5-1.7 s, keystroke 58 ms); 2 ms: 45 ms, 1.4 s, 49 ms.
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        self._thread = threading.Thread(target=self._loop, name="dossier-worker", daemon=True)
        self._delivered.connect(self._deliver)
        self._thread.start()

    # -- state ----------------------------------------------------------------------
    @property
    def dossier(self) -> Dossier | None:
        """The open dossier, or None while locked. Do not use it on the UI thread for
        anything that may take longer than ~50 ms; use :meth:`run`."""
        return self._dossier

    @property
    def is_open(self) -> bool:
        return self._dossier is not None

    @property
    def path(self) -> Path | None:
        """The path of the store last opened (kept while locked, to unlock again)."""
        return self._path

    @property
    def busy(self) -> bool:
        return self._pending > 0

    @property
    def performing(self) -> bool:
        """A write (`perform`) is on its way to the store or back."""
        return self._performing > 0

    # -- running work -----------------------------------------------------------------
    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        context: QObject | None = None,
        key: str | None = None,
        with_job: bool = False,
    ) -> Job:
        """Run ``fn(dossier, *args)`` on the worker; deliver its value on the UI thread.

        ``key``: jobs sharing a key supersede one another — a queued job whose key
        has a newer job behind it is skipped, and only the newest one's callback
        fires (search-as-you-type drops stale results this way).
        """
        if self._dossier is None:
            raise LockedError("the dossier is locked")
        return self._submit(fn, args, True, on_done, on_error, context, key, with_job)

    def run_unlocked(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        context: QObject | None = None,
        with_job: bool = False,
    ) -> Job:
        """Run ``fn(*args)`` (no dossier) on the worker, e.g. a key derivation."""
        return self._submit(fn, args, False, on_done, on_error, context, None, with_job)

    def call_sync(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(dossier, *args)`` right here, for reads that take a few milliseconds."""
        d = self._dossier
        if d is None:
            raise LockedError("the dossier is locked")
        return fn(d, *args)

    def perform(
        self,
        op: Callable[..., Any],
        *args: Any,
        label: str = "",
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        context: QObject | None = None,
    ) -> Job:
        """The one way the window writes: ``op(dossier, *args)`` on the worker.

        The store records what every commit inside `op` touched; back on the UI thread
        `changed(Changes)` goes to every view first (even if `context` is gone: the
        store did change), then ``on_done(result)`` if `context` is still alive. A
        failure calls ``on_error(message)`` — or emits ``failed(message)`` — with the
        user-safe text of `present` (the changes of any commit made before the failure
        are still announced). `label` names the operation in logs and tests.
        """
        if self._dossier is None:
            raise LockedError("the dossier is locked")
        has_context = context is not None

        def alive() -> bool:
            return not has_context or (context is not None and Shiboken.isValid(context))

        def work(d: Dossier, *a: Any) -> tuple[Any, Changes]:
            with d.recording() as rec:
                try:
                    result = op(d, *a)
                except BaseException as exc:
                    exc.dossier_changes = rec.changes  # type: ignore[attr-defined]
                    raise
            return result, rec.changes

        def done(pair: tuple[Any, Changes]) -> None:
            result, changes = pair
            self._performed()
            if changes:
                self.changed.emit(changes)
            if on_done is not None and alive():
                on_done(result)

        def error(exc: BaseException) -> None:
            self._performed()
            changes = getattr(exc, "dossier_changes", None)
            if changes:
                self.changed.emit(changes)
            message = error_message(exc)
            if on_error is not None:
                if alive():
                    on_error(message)
            else:
                self.failed.emit(message)

        self._performing += 1
        if self._performing == 1:
            self.performing_changed.emit(True)
        job = self._submit(
            work, args, True, done, error, None, None, False, on_skipped=self._performed
        )
        job.label = label
        return job

    def _performed(self) -> None:
        """The store answered a write: undo and redo may run again."""
        if self._performing > 0:
            self._performing -= 1
            if self._performing == 0:
                self.performing_changed.emit(False)

    def discard(self, items: list | None) -> None:
        """Free a big list (50,000 summaries) on the worker, a slice at a time.

        Dropping it on the UI thread would free a million objects in one go; on the
        worker, in slices, the UI thread gets the GIL between them. The caller must
        hold no other reference to the list.
        """
        if items:
            self._submit(
                _free_in_slices, (items,), False, None, None, None, None, False, force=True
            )

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Process events until the worker has nothing left (tests, screenshots)."""
        deadline = time.monotonic() + timeout
        app = QCoreApplication.instance()
        while time.monotonic() < deadline:
            if app is not None:
                app.processEvents()
            if self._pending == 0 and self._queue.empty():
                if app is not None:
                    app.processEvents()
                if self._pending == 0:
                    return True
            time.sleep(0.005)
        return False

    # -- opening and locking ------------------------------------------------------------
    def open(
        self,
        path: str | os.PathLike,
        passphrase: str,
        *,
        create: bool = False,
        prepare: Callable[[Dossier], Any] | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        context: QObject | None = None,
    ) -> Job:
        """Unlock (or create) a store on the worker — Argon2id takes about a second.

        ``prepare(dossier)`` runs on the worker right after (e.g. build the demo or
        bring the facts cache up to today) before ``opened`` is emitted.
        """
        path = Path(path)

        def work() -> Dossier:
            d = Dossier.create(path, passphrase) if create else Dossier.open(path, passphrase)
            try:
                if prepare is not None:
                    prepare(d)
            except BaseException:
                d.close()
                raise
            return d

        def done(d: Dossier) -> None:
            self._adopt(d)
            if on_done is not None:
                on_done(d)

        return self._submit(lambda: work(), (), False, done, on_error, context, None, False)

    def adopt(self, dossier: Dossier) -> None:
        """Take an already-open dossier (opened by tests or the command line)."""
        self._adopt(dossier)

    def _adopt(self, d: Dossier) -> None:
        if self._dossier is not None and self._dossier is not d:
            self._close_on_worker(self._dossier)
        self._dossier = d
        self._path = d.path
        self.opened.emit()

    def lock(self) -> None:
        """Forget the dossier now, close it on the worker (after any running job), and
        drop every result still on its way. Emits ``locked``."""
        d = self._dossier
        if d is None:
            return
        with self._lock:
            self._generation += 1
            for job in self._latest_key.values():
                job.cancel()
            self._latest_key.clear()
        self._dossier = None
        self._close_on_worker(d)
        self.locked.emit()

    def _close_on_worker(self, d: Dossier) -> None:
        def close() -> None:
            d.close()
            _reclaim_heap()

        self._submit(close, (), False, None, None, None, None, False, force=True)

    def shutdown(self, timeout: float = 10.0) -> None:
        """Lock, finish the worker and join it (at application exit)."""
        self.lock()
        self._queue.put(None)
        self._thread.join(timeout)

    # -- internals ----------------------------------------------------------------------
    def _submit(
        self,
        fn,
        args,
        needs_dossier,
        on_done,
        on_error,
        context,
        key,
        with_job,
        force: bool = False,
        on_skipped: Callable[[], None] | None = None,
    ) -> Job:
        job = Job(key)
        job.moveToThread(self.thread())
        with self._lock:
            gen = self._generation
            if key is not None:
                old = self._latest_key.get(key)
                if old is not None:
                    old.cancel()
                self._latest_key[key] = job
        task = _Task(
            fn,
            args,
            job,
            gen,
            needs_dossier,
            with_job,
            on_done,
            on_error,
            context,
            context is not None,
            extra={"force": force, "on_skipped": on_skipped},
        )
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._queue.put(task)
        return job

    def _loop(self) -> None:
        while True:
            task = self._queue.get()
            if task is None:
                return
            started = time.perf_counter()
            with _gc_paused(
                settle_after=lambda t0=started: time.perf_counter() - t0 > _HEAVY_JOB_S
            ):
                self._run(task)
            self._delivered.emit(task)

    def _run(self, task: _Task) -> None:
        """One job on the worker; its value or its error goes into the task."""
        try:
            stale = task.generation != self._generation and not task.extra["force"]
            if stale or task.job.cancelled:
                task.skipped = True
            elif task.needs_dossier:
                d = self._dossier
                if d is None:
                    task.skipped = True
                else:
                    kw = {"job": task.job} if task.with_job else {}
                    task.result = task.fn(d, *task.args, **kw)
            else:
                kw = {"job": task.job} if task.with_job else {}
                task.result = task.fn(*task.args, **kw)
        except BaseException as exc:  # delivered to on_error on the UI thread
            task.error = exc

    @Slot(object)
    def _deliver(self, task: _Task) -> None:
        self._pending -= 1
        task.job.done = True
        delivered = False
        try:
            if task.skipped or (task.generation != self._generation and not task.extra["force"]):
                return
            if task.job.cancelled:
                return  # the user cancelled: whatever came back is not wanted
            if task.job.key is not None and self._latest_key.get(task.job.key) is not task.job:
                return  # superseded by a newer job with the same key
            if task.has_context and (task.context is None or not Shiboken.isValid(task.context)):
                return
            if task.error is not None:
                if isinstance(task.error, Cancelled):
                    return
                if task.on_error is not None:
                    task.job.delivered = True
                    task.on_error(task.error)
                elif not isinstance(task.error, DossierError):
                    raise task.error
            else:
                delivered = True
                task.job.delivered = True
                if task.on_done is not None:
                    task.on_done(task.result)
        finally:
            if (
                not delivered
                and isinstance(task.result, Dossier)
                and task.result is not self._dossier
            ):
                self._close_on_worker(task.result)  # an unlock nobody wants any more
            if task.job.key is not None and self._latest_key.get(task.job.key) is task.job:
                del self._latest_key[task.job.key]
            skipped = task.extra.get("on_skipped")
            if skipped is not None and not task.job.delivered:
                skipped()  # a write dropped (the store was locked meanwhile) still ends
            task.job.finished.emit()
            # Drop the callbacks here, on the UI thread: the worker still holds the task
            # until its next job, and a widget a closure kept alive must never be
            # deleted on the worker (a dialog freed there crashes Qt).
            task.fn = task.on_done = task.on_error = None  # type: ignore[assignment]
            task.args, task.context, task.result, task.error = (), None, None, None
            task.extra.clear()
            if self._pending == 0:
                self.busy_changed.emit(False)
