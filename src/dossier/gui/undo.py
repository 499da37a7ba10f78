"""Undo and redo for every edit: thin QUndoCommands over the service operations.

Each service write returns what undo needs (`update_event` the previous Event,
`delete_case` the whole case, …), so a command is only "call the service; keep what
it gave back; call the inverse with it". Every change is written at once (there is no
Save); after each redo/undo `backend.write_sync` emits `changed(case_ids)` and the
views refresh.

A command is *executed before it is pushed* (`push(stack, cmd)`): a write the store
refuses (a validation error, a locked store) raises to the dialog that asked, which
shows the message and stays open, and nothing lands on the stack. Later undo/redo
failures (the store was locked, the record was changed elsewhere) make the command
obsolete, so the stack never lies about what the store holds, and are reported to
`on_error` (the main window shows them).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from dossier.core.errors import DossierError
from dossier.core.model import Attachment, Case, Event, Source
from dossier.core.vocab import EVENT_TYPES
from dossier.gui.i18n import error_message
from dossier.gui.widgets import term_label

ErrorSink = Callable[[str], None]


def push(stack: QUndoStack, cmd: Command) -> None:
    """Do `cmd` now (raising DossierError if the store refuses), then put it on the stack."""
    cmd.execute()
    cmd._skip_redo = True
    stack.push(cmd)


class Command(QUndoCommand):
    """Base: runs `_do` / `_undo` through the backend, reporting failures."""

    def __init__(self, backend, text: str, on_error: ErrorSink | None = None) -> None:
        super().__init__(text)
        self.backend = backend
        self.on_error = on_error
        self._skip_redo = False

    # subclasses implement these two; both may raise DossierError
    def _do(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    def case_ids(self) -> list[str]:
        return []

    def execute(self) -> None:
        self._do()

    def write(self, fn, *args):
        """One service call on the UI thread, then `changed(case ids)` for the views."""
        return self.backend.write_sync(fn, *args, case_ids=self.case_ids())

    def redo(self) -> None:
        if self._skip_redo:  # already done by push()
            self._skip_redo = False
            return
        self._guarded(self._do)

    def undo(self) -> None:
        self._guarded(self._undo)

    def _guarded(self, fn) -> None:
        try:
            fn()
        except DossierError as exc:
            self.setObsolete(True)
            if self.on_error is not None:
                self.on_error(str(exc))


# -- cases ------------------------------------------------------------------------------
class AddCase(Command):
    def __init__(self, backend, case: Case, on_error: ErrorSink | None = None) -> None:
        words = QCoreApplication.translate("Undo", "Add case {name}").format(name=case.name)
        super().__init__(backend, words, on_error)
        self.case = copy.deepcopy(case)
        self._saved: Case | None = None

    def case_ids(self) -> list[str]:
        return [self.case.id]

    def _do(self) -> None:
        if self._saved is None:
            self.write(lambda d, c: d.add_case(c), copy.deepcopy(self.case))
        else:
            self.write(lambda d, c: d.restore_case(c), copy.deepcopy(self._saved))

    def _undo(self) -> None:
        self._saved = self.write(lambda d, i: d.delete_case(i), self.case.id)


class EditCase(Command):
    """Replace a case's own fields (names, tags, relations, asks; not its events)."""

    def __init__(
        self, backend, case: Case, on_error: ErrorSink | None = None, text: str | None = None
    ) -> None:
        words = text or QCoreApplication.translate("Undo", "Edit case {name}").format(
            name=case.name
        )
        super().__init__(backend, words, on_error)
        self.after = copy.deepcopy(case)
        self.before: Case | None = None

    def case_ids(self) -> list[str]:
        return [self.after.id]

    def _do(self) -> None:
        before = self.write(lambda d, c: d.update_case(c), copy.deepcopy(self.after))
        if self.before is None:
            self.before = before

    def _undo(self) -> None:
        assert self.before is not None
        self.write(lambda d, c: d.update_case(c), copy.deepcopy(self.before))


class DeleteCase(Command):
    def __init__(
        self, backend, case_id: str, name: str = "", on_error: ErrorSink | None = None
    ) -> None:
        words = QCoreApplication.translate("Undo", "Delete case {name}").format(
            name=name or case_id[:8]
        )
        super().__init__(backend, words, on_error)
        self.case_id = case_id
        self._saved: Case | None = None

    def case_ids(self) -> list[str]:
        return [self.case_id]

    def _do(self) -> None:
        self._saved = self.write(lambda d, i: d.delete_case(i), self.case_id)

    def _undo(self) -> None:
        assert self._saved is not None
        self.write(lambda d, c: d.restore_case(c), copy.deepcopy(self._saved))


# -- events -----------------------------------------------------------------------------
def _event_words(e: Event) -> str:
    """ "Detained 2015-07-10": the event type in the interface language, then its date."""
    return f"{term_label(EVENT_TYPES, e.type) or ''} {e.date or ''}".strip()


class AddEvent(Command):
    def __init__(
        self, backend, case_id: str, event: Event, on_error: ErrorSink | None = None
    ) -> None:
        words = QCoreApplication.translate("Undo", "Add event {what}").format(
            what=_event_words(event)
        )
        super().__init__(backend, words, on_error)
        self.case_id = case_id
        self.event = copy.deepcopy(event)
        self._saved: Event | None = None

    def case_ids(self) -> list[str]:
        return [self.case_id]

    def _do(self) -> None:
        if self._saved is None:
            added = self.write(
                lambda d, c, e: d.add_event(c, e), self.case_id, copy.deepcopy(self.event)
            )
            self.event = copy.deepcopy(added)
        else:
            self.write(lambda d, e: d.restore_event(e), copy.deepcopy(self._saved))

    def _undo(self) -> None:
        self._saved = self.write(lambda d, i: d.delete_event(i), self.event.id)


class EditEvent(Command):
    def __init__(self, backend, event: Event, on_error: ErrorSink | None = None) -> None:
        words = QCoreApplication.translate("Undo", "Edit event {what}").format(
            what=_event_words(event)
        )
        super().__init__(backend, words, on_error)
        self.after = copy.deepcopy(event)
        self.before: Event | None = None

    def case_ids(self) -> list[str]:
        ev = self.before or self.after
        return [ev.case_id] if ev.case_id else []

    def _do(self) -> None:
        before = self.write(lambda d, e: d.update_event(e), copy.deepcopy(self.after))
        if self.before is None:
            self.before = before
            self.after.case_id = before.case_id

    def _undo(self) -> None:
        assert self.before is not None
        self.write(lambda d, e: d.update_event(e), copy.deepcopy(self.before))


class DeleteEvent(Command):
    def __init__(
        self,
        backend,
        event_id: str,
        case_id: str = "",
        label: str = "",
        on_error: ErrorSink | None = None,
    ) -> None:
        words = QCoreApplication.translate("Undo", "Delete event {what}").format(
            what=label or event_id[:8]
        )
        super().__init__(backend, words, on_error)
        self.event_id = event_id
        self.case_id = case_id
        self._saved: Event | None = None

    def case_ids(self) -> list[str]:
        return [self.case_id] if self.case_id else []

    def _do(self) -> None:
        self._saved = self.write(lambda d, i: d.delete_event(i), self.event_id)
        self.case_id = self._saved.case_id

    def _undo(self) -> None:
        assert self._saved is not None
        self.write(lambda d, e: d.restore_event(e), copy.deepcopy(self._saved))


# -- sources ----------------------------------------------------------------------------
class EditSource(Command):
    def __init__(
        self,
        backend,
        source: Source,
        case_ids: list[str] | None = None,
        on_error: ErrorSink | None = None,
    ) -> None:
        words = QCoreApplication.translate("Undo", "Edit source {title}").format(title=source.title)
        super().__init__(backend, words, on_error)
        self.after = copy.deepcopy(source)
        self.before: Source | None = None
        self._case_ids = list(case_ids or [])

    def case_ids(self) -> list[str]:
        return self._case_ids

    def _do(self) -> None:
        before = self.write(lambda d, s: d.update_source(s), copy.deepcopy(self.after))
        if self.before is None:
            self.before = before

    def _undo(self) -> None:
        assert self.before is not None
        self.write(lambda d, s: d.update_source(s), copy.deepcopy(self.before))


class AddSource(Command):
    """Add a source (with files); undone with `Dossier.delete_source` and redone with
    `restore_source`. `can_undo()` checks that the open dossier has both; where it has
    not, callers run the command with `run_now()` instead of putting it on the stack,
    so the stack never offers an undo it cannot do.
    """

    def __init__(
        self,
        backend,
        source: Source,
        files: list[Path] | None = None,
        case_ids: list[str] | None = None,
        on_error: ErrorSink | None = None,
    ) -> None:
        words = QCoreApplication.translate("Undo", "Add source {title}").format(title=source.title)
        super().__init__(backend, words, on_error)
        self.source = copy.deepcopy(source)
        self.files = list(files or [])
        self._case_ids = list(case_ids or [])
        self._saved: Source | None = None

    def case_ids(self) -> list[str]:
        return self._case_ids

    def can_undo(self) -> bool:
        d = self.backend.dossier
        return d is not None and hasattr(d, "delete_source") and hasattr(d, "restore_source")

    def _do(self) -> None:
        if self._saved is None:
            self.source = self.write(
                lambda d, s, f: d.add_source(s, f), copy.deepcopy(self.source), self.files
            )
        else:
            self.write(lambda d, s: d.restore_source(s), copy.deepcopy(self._saved))

    def _undo(self) -> None:
        self._saved = self.write(lambda d, i: d.delete_source(i), self.source.id)


def add_source(stack: QUndoStack, cmd: AddSource) -> Source:
    """Add the source, on the undo stack when the services can take it back."""
    if cmd.can_undo():
        push(stack, cmd)
    else:
        cmd.execute()
    return cmd.source


def attach_files(
    backend,
    source_id: str,
    paths: list[Path],
    case_ids: list[str] | None = None,
    on_done: Callable[[list[Attachment]], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    context=None,
):
    """Attach files to a source on the worker (they may be large); not undoable —
    the services keep attachments once stored (there is no delete_attachment)."""

    def work(d, sid, files):
        return [d.add_attachment(sid, Path(f)) for f in files]

    def done(atts):
        backend.notify_changed(list(case_ids or []))
        if on_done is not None:
            on_done(atts)

    return backend.run(
        work, source_id, list(paths), on_done=done, on_error=on_error, context=context
    )


# -- drafts from a statement ------------------------------------------------------------
class ApplyDraft(Command):
    """Accepting drafts from a statement: one write (source, new cases, events on matched
    cases), undone as one. Unlike the commands above it never writes on the UI thread:
    apply and revert run on the backend's worker, in order, and a failure there makes the
    command obsolete and is reported to `on_error`."""

    def __init__(self, backend, plan, on_error: ErrorSink | None = None) -> None:
        words = QCoreApplication.translate("Undo", "Draft from statement: {title}").format(
            title=plan.source.title
        )
        super().__init__(backend, words, on_error)
        self.plan = plan

    def case_ids(self) -> list[str]:
        return self.plan.case_ids()

    def _submit(self, fn) -> None:
        def failed(exc: BaseException) -> None:
            self.setObsolete(True)
            if self.on_error is not None:
                self.on_error(error_message(exc))

        self.backend.run(
            fn,
            self.plan,
            on_done=lambda _r: self.backend.notify_changed(self.case_ids()),
            on_error=failed,
        )

    def _do(self) -> None:
        from dossier.services import drafting

        self._submit(drafting.apply)

    def _undo(self) -> None:
        from dossier.services import drafting

        self._submit(drafting.revert)


def push_done(stack: QUndoStack, cmd: Command) -> None:
    """Put a command whose work is already done (on the worker) on the stack."""
    cmd._skip_redo = True
    stack.push(cmd)
