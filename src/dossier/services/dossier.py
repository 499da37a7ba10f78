"""An open dossier and its record-level use cases; with the other modules of
`dossier.services` (sharing, transfer, merging, drafting, …, each a set of functions
taking a `Dossier`), the only door to the store for every front end.

Each public method is one unit of work (one transaction for a change) and takes and
returns core objects, never rows or Sessions. Methods that change data return what
the window needs to undo them (the previous record), so undo lives in operations.
What a write changed is not each method's business: the store's unit of work
(`store/unit.py`) keeps the search index and the facts cache, and `recording()`
collects the `Changes` of whatever ran — the window's `Backend.perform` uses it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from dossier.core import validate
from dossier.core.errors import AmbiguousError, NotFoundError, ValidationError
from dossier.core.facts import CaseFacts
from dossier.core.model import (
    Ask,
    Attachment,
    Case,
    Event,
    HistoryEntry,
    Organisation,
    Source,
    now_iso,
)
from dossier.core.timeline import derive
from dossier.crypto.kdf import KdfParams
from dossier.store import attachments, repo, search
from dossier.store.schema import (
    AttachmentRow,
    CaseRow,
    EventRow,
    MergedIdRow,
    SourceRow,
    TagRow,
)
from dossier.store.search import SearchHit
from dossier.store.store import Store
from dossier.store.unit import Recorder

from .case_lists import CaseLists, ChartRow
from .summaries import Check, ListRow

Progress = Callable[[int, int], None]
OPENS_AS_OF = "opens_as_of"  # meta key: the day the window opens this store as of


def _opens_as_of(value: str | None) -> date | None:
    """The stored opening day, or None when unset or unreadable (never an error at open)."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


class Dossier:
    """An unlocked store and everything a researcher can do with it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.author: str | None = None
        self.lists = CaseLists(self)  # the list and overview reads (case_lists.py)
        self.opens_as_of: date | None = _opens_as_of(store.meta().get(OPENS_AS_OF))

    # -- life cycle ---------------------------------------------------------------
    @classmethod
    def create(
        cls, path: str | os.PathLike, passphrase: str, params: KdfParams | None = None
    ) -> Dossier:
        return cls(Store.create(path, passphrase, params))

    @classmethod
    def open(cls, path: str | os.PathLike, passphrase: str) -> Dossier:
        return cls(Store.open(path, passphrase))

    def close(self) -> None:
        self.lists.close()  # the derive processes end first: they hold the key
        self.store.close()

    def set_opens_as_of(self, day: date | None) -> None:
        """The day the window first shows this store as of (the demo: its letter's day).

        A story told as of a past day (a letter, a report) opens on that day, with
        *Today* one click away; None opens on today as usual.
        """
        self.store.set_meta(OPENS_AS_OF, day.isoformat() if day else "", "set the opening day")
        self.opens_as_of = day

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def is_open(self) -> bool:
        return self.store.is_open

    def recording(self) -> AbstractContextManager[Recorder]:
        """`with d.recording() as rec:` … `rec.changes` is what every write made inside
        the block changed (cases, sources, attachments, settings, people): the one
        answer the window redraws from, whatever service function did the writing."""
        return self.store.recording()

    def __enter__(self) -> Dossier:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- cases --------------------------------------------------------------------
    def add_case(self, case: Case) -> Case:
        case = validate.validate_case(case)
        case.author = case.author or self.author
        with self.store.write() as s:
            if repo.case_exists(s, case.id):
                raise ValidationError(f"a case with id {case.id} already exists")
            repo.put_case_row(s, case)
            for i, e in enumerate(case.events, start=1):
                e.case_id = case.id
                e.seq = e.seq or i
                validate.validate_event(e)
                repo.put_event(s, e)
            repo.log(
                s, "case", case.id, case.id, "create", f"created case {case.name}", self.author
            )
        return case

    def update_case(self, case: Case) -> Case:
        """Replace the case's own fields, names, tags, relations and asks (not its events).

        Returns the case as it was before, for undo.
        """
        case = validate.validate_case(case)
        for a in case.asks:
            validate.validate_ask(a)
        with self.store.write() as s:
            before = repo.get_case(s, case.id, with_events=False)
            case.updated = now_iso()
            repo.put_case_row(s, case)
            case.events = repo.events_of(s, case.id)
            repo.log(
                s, "case", case.id, case.id, "update", _diff_summary(before, case), self.author
            )
        return before

    def delete_case(self, case_id: str) -> Case:
        """Delete a case with its events; returns the whole case for undo."""
        with self.store.write() as s:
            case = repo.get_case(s, case_id)
            repo.delete_case(s, case_id)
            repo.log(
                s, "case", case_id, case_id, "delete", f"deleted case {case.name}", self.author
            )
        return case

    def restore_case(self, case: Case) -> None:
        """Undo of delete_case: put the case back exactly, events included."""
        with self.store.write() as s:
            repo.put_case_row(s, case)
            for e in case.events:
                repo.put_event(s, e)
            repo.log(
                s, "case", case.id, case.id, "create", f"restored case {case.name}", self.author
            )

    def get_case(self, case_id: str) -> Case:
        with self.store.read() as s:
            return repo.get_case(s, case_id)

    def resolve_case(self, ref: str) -> str:
        """A case id from an id, a unique id prefix (≥ 6 characters), or a name: the
        display name or any other name (王全璋), exactly, else ignoring case.

        Several matches raise AmbiguousError listing each (name and short id), so the
        researcher can pick one; none raises NotFoundError.
        """
        ref = ref.strip()
        if not ref:
            raise NotFoundError("no case given", remedy="give a case id or name")
        with self.store.read() as s:
            if repo.case_exists(s, ref):
                return ref
            moved = s.get(MergedIdRow, ref)  # a case merged into another since
            if moved is not None:
                return moved.new_id
            if len(ref) >= 6:
                hits = repo.find_cases_by_prefix(s, ref)
                if len(hits) == 1:
                    return hits[0]
                if len(hits) > 1:
                    raise AmbiguousError(
                        f"{ref!r} is the start of several case ids; give more of it"
                    )
            named = repo.find_cases_by_any_name(s, ref)
        if len(named) == 1:
            return named[0][0]
        if len(named) > 1:
            shown = "; ".join(f"{name} ({cid[:8]})" for cid, name in named[:10])
            more = f"; and {len(named) - 10} more" if len(named) > 10 else ""
            raise AmbiguousError(
                f"{len(named)} cases match {ref!r}: {shown}{more}",
                remedy="give the case id (or its first 8 characters) instead",
            )
        raise NotFoundError(
            f"no case matches {ref!r}", remedy="see `dossier list` for ids and names"
        )

    def case_count(self) -> int:
        with self.store.read() as s:
            return s.scalar(select(func.count()).select_from(CaseRow)) or 0

    def tags(self) -> list[str]:
        with self.store.read() as s:
            return repo.all_tags(s)

    def case_ids_with_tag(self, tag: str) -> list[str]:
        with self.store.read() as s:
            return list(s.scalars(select(TagRow.case_id).where(TagRow.tag == tag)))

    def all_case_ids(self) -> list[str]:
        with self.store.read() as s:
            return list(s.scalars(select(CaseRow.id).order_by(CaseRow.name, CaseRow.id)))

    # -- derived facts ------------------------------------------------------------
    def facts(
        self, case_id: str, as_of: date | None = None, known_on: date | None = None
    ) -> CaseFacts:
        """Derived facts as of a day, as known on `known_on` (None: all known now)."""
        with self.store.read() as s:
            return derive(repo.events_of(s, case_id), as_of or date.today(), known_on)

    def ensure_facts(self, as_of: date | None = None, progress: Progress | None = None) -> int:
        """Bring the facts cache up to `as_of` (today); returns how many were recomputed."""
        return self.lists.ensure_facts(as_of, progress)

    def summaries(self, case_ids: list[str] | None = None, as_of: date | None = None, **kw):
        """Case summaries as of a day, filtered: what `list` prints (see case_lists)."""
        return self.lists.summaries(case_ids, as_of, **kw)

    def list_rows(self, as_of: date | None = None, **kw) -> list[ListRow]:
        """The case list's typed rows as of a day, filtered, by name (see case_lists)."""
        return self.lists.list_rows(as_of, **kw)

    def chart_rows(self, as_of: date | None = None, **kw) -> list[ChartRow]:
        """The overview chart's rows as of a day (see case_lists)."""
        return self.lists.chart_rows(as_of, **kw)

    # -- events -------------------------------------------------------------------
    def add_event(self, case_id: str, event: Event) -> Event:
        event.case_id = case_id
        validate.validate_event(event)
        event.author = event.author or self.author
        with self.store.write() as s:
            case = repo.get_case(s, case_id, with_events=False)
            self._check_sources(s, event)
            if not event.seq:
                event.seq = repo.next_seq(s, case_id)
            repo.put_event(s, event)
            repo.mark_updated(s, case.id)
            repo.log(
                s,
                "event",
                event.id,
                case_id,
                "create",
                f"added {event.type} on {event.date}",
                self.author,
            )
        return event

    def update_event(self, event: Event) -> Event:
        """Replace an event; returns the event as it was, for undo."""
        validate.validate_event(event)
        with self.store.write() as s:
            before = repo.get_event(s, event.id)
            event.case_id = before.case_id
            event.seq = event.seq or before.seq
            event.created = before.created
            event.updated = now_iso()
            self._check_sources(s, event)
            repo.put_event(s, event)
            repo.mark_updated(s, event.case_id)
            repo.log(
                s,
                "event",
                event.id,
                event.case_id,
                "update",
                f"edited {event.type} on {event.date}",
                self.author,
            )
        return before

    def delete_event(self, event_id: str) -> Event:
        with self.store.write() as s:
            ev = repo.get_event(s, event_id)
            repo.delete_event(s, event_id)
            repo.mark_updated(s, ev.case_id)
            repo.log(
                s,
                "event",
                ev.id,
                ev.case_id,
                "delete",
                f"deleted {ev.type} on {ev.date}",
                self.author,
            )
        return ev

    def restore_event(self, event: Event) -> None:
        with self.store.write() as s:
            repo.get_case(s, event.case_id, with_events=False)  # NotFoundError: case gone
            repo.put_event(s, event)
            repo.mark_updated(s, event.case_id)
            repo.log(
                s,
                "event",
                event.id,
                event.case_id,
                "create",
                f"restored {event.type} on {event.date}",
                self.author,
            )

    def get_event(self, event_id: str) -> Event:
        with self.store.read() as s:
            return repo.get_event(s, event_id)

    def _check_sources(self, s, event: Event) -> None:
        for sid in event.source_ids:
            if not repo.source_exists(s, sid):
                raise NotFoundError(
                    f"no source with id {sid}", remedy="add it with `dossier add-source` first"
                )

    # -- asks -----------------------------------------------------------------------
    def add_ask(self, case_id: str, ask: Ask) -> Ask:
        case = self.get_case(case_id)
        ask.case_id = case_id
        case.asks.append(validate.validate_ask(ask))
        self.update_case(case)
        return ask

    # -- sources ------------------------------------------------------------------
    def add_source(self, source: Source, files: list[Path] | None = None) -> Source:
        source = validate.validate_source(source)
        source.author = source.author or self.author
        for f in files or []:
            if not Path(f).is_file():
                raise ValidationError(f"no such file: {f}", where="--file")
        with self.store.write() as s:
            repo.put_source(s, source)
            for f in files or []:
                source.attachments.append(attachments.add_file(s, source.id, Path(f)))
            repo.log(
                s, "source", source.id, None, "create", f"added source {source.title}", self.author
            )
        return source

    def update_source(self, source: Source) -> Source:
        source = validate.validate_source(source)
        with self.store.write() as s:
            before = repo.get_source(s, source.id)
            source.updated = now_iso()
            repo.put_source(s, source)
            repo.log(
                s, "source", source.id, None, "update", f"edited source {source.title}", self.author
            )
        return before

    def add_attachment(self, source_id: str, path: Path):
        with self.store.write() as s:
            repo.get_source(s, source_id)
            att = attachments.add_file(s, source_id, Path(path))
            repo.log(
                s, "source", source_id, None, "update", f"attached {att.filename}", self.author
            )
        return att

    def delete_source(self, source_id: str, *, with_attachments: bool = False) -> Source:
        """Delete a source no event cites; returns it (attachments' metadata included).

        Attachment bytes go with it, so undo (restore_source) brings back the record;
        the window keeps the bytes it needs for a full undo by not offering deletion of
        sources with attachments (they must be removed one by one first).
        """
        with self.store.write() as s:
            src = repo.get_source(s, source_id)
            citing = s.scalar(
                select(func.count())
                .select_from(EventRow)
                .where(EventRow.source_ids.like(f'%"{source_id}"%'))
            )
            if citing:
                raise ValidationError(
                    f"the source {src.title!r} is cited by {citing} events; remove it from them first"
                )
            if src.attachments and not with_attachments:
                raise ValidationError(
                    f"the source {src.title!r} has attachments; remove them first"
                )
            for att in src.attachments:  # (the command line's delete-source, asked first)
                attachments.remove(s, att.id)
            repo.delete_source(s, source_id)
            repo.log(
                s, "source", source_id, None, "delete", f"deleted source {src.title}", self.author
            )
        return src

    def restore_source(self, source: Source) -> None:
        with self.store.write() as s:
            repo.put_source(s, source)
            repo.log(
                s,
                "source",
                source.id,
                None,
                "create",
                f"restored source {source.title}",
                self.author,
            )

    def delete_attachment(self, attachment_id: str) -> tuple[Attachment, bytes]:
        """Remove an attachment; returns its record and bytes so undo can put it back."""
        with self.store.write() as s:
            row = s.get(AttachmentRow, attachment_id)
            if row is None:
                raise NotFoundError(f"no attachment with id {attachment_id}")
            att = repo.attachment_from_row(row)
            data = attachments.read_bytes(s, attachment_id)
            attachments.remove(s, attachment_id)
            repo.log(
                s,
                "source",
                att.source_id,
                None,
                "update",
                f"removed attachment {att.filename}",
                self.author,
            )
        return att, data

    def restore_attachment(self, att: Attachment, data: bytes) -> None:
        import io

        with self.store.write() as s:
            attachments.add_stream(s, att, io.BytesIO(data))
            repo.log(
                s,
                "source",
                att.source_id,
                None,
                "update",
                f"restored attachment {att.filename}",
                self.author,
            )

    def get_source(self, source_id: str) -> Source:
        with self.store.read() as s:
            return repo.get_source(s, source_id)

    def sources(self, ids: list[str] | None = None) -> dict[str, Source]:
        with self.store.read() as s:
            return repo.get_sources(s, ids)

    def source_count(self) -> int:
        with self.store.read() as s:
            return s.scalar(select(func.count()).select_from(SourceRow)) or 0

    def attachment_bytes(self, attachment_id: str) -> bytes:
        with self.store.read() as s:
            return attachments.read_bytes(s, attachment_id)

    def organisations(self) -> list[Organisation]:
        with self.store.read() as s:
            return repo.get_organisations(s)

    # -- search & history ---------------------------------------------------------
    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        with self.store.read() as s:
            return search.search(s, query, limit)

    def matching_case_ids(self, query: str, check: Check | None = None) -> set[str]:
        """Every case with a hit for `query` (ids only: what filtering a list needs).
        `check()` is called while SQLite works and may raise to stop the query."""
        with self.store.read() as s:
            return search.case_ids_matching(s, query, check=check)

    def history(self, case_id: str | None = None, limit: int = 500) -> list[HistoryEntry]:
        with self.store.read() as s:
            return repo.history(s, case_id, limit)

    def event_count(self) -> int:
        with self.store.read() as s:
            return s.scalar(select(func.count()).select_from(EventRow)) or 0


def _diff_summary(before: Case, after: Case) -> str:
    changed = [
        f
        for f in (
            "name",
            "sensitivity",
            "summary",
            "gender",
            "birth_year",
            "occupation",
            "nationality",
            "tags",
            "names",
            "asks",
            "relations",
        )
        if getattr(before, f) != getattr(after, f)
    ]
    return f"edited case {after.name}: " + (", ".join(changed) if changed else "no change")
