"""The store side of a merge: load what a share touches, write what the merge decided.

Every function takes a Session that the services layer opened — so the caller owns the
transaction, and an import is all or nothing.

Where the sync hashes live. The hashes of versions a unit has been synced at (see
merge.py) are kept as rows of the `history` table: record_type = the unit kind,
record_id = its id, action "synced" or "dismissed", case_id NULL (so they stay out
of a case's visible change history), summary "… · sha256:<hex>". No new table is
needed; one scan of those rows per import or export finds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from dossier.core.model import Organisation, now_iso
from dossier.store import attachments, repo
from dossier.store.schema import (
    AskRow,
    AttachmentRow,
    CaseRow,
    EventRow,
    HistoryRow,
    MergedIdRow,
    NameRow,
    OrganisationRow,
    RelationRow,
    SourceRow,
)

from .dedupe import CaseNames
from .merge import Changes, Key, LocalState, SyncMark
from .units import Units

SYNC_ACTIONS = ("synced", "dismissed")
_HASH = re.compile(r"sha256:([0-9a-f]{64})$")
_CHUNK = 500


def id_chunks(ids: list[str]) -> Iterable[list[str]]:
    """`ids` in slices small enough for one `IN (...)` query."""
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


_chunks = id_chunks


def load_sync(s: Session, keys: set[Key]) -> tuple[dict[Key, set[str]], dict[Key, set[str]]]:
    """The synced and dismissed hashes of the given units (one pass over the history)."""
    synced: dict[Key, set[str]] = {}
    dismissed: dict[Key, set[str]] = {}
    q = select(
        HistoryRow.record_type, HistoryRow.record_id, HistoryRow.action, HistoryRow.summary
    ).where(HistoryRow.action.in_(SYNC_ACTIONS))
    for kind, rid, action, summary in s.execute(q):
        key = (kind, rid)
        if key not in keys:
            continue
        m = _HASH.search(summary or "")
        if m:
            (synced if action == "synced" else dismissed).setdefault(key, set()).add(m.group(1))
    return synced, dismissed


def write_marks(s: Session, marks: Iterable[SyncMark], what: str, author: str | None) -> int:
    """Record sync hashes (skipping none: callers pass only new ones)."""
    rows = [
        HistoryRow(
            at=now_iso(),
            record_type=m.kind,
            record_id=m.id,
            case_id=None,
            action=m.action,
            summary=f"{what} · sha256:{m.hash}",
            author=author,
        )
        for m in marks
    ]
    s.add_all(rows)
    s.flush()
    return len(rows)


def load_local(s: Session, incoming: Units) -> LocalState:
    """My counterpart of every incoming unit, my cases they touch, and the sync hashes."""
    st = LocalState()
    kinds: dict[str, list[str]] = {}
    for uid, unit in incoming.by_id.items():
        kinds.setdefault(type(unit).__name__.lower(), []).append(uid)
    case_ids = set(kinds.get("case", []))
    for ids in _chunks(kinds.get("event", [])):
        for row in s.scalars(select(EventRow).where(EventRow.id.in_(ids))):
            st.units[("event", row.id)] = repo.event_from_row(row)
    for kind, model in (("relation", RelationRow), ("ask", AskRow)):
        for ids in _chunks(kinds.get(kind, [])):
            for cid in s.scalars(select(model.case_id).where(model.id.in_(ids))):
                case_ids.add(cid)
    for ids in _chunks(sorted(case_ids)):
        for cid in s.scalars(select(CaseRow.id).where(CaseRow.id.in_(ids))):
            case = repo.get_case(s, cid, with_events=False)
            st.cases[cid] = case
            st.units[("case", cid)] = case
            for r in case.relations:
                st.units[("relation", r.id)] = r
            for a in case.asks:
                st.units[("ask", a.id)] = a
    for ids in _chunks(kinds.get("source", [])):
        for src in repo.get_sources(s, ids).values():
            st.units[("source", src.id)] = src
    for ids in _chunks(kinds.get("attachment", [])):
        for row in s.scalars(select(AttachmentRow).where(AttachmentRow.id.in_(ids))):
            st.units[("attachment", row.id)] = repo.attachment_from_row(row)
    for ids in _chunks(kinds.get("organisation", [])):
        for row in s.scalars(select(OrganisationRow).where(OrganisationRow.id.in_(ids))):
            st.units[("organisation", row.id)] = Organisation(
                id=row.id, name=row.name, kind=row.kind, url=row.url, note=row.note
            )
    cited = sorted({sid for (k, _), u in st.units.items() if k == "event" for sid in u.source_ids})
    for ids in _chunks(cited):
        for sid, sens in s.execute(
            select(SourceRow.id, SourceRow.sensitivity).where(SourceRow.id.in_(ids))
        ):
            st.source_sensitivity[sid] = sens
    keys = {(type(u).__name__.lower(), uid) for uid, u in incoming.by_id.items()}
    st.synced, st.dismissed = load_sync(s, keys)
    for old, new in load_merged(s).items():
        st.aliases.setdefault(new, set()).add(old)
    return st


def load_merged(s: Session) -> dict[str, str]:
    """Cases merged in this store: old id → the id that holds it now (schema 3)."""
    return {old: new for old, new in s.execute(select(MergedIdRow.old_id, MergedIdRow.new_id))}


def attachment_chunks(s: Session, attachment_id: str) -> attachments.Body:
    """An attachment's body in blocks of up to 1 MiB, streamed from its encrypted blob
    (each block authenticated before it is handed on). The caller checks size and hash:
    the share's container checks every member against the signed manifest -- by hashing
    it, unless the blob's key wrap authenticates its SHA-256 (`Body.authenticated_sha256`)."""
    return attachments.open_body(s, attachment_id)


def local_case_names(s: Session) -> list[CaseNames]:
    """Every case's names, for the likely-duplicate check."""
    names: dict[str, list[str]] = {}
    for cid, value in s.execute(select(NameRow.case_id, NameRow.value)):
        names.setdefault(cid, []).append(value)
    return [
        CaseNames(cid, name, tuple(names.get(cid, ())))
        for cid, name in s.execute(select(CaseRow.id, CaseRow.name))
    ]


def write_changes(s: Session, ch: Changes) -> None:
    """Upsert every record of `ch` except attachment bytes (the caller streams those)."""
    for o in ch.organisations:
        repo.put_organisation(s, o)
    for src in ch.sources:
        repo.put_source(s, src)
    s.flush()
    for case in ch.cases.values():
        repo.put_case_row(s, case)
    for e in ch.events:
        repo.put_event(s, e)
    for att_id in ch.removed_attachments:
        attachments.remove(s, att_id)
    s.flush()
