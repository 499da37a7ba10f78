"""Merge units and their content hashes: what "the same version of a record" means.

A share is merged record by record. The units are: a case's own fields (name, names,
tags, sensitivity, summary, ...), each event, relation and ask of a case, a source's
own fields, each attachment, each organisation. Every unit has a UUID.

A unit's *content hash* is SHA-256 over a canonical JSON of the fields a researcher
edits. Bookkeeping is left out (created/updated times, author, entry order of tags):
two copies with the same content are the same version whoever touched them last.
A relation's link to another case is left out too, because the export blanks it when
the other case is not in the share (it is filled in from either side on merge).

*Views.* A colleague may hold a redacted version of one of my records: the share
filtered it for an audience (an event's citations of sources they may not see
removed; a protected source reduced to a stub). `views()` gives the hashes of every
version of my record that a share of mine could have carried, so "they hold what I
have" is recognised across redaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from dossier.core import vocab
from dossier.core.model import Ask, Attachment, Case, Event, Organisation, Relation, Source

PROTECTED_TITLE = "confidential source"  # json_format.PROTECTED_TITLE: what a stub is called
AUDIENCES = ("internal", "diplomatic", "public")

KINDS = ("organisation", "source", "attachment", "case", "relation", "ask", "event")

Unit = Case | Event | Relation | Ask | Source | Attachment | Organisation


def kind_of(unit: Unit) -> str:
    return {
        Case: "case",
        Event: "event",
        Relation: "relation",
        Ask: "ask",
        Source: "source",
        Attachment: "attachment",
        Organisation: "organisation",
    }[type(unit)]


_EVENT_TIMELINE_FIELDS = (
    "reported",
    "outcome",
    "probation",
    "political_rights",
    "whereabouts",
    "last_confirmed",
    "court",
    "judge",
    "facility",
)


def content(unit: Unit) -> dict:
    """The canonical, hashable content of one unit.

    Versions by language (`translations`) count only when there are some, so a record
    without any hashes as it did before they existed and old ancestor hashes still match.
    """
    out = _content(unit)
    translations = getattr(unit, "translations", None)
    if translations:
        out["translations"] = translations
    return out


def _content(unit: Unit) -> dict:
    if isinstance(unit, Case):
        return {
            "name": unit.name,
            "names": [[n.value, n.lang, n.kind] for n in unit.names],
            "tags": sorted(set(unit.tags)),
            "sensitivity": unit.sensitivity,
            "summary": unit.summary,
            "gender": unit.gender,
            "birth_year": unit.birth_year,
            "occupation": unit.occupation,
            "nationality": unit.nationality,
            **({"family_consent": unit.family_consent} if unit.family_consent else {}),
            "photo_attachment_id": unit.photo_attachment_id,
            "organisation_ids": sorted(set(unit.organisation_ids)),
        }
    if isinstance(unit, Event):
        out = {
            "case_id": unit.case_id,
            "type": unit.type,
            "date": unit.date,
            "end": unit.end,
            "place": unit.place,
            "authority": unit.authority,
            "charges": list(unit.charges),
            "sentence": unit.sentence,
            "note": unit.note,
            "source_ids": list(unit.source_ids),
            "confidence": unit.confidence,
            "sensitivity": unit.sensitivity,
            "seq": unit.seq,
        }
        # Issue #11's fields count only when set, so older events keep their hashes.
        for f in _EVENT_TIMELINE_FIELDS:
            v = getattr(unit, f)
            if v is not None:
                out[f] = v
        return out
    if isinstance(unit, Relation):
        rel = {
            "case_id": unit.case_id,
            "name": unit.name,
            "relation": unit.relation,
            "note": unit.note,
        }
        if unit.role is not None:  # a lawyer's role counts only when set: older hashes stay
            rel["role"] = unit.role
        return rel
    if isinstance(unit, Ask):
        return {
            "case_id": unit.case_id,
            "text": unit.text,
            "addressee": unit.addressee,
            "sensitivity": unit.sensitivity,
        }
    if isinstance(unit, Source):
        return {
            "title": unit.title,
            "url": unit.url,
            "date": unit.date,
            "publisher": unit.publisher,
            "reliability": unit.reliability,
            "protected": unit.protected,
            "sensitivity": unit.sensitivity,
            "note": unit.note,
        }
    if isinstance(unit, Attachment):
        return {
            "source_id": unit.source_id,
            "filename": unit.filename,
            "media_type": unit.media_type,
            "size": unit.size,
            "sha256": unit.sha256,
        }
    if isinstance(unit, Organisation):
        return {"name": unit.name, "kind": unit.kind, "url": unit.url, "note": unit.note}
    raise TypeError(f"not a merge unit: {type(unit).__name__}")


def digest(doc: dict) -> str:
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(unit: Unit) -> str:
    return digest({"kind": kind_of(unit), **content(unit)})


def changed_fields(mine: Unit, theirs: Unit) -> list[str]:
    a, b = content(mine), content(theirs)
    return [k for k in a if a[k] != b.get(k)]


def views(unit: Unit, source_sensitivity: Callable[[str], str | None]) -> set[str]:
    """Hashes of every version of `unit` that one of my shares could have carried."""
    out = {content_hash(unit)}
    kind = kind_of(unit)
    for audience in AUDIENCES[1:]:
        sens = getattr(unit, "sensitivity", "public")
        if not vocab.visible_to(sens, audience):
            continue
        doc = {"kind": kind, **content(unit)}
        if isinstance(unit, Event):
            doc["source_ids"] = [
                s
                for s in unit.source_ids
                if vocab.visible_to(source_sensitivity(s) or "confidential", audience)
            ]
        elif isinstance(unit, Source) and unit.protected:
            doc.update(title=PROTECTED_TITLE, url=None, date=None, publisher=None, note=None)
            doc.pop("translations", None)
        out.add(digest(doc))
    return out


def label(unit: Unit) -> str:
    """A short human label for previews and reports."""
    if isinstance(unit, Case):
        return unit.name
    if isinstance(unit, Event):
        return f"{unit.type} on {unit.date}"
    if isinstance(unit, Relation):
        return f"{unit.relation or 'related person'}: {unit.name}"
    if isinstance(unit, Ask):
        return unit.text if len(unit.text) <= 60 else unit.text[:57] + "..."
    if isinstance(unit, Source):
        return unit.title
    if isinstance(unit, Attachment):
        return unit.filename
    return unit.name


@dataclass
class Units:
    """Every unit of a bundle (or of the local side), by id, with the case each belongs to."""

    by_id: dict[str, Unit]

    @classmethod
    def of_bundle(
        cls, cases: list[Case], sources: list[Source], organisations: list[Organisation]
    ) -> Units:
        by_id: dict[str, Unit] = {}
        for o in organisations:
            by_id[o.id] = o
        for s in sources:
            by_id[s.id] = s
            for a in s.attachments:
                by_id[a.id] = a
        for c in cases:
            by_id[c.id] = c
            for r in c.relations:
                by_id[r.id] = r
            for a in c.asks:
                by_id[a.id] = a
            for e in c.events:
                by_id[e.id] = e
        return cls(by_id)

    def hashes(self) -> dict[str, str]:
        return {uid: content_hash(u) for uid, u in self.by_id.items()}
