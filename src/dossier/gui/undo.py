"""Undo and redo for every edit: pairs of service operations, performed on the worker.

A command is a pair (operation, inverse operation) over the services; both run through
`Backend.perform`, on the worker, never on the UI thread. Each service write returns
what its inverse needs (`update_event` the previous Event, `delete_case` the whole
case, …), which the command keeps. The views hear what changed from the store itself
(`Backend.changed(Changes)`); no command guesses which cases it touched.

A new edit is *performed before it is pushed* (`push(stack, cmd, ...)`): the store
answers on the UI thread later; only then does the command land on the stack (already
done), and `on_done` runs — a dialog keeps its OK button disabled until then and stays
open with the message when the store refuses (`on_error`). A later undo/redo that fails
(the record was changed elsewhere) makes the command obsolete, so the stack never lies
about what the store holds, and is reported to `on_error` (or `Backend.failed`).
While a write is in flight the window disables Undo and Redo (`performing_changed`),
so a second undo cannot overtake the first.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QUndoCommand, QUndoStack
from shiboken6 import Shiboken

from dossier.core.errors import DossierError
from dossier.core.model import Attachment, Case, Event, Source
from dossier.core.vocab import EVENT_TYPES
from dossier.gui.i18n import error_message
from dossier.gui.widgets import term_label
from dossier.services import drafting, undoing

ErrorSink = Callable[[str], None]
Op = Callable[..., Any]  # op(dossier) -> result, run on the worker


def push(
    stack: QUndoStack,
    cmd: Command,
    on_done: Callable[[Any], None] | None = None,
    on_error: ErrorSink | None = None,
    context: QObject | None = None,
):
    """Perform `cmd` on the worker; once the store accepted it, put it on the stack
    (done) and call `on_done(result)`. A refusal goes to `on_error(message)` (else the
    command's own sink, else `Backend.failed`) and nothing lands on the stack. With a
    `context` (the dialog that asked), the callbacks are skipped once it is gone.
    Returns the backend's Job."""

    def done(result: Any) -> None:
        if Shiboken.isValid(stack):
            push_done(stack, cmd)
        if on_done is not None and _alive(context):
            on_done(result)

    def failed(message: str) -> None:
        sink = on_error if _alive(context) else None
        (sink or cmd.on_error or cmd.backend.failed.emit)(message)

    return cmd._perform(cmd.forward(), cmd.after_forward, done, failed)


def _alive(context: QObject | None) -> bool:
    return context is None or Shiboken.isValid(context)


def push_done(stack: QUndoStack, cmd: Command) -> None:
    """Put a command whose work is already done (on the worker) on the stack."""
    cmd._skip_redo = True
    stack.push(cmd)


class Command(QUndoCommand):
    """Base: `forward()` and `backward()` give the two operations; `after_forward` and
    `after_backward` keep what the store gave back (on the UI thread)."""

    def __init__(self, backend, text: str, on_error: ErrorSink | None = None) -> None:
        super().__init__(text)
        self.backend = backend
        self.on_error = on_error
        self._skip_redo = False

    # subclasses implement these
    def forward(self) -> Op:
        raise NotImplementedError

    def backward(self) -> Op:
        raise NotImplementedError

    def after_forward(self, result: Any) -> None:
        """Keep what the forward operation returned (e.g. the record as it was)."""

    def after_backward(self, result: Any) -> None:
        """Keep what the inverse operation returned."""

    def redo(self) -> None:
        if self._skip_redo:  # already done by push()
            self._skip_redo = False
            return
        self._perform(self.forward(), self.after_forward)

    def undo(self) -> None:
        self._perform(self.backward(), self.after_backward)

    def _perform(
        self,
        op: Op,
        keep: Callable[[Any], None],
        on_done: Callable[[Any], None] | None = None,
        on_error: ErrorSink | None = None,
    ):
        def done(result: Any) -> None:
            keep(result)
            if on_done is not None:
                on_done(result)

        def failed(message: str) -> None:
            if Shiboken.isValid(self):
                self.setObsolete(True)
            sink = on_error or self.on_error
            if sink is not None:
                sink(message)
            else:
                self.backend.failed.emit(message)

        try:
            return self.backend.perform(op, label=self.text(), on_done=done, on_error=failed)
        except DossierError as exc:  # the store was locked meanwhile
            failed(error_message(exc))
            return None


# -- cases ------------------------------------------------------------------------------
class AddCase(Command):
    def __init__(self, backend, case: Case, on_error: ErrorSink | None = None) -> None:
        words = QCoreApplication.translate("Undo", "Add case {name}").format(name=case.name)
        super().__init__(backend, words, on_error)
        self.case = copy.deepcopy(case)
        self._saved: Case | None = None

    def forward(self) -> Op:
        if self._saved is None:
            case = copy.deepcopy(self.case)
            return lambda d: d.add_case(case)
        saved = copy.deepcopy(self._saved)
        return lambda d: d.restore_case(saved)

    def backward(self) -> Op:
        cid = self.case.id
        return lambda d: d.delete_case(cid)

    def after_backward(self, result: Case) -> None:
        self._saved = result


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

    def forward(self) -> Op:
        after = copy.deepcopy(self.after)
        return lambda d: d.update_case(after)

    def after_forward(self, result: Case) -> None:
        if self.before is None:
            self.before = result

    def backward(self) -> Op:
        assert self.before is not None
        before = copy.deepcopy(self.before)
        return lambda d: d.update_case(before)


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

    def forward(self) -> Op:
        cid = self.case_id
        return lambda d: d.delete_case(cid)

    def after_forward(self, result: Case) -> None:
        self._saved = result

    def backward(self) -> Op:
        assert self._saved is not None
        saved = copy.deepcopy(self._saved)
        return lambda d: d.restore_case(saved)


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

    def forward(self) -> Op:
        if self._saved is None:
            cid, ev = self.case_id, copy.deepcopy(self.event)
            return lambda d: d.add_event(cid, ev)
        saved = copy.deepcopy(self._saved)
        return lambda d: d.restore_event(saved)

    def after_forward(self, result: Event | None) -> None:
        if result is not None:  # add_event gives the event as stored (its id)
            self.event = copy.deepcopy(result)

    def backward(self) -> Op:
        eid = self.event.id
        return lambda d: d.delete_event(eid)

    def after_backward(self, result: Event) -> None:
        self._saved = result


class EditEvent(Command):
    def __init__(self, backend, event: Event, on_error: ErrorSink | None = None) -> None:
        words = QCoreApplication.translate("Undo", "Edit event {what}").format(
            what=_event_words(event)
        )
        super().__init__(backend, words, on_error)
        self.after = copy.deepcopy(event)
        self.before: Event | None = None

    def forward(self) -> Op:
        after = copy.deepcopy(self.after)
        return lambda d: d.update_event(after)

    def after_forward(self, result: Event) -> None:
        if self.before is None:
            self.before = result
            self.after.case_id = result.case_id

    def backward(self) -> Op:
        assert self.before is not None
        before = copy.deepcopy(self.before)
        return lambda d: d.update_event(before)


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

    def forward(self) -> Op:
        eid = self.event_id
        return lambda d: d.delete_event(eid)

    def after_forward(self, result: Event) -> None:
        self._saved = result
        self.case_id = result.case_id

    def backward(self) -> Op:
        assert self._saved is not None
        saved = copy.deepcopy(self._saved)
        return lambda d: d.restore_event(saved)


# -- sources ----------------------------------------------------------------------------
class EditSource(Command):
    def __init__(self, backend, source: Source, on_error: ErrorSink | None = None) -> None:
        words = QCoreApplication.translate("Undo", "Edit source {title}").format(title=source.title)
        super().__init__(backend, words, on_error)
        self.after = copy.deepcopy(source)
        self.before: Source | None = None

    def forward(self) -> Op:
        after = copy.deepcopy(self.after)
        return lambda d: d.update_source(after)

    def after_forward(self, result: Source) -> None:
        if self.before is None:
            self.before = result

    def backward(self) -> Op:
        assert self.before is not None
        before = copy.deepcopy(self.before)
        return lambda d: d.update_source(before)


class AddSource(Command):
    """Add a source (with files); undone with `delete_source` (its files with it) and
    redone with `restore_source` and the files attached again from where they were."""

    def __init__(
        self,
        backend,
        source: Source,
        files: list[Path] | None = None,
        on_error: ErrorSink | None = None,
    ) -> None:
        words = QCoreApplication.translate("Undo", "Add source {title}").format(title=source.title)
        super().__init__(backend, words, on_error)
        self.source = copy.deepcopy(source)
        self.files = list(files or [])
        self._saved: Source | None = None

    def forward(self) -> Op:
        if self._saved is None:
            src, files = copy.deepcopy(self.source), list(self.files)
            return lambda d: d.add_source(src, files)
        saved = copy.deepcopy(self._saved)
        saved.attachments = []
        files = list(self.files)
        return lambda d: undoing.restore_source(d, saved, files)

    def after_forward(self, result: Source | None) -> None:
        if result is not None:
            self.source = copy.deepcopy(result)

    def backward(self) -> Op:
        sid = self.source.id
        return lambda d: d.delete_source(sid, with_attachments=True)

    def after_backward(self, result: Source) -> None:
        self._saved = result


class AttachFiles(Command):
    """Attach files to a source; undone by removing exactly those attachments, redone by
    attaching the files again from where they were (they may be large: the store's
    copy is not kept in memory for redo)."""

    def __init__(
        self, backend, source_id: str, paths: list[Path], on_error: ErrorSink | None = None
    ) -> None:
        words = QCoreApplication.translate("Undo", "Attach {n} file(s)").format(n=len(paths))
        super().__init__(backend, words, on_error)
        self.source_id = source_id
        self.paths = [Path(p) for p in paths]
        self.attachments: list[Attachment] = []

    def forward(self) -> Op:
        sid, paths = self.source_id, list(self.paths)
        return lambda d: undoing.attach(d, sid, paths)

    def after_forward(self, result: list[Attachment]) -> None:
        self.attachments = list(result)

    def backward(self) -> Op:
        ids = [a.id for a in self.attachments]
        return lambda d: undoing.detach(d, ids)


class ImportFile(Command):
    """A spreadsheet or JSON import, undone by removing exactly what it added (and
    putting back the cases it extended) in one transaction; redone by writing those
    records back. The first run gives (report, record); an import whose record could
    not be kept is done but not put on the stack (`push_import` says so)."""

    def __init__(self, backend, path: Path, on_error: ErrorSink | None = None) -> None:
        words = QCoreApplication.translate("Undo", "Import {name}").format(name=Path(path).name)
        super().__init__(backend, words, on_error)
        self.path = Path(path)
        self.record: undoing.ImportRecord | None = None

    def forward(self) -> Op:
        if self.record is None:
            path = self.path
            return lambda d: undoing.import_file(d, path)
        rec = self.record
        return lambda d: undoing.redo_import(d, rec)

    def after_forward(self, result: Any) -> None:
        if self.record is None and result is not None:
            _report, self.record = result

    def backward(self) -> Op:
        assert self.record is not None
        rec = self.record
        return lambda d: undoing.undo_import(d, rec)


def push_import(
    stack: QUndoStack,
    cmd: ImportFile,
    on_done: Callable[[Any, bool], None],
    on_error: ErrorSink,
):
    """Import on the worker; on the stack if the import can be taken back.
    `on_done(report, undoable)`. Returns the backend's Job (for a progress dialog)."""

    def done(result: Any) -> None:
        report, record = result
        if record is not None and Shiboken.isValid(stack):
            push_done(stack, cmd)
        on_done(report, record is not None)

    return cmd._perform(cmd.forward(), cmd.after_forward, done, on_error)


# -- drafts from a statement ------------------------------------------------------------
class ApplyDraft(Command):
    """Accepting drafts from a statement: one write (source, new cases, events on matched
    cases), undone as one (`drafting.apply` / `drafting.revert`)."""

    def __init__(self, backend, plan, on_error: ErrorSink | None = None) -> None:
        words = QCoreApplication.translate("Undo", "Draft from statement: {title}").format(
            title=plan.source.title
        )
        super().__init__(backend, words, on_error)
        self.plan = plan

    def forward(self) -> Op:
        plan = self.plan
        return lambda d: drafting.apply(d, plan)

    def backward(self) -> Op:
        plan = self.plan
        return lambda d: drafting.revert(d, plan)
