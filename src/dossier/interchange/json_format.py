"""The interchange format: cases, sources and organisations as one versioned JSON file.

`export-json` writes it, `import FILE.json` reads it, and the share engine packs it
(with attachment bytes beside it) inside encrypted share files. docs/interchange.md
describes every field. Two promises shape this module:

* **Redaction happens before serialising.** `dump(..., audience=)` never lets a record
  above the audience reach the output (spec/cli.md: "a record whose sensitivity is
  above the audience never leaves the store"), and a protected source's identity is
  withheld below `internal`.
* **Nothing unchecked gets in.** `load()` treats its input as hostile: sizes and counts
  are capped, every field is type-checked, ids must be UUIDs and unique, references
  must resolve, and each failure names its path (`cases[3].events[1].date: …`).
  It returns model objects only; the services layer writes them in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from dossier.core import vocab
from dossier.core.errors import ValidationError
from dossier.core.model import (
    Case,
    Event,
    Organisation,
    Relation,
    Source,
)
from dossier.interchange import limits
from dossier.interchange.bundle import (  # re-exported: callers know them from here
    CONFIDENCES,
    EVENT_TIMELINE_FIELDS,
    FORMAT,
    PROTECTED_TITLE,
    VERSION,
    Bundle,
    _gc_paused,
)
from dossier.interchange.json_reader import read_bundle
from dossier.interchange.limits import quote

# --- dump -------------------------------------------------------------------------

__all__ = [
    "CONFIDENCES",
    "EVENT_TIMELINE_FIELDS",
    "FORMAT",
    "PROTECTED_TITLE",
    "VERSION",
    "Bundle",
    "dump",
    "dumps",
    "load",
]


def dump(bundle: Bundle, *, audience: str | None = None) -> dict:
    """The bundle as a JSON-ready dict; with `audience`, redacted for it first."""
    if audience is not None and audience not in vocab.AUDIENCES:
        raise ValidationError(
            f"unknown audience {quote(audience)} (expected one of: {', '.join(vocab.AUDIENCES)})",
            where="audience",
        )

    def shown(sensitivity: str) -> bool:  # an unknown level fails closed
        return audience is None or (
            sensitivity in vocab.SENSITIVITY_RANK and vocab.visible_to(sensitivity, audience)
        )

    sources = [s for s in bundle.sources if shown(s.sensitivity)]
    cases = [c for c in bundle.cases if shown(c.sensitivity)]
    kept_sources = {s.id for s in sources}
    kept_cases = {c.id for c in cases}
    hide_protected = audience is not None and audience != "internal"
    return {
        "format": FORMAT,
        "version": VERSION,
        "audience": audience,
        "cases": [_dump_case(c, audience, shown, kept_sources, kept_cases) for c in cases],
        "sources": [_dump_source(s, hide_protected and s.protected) for s in sources],
        "organisations": [_dump_organisation(o) for o in bundle.organisations],
    }


def dumps(bundle: Bundle, *, audience: str | None = None) -> bytes:
    """`dump` as UTF-8 bytes: sorted keys, real characters (not \\u escapes), deterministic."""
    # Compact: an indent would make json fall back from its C encoder (several times
    # slower on a large export); `python -m json.tool` pretty-prints when wanted.
    with _gc_paused():
        text = json.dumps(
            dump(bundle, audience=audience),
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
    return (text + "\n").encode("utf-8")


def _dump_relation(r: Relation, other_case_id: str | None) -> dict:
    """`role` is written only when set, so files without lawyers' roles stay readable by
    Dossiers that predate it (readers refuse keys they do not know)."""
    out = {
        "id": r.id,
        "name": r.name,
        "relation": r.relation,
        "other_case_id": other_case_id,
        "note": r.note,
    }
    if r.role is not None:
        out["role"] = r.role
    return out


def _dump_case(
    c: Case,
    audience: str | None,
    shown: Callable[[str], bool],
    kept_sources: set[str],
    kept_cases: set[str],
) -> dict:
    def other(r: Relation) -> str | None:
        # A relation must not point at a case the audience may not know about.
        if audience is not None and r.other_case_id not in kept_cases:
            return None
        return r.other_case_id

    return _with_translations(
        {
            "id": c.id,
            "name": c.name,
            "names": [{"value": n.value, "lang": n.lang, "kind": n.kind} for n in c.names],
            "tags": list(c.tags),
            "sensitivity": c.sensitivity,
            "summary": c.summary,
            "gender": c.gender,
            "birth_year": c.birth_year,
            "occupation": c.occupation,
            "nationality": c.nationality,
            "photo_attachment_id": c.photo_attachment_id,
            "organisation_ids": list(c.organisation_ids),
            "created": c.created,
            "updated": c.updated,
            "author": c.author,
            "events": [
                _dump_event(e, kept_sources if audience is not None else None)
                for e in c.events
                if shown(e.sensitivity)
            ],
            "relations": [_dump_relation(r, other(r)) for r in c.relations],
            "asks": [
                _with_translations(
                    {
                        "id": a.id,
                        "text": a.text,
                        "addressee": a.addressee,
                        "sensitivity": a.sensitivity,
                        "created": a.created,
                    },
                    a.translations,
                )
                for a in c.asks
                if shown(a.sensitivity)
            ],
        }
        | ({"family_consent": c.family_consent} if c.family_consent else {}),
        c.translations,
    )


def _with_translations(doc: dict, translations: dict) -> dict:
    """Versions by language (core.bilingual) are written only when there are some, so
    files without them read exactly as before."""
    if translations:
        doc["translations"] = translations
    return doc


def _dump_event(e: Event, kept_sources: set[str] | None) -> dict:
    source_ids = list(e.source_ids)
    if kept_sources is not None:
        source_ids = [s for s in source_ids if s in kept_sources]
    out = {
        "id": e.id,
        "type": e.type,
        "date": e.date,
        "end": e.end,
        "place": e.place,
        "authority": e.authority,
        "charges": list(e.charges),
        "sentence": e.sentence,
        "note": e.note,
        "source_ids": source_ids,
        "confidence": e.confidence,
        "sensitivity": e.sensitivity,
        "seq": e.seq,
        "created": e.created,
        "updated": e.updated,
        "author": e.author,
    }
    # The timeline fields of issue #11, only when set: files of cases that use none of
    # them stay exactly what older versions wrote and read.
    for f in EVENT_TIMELINE_FIELDS:
        v = getattr(e, f)
        if v is not None:
            out[f] = v
    return _with_translations(out, e.translations)


def _dump_source(s: Source, withhold: bool) -> dict:
    out = {
        "id": s.id,
        "title": s.title,
        "url": s.url,
        "date": s.date,
        "publisher": s.publisher,
        "reliability": s.reliability,
        "protected": s.protected,
        "sensitivity": s.sensitivity,
        "note": s.note,
        "attachments": [
            {
                "id": a.id,
                "filename": a.filename,
                "media_type": a.media_type,
                "size": a.size,
                "sha256": a.sha256,
                "created": a.created,
            }
            for a in s.attachments
        ],
        "created": s.created,
        "updated": s.updated,
        "author": s.author,
    }
    _with_translations(out, s.translations)
    if withhold:  # who or what the source is must not leave: keep only that it exists
        out.update(
            title=PROTECTED_TITLE, url=None, date=None, publisher=None, note=None, attachments=[]
        )
        out.pop("translations", None)
    return out


def _dump_organisation(o: Organisation) -> dict:
    return {"id": o.id, "name": o.name, "kind": o.kind, "url": o.url, "note": o.note}


# --- load -------------------------------------------------------------------------


def load(data: bytes | str | dict) -> Bundle:
    """A validated Bundle from interchange JSON; ValidationError naming the path otherwise."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        if len(data) > limits.MAX_JSON_BYTES:
            raise ValidationError(f"the file is larger than {limits.MAX_JSON_BYTES // 2**20:,} MiB")
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ValidationError(f"the file is not UTF-8 text (byte {e.start})") from None
    if isinstance(data, str):
        if len(data) > limits.MAX_JSON_BYTES:
            raise ValidationError(f"the file is larger than {limits.MAX_JSON_BYTES // 2**20:,} MiB")
        try:
            data = json.loads(data)
        except RecursionError:
            raise ValidationError("the file is not valid JSON: nested too deeply") from None
        except ValueError as e:
            raise ValidationError(f"the file is not valid JSON: {e}") from None
    return read_bundle(data)
