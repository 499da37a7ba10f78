"""Inverse operations for the writes that have no natural inverse in `Dossier`.

Importing a spreadsheet and attaching files are undoable in the window (issue 14): the
inverse removes exactly what the forward operation created — found from the `Changes`
the store recorded and the ids the store held before — and puts back the cases it
extended, all in one transaction, so an undo is all or nothing like the import was.
Redo writes the same records back (not the file again: it may have changed or gone).

A share import is not undoable: it merges another researcher's versions record by
record (conflicts, tombstones, trusted keys), and an inverse would have to unpick that
merge; the window says so before it runs and clears the undo history after it.
No Qt here: the GUI performs these through `Backend.perform`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from dossier.core.model import Attachment, Case, Event, Source
from dossier.interchange import spreadsheet
from dossier.store import repo

from . import transfer
from .dossier import Dossier


@dataclass
class ImportRecord:
    """What one import wrote, enough to take it back and to write it again."""

    new_cases: list[Case] = field(default_factory=list)  # with their events
    new_sources: list[Source] = field(default_factory=list)
    cases_before: list[Case] = field(default_factory=list)  # existing cases it extended
    cases_after: list[Case] = field(default_factory=list)  # … as the import left them
    added_events: list[Event] = field(default_factory=list)  # on those existing cases
    label: str = ""


def _ids_before(d: Dossier) -> tuple[set[str], set[str]]:
    cases, sources = transfer._existing(d)
    return {k for k, v in cases.items() if k == v}, set(sources.values())


def _cases_it_extends(d: Dossier, path: Path) -> dict[str, Case]:
    """The existing cases a spreadsheet import will add events or names to, as they are
    now (read before the import; the parse is repeated by the import itself)."""
    if path.suffix.lower() not in (".csv", ".xlsx"):
        return {}  # a JSON bundle only adds records (an existing one is skipped or refused)
    existing_cases, existing_sources = transfer._existing(d)
    parsed = spreadsheet.parse_spreadsheet(path, existing_cases, existing_sources=existing_sources)
    ids = set(parsed.events_for_existing) | set(parsed.updates_for_existing)
    return {cid: d.get_case(cid) for cid in sorted(ids)}


def import_file(d: Dossier, path: str | Path) -> tuple[transfer.ImportReport, ImportRecord | None]:
    """`transfer.import_file`, keeping what undo needs. The record is None when the
    import touched something it cannot account for (then it is not offered for undo)."""
    path = Path(path)
    case_ids, source_ids = _ids_before(d)
    before = _cases_it_extends(d, path) if path.is_file() else {}
    with d.recording() as rec:
        report = transfer.import_file(d, path)
    ch = rec.changes
    extended = ch.cases & case_ids
    if ch.everything or ch.attachments or not extended <= before.keys():
        return report, None
    record = ImportRecord(label=path.name)
    for cid in sorted(ch.cases - case_ids):
        record.new_cases.append(d.get_case(cid))
    for sid in sorted(ch.sources - source_ids):
        record.new_sources.append(d.get_source(sid))
    for cid in sorted(extended):
        old, new = before[cid], d.get_case(cid)
        had = {e.id for e in old.events}
        record.added_events += [e for e in new.events if e.id not in had]
        record.cases_before.append(old)
        record.cases_after.append(new)
    return report, record


def undo_import(d: Dossier, record: ImportRecord) -> None:
    """Remove exactly what the import added; put the cases it extended back."""
    with d.store.write(f"undo import {record.label}") as s:
        for e in record.added_events:
            repo.delete_event(s, e.id)
        for c in record.cases_before:
            repo.put_case_row(s, c)
        for c in record.new_cases:
            repo.delete_case(s, c.id)
        for src in record.new_sources:
            repo.delete_source(s, src.id)
        for c in record.new_cases + record.cases_before:
            repo.log(s, "case", c.id, c.id, "update", f"undid import {record.label}", d.author)


def redo_import(d: Dossier, record: ImportRecord) -> None:
    """Write the import's records back, exactly as it wrote them."""
    with d.store.write(f"redo import {record.label}") as s:
        for src in record.new_sources:
            repo.put_source(s, copy.deepcopy(src))
        for c in record.new_cases:
            repo.put_case_row(s, c)
            for e in c.events:
                repo.put_event(s, e)
        for c in record.cases_after:
            repo.put_case_row(s, c)
        for e in record.added_events:
            repo.put_event(s, e)
        for c in record.new_cases + record.cases_after:
            repo.log(s, "case", c.id, c.id, "update", f"redid import {record.label}", d.author)


def attach(d: Dossier, source_id: str, paths: list[Path]) -> list[Attachment]:
    """Attach files to a source; returns the attachments (their ids undo removes)."""
    return [d.add_attachment(source_id, Path(p)) for p in paths]


def detach(d: Dossier, attachment_ids: list[str]) -> None:
    """Undo of `attach`: remove exactly these attachments."""
    for aid in attachment_ids:
        d.delete_attachment(aid)


def restore_source(d: Dossier, source: Source, files: list[Path]) -> Source:
    """Redo of adding a source with files: the record back, the files attached again."""
    d.restore_source(source)
    source.attachments = attach(d, source.id, files)
    return source
