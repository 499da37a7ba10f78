"""Reading interchange JSON: the hostile-input half of the format (see json_format).

Every field is type-checked and every failure names its path (`cases[3].events[1].date`);
counts and sizes are capped by `limits`. Split from json_format so the writer (which
redacts) and the reader (which distrusts) can each be read on one screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from dossier.core import validate, vocab
from dossier.core.dates import parse_edtf
from dossier.core.errors import ValidationError
from dossier.core.model import (
    Ask,
    Attachment,
    Case,
    Event,
    Name,
    Organisation,
    Relation,
    Source,
    now_iso,
)
from dossier.core.sentence import read_verdict
from dossier.interchange import limits
from dossier.interchange.bundle import (
    CONFIDENCES,
    EVENT_TIMELINE_FIELDS,
    FORMAT,
    VERSION,
    Bundle,
    _gc_paused,
)
from dossier.interchange.limits import bare_message as _bare
from dossier.interchange.limits import check_text, check_url, is_plain_text, quote

_UUID_RE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
_SHA256_RE = re.compile(r"[0-9a-f]{64}")
_LANG_RE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_MEDIA_TYPE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*")


def read_bundle(data: Any) -> Bundle:
    """A validated Bundle from parsed JSON (the caller has checked size and syntax)."""
    with _gc_paused():
        return _Loader().bundle(data)


class _Loader:
    """One pass over the parsed JSON, with the ids seen so far (for duplicates and refs)."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.events = 0
        self.attachments = 0

    # -- containers

    def bundle(self, d: Any) -> Bundle:
        if not isinstance(d, dict) or d.get("format") != FORMAT:
            raise ValidationError(
                f'this is not a Dossier interchange file (no "format": "{FORMAT}")'
            )
        v = d.get("version")
        if not isinstance(v, int) or isinstance(v, bool) or v < 1:
            raise ValidationError(f"unknown interchange version {quote(v)}", where="version")
        if v > VERSION:
            raise ValidationError(
                f"this file was made by a newer Dossier (interchange version {v}; "
                f"this one reads version {VERSION})",
                remedy="update Dossier to import it",
            )
        self.fields(d, "", {"format", "version", "audience", "cases", "sources", "organisations"})
        audience = d.get("audience")
        if audience is not None and (
            not isinstance(audience, str) or audience not in vocab.AUDIENCES
        ):
            raise ValidationError(f"unknown audience {quote(d.get('audience'))}", where="audience")
        orgs = [
            self.organisation(x, f"organisations[{i}]")
            for i, x in enumerate(self.items(d, "organisations", "", limits.MAX_ORGANISATIONS))
        ]
        sources = [
            self.source(x, f"sources[{i}]")
            for i, x in enumerate(self.items(d, "sources", "", limits.MAX_SOURCES))
        ]
        cases = [
            self.case(x, f"cases[{i}]")
            for i, x in enumerate(self.items(d, "cases", "", limits.MAX_CASES))
        ]
        self.check_refs(cases, {s.id for s in sources}, {o.id for o in orgs})
        return Bundle(cases=cases, sources=sources, organisations=orgs)

    def check_refs(self, cases: list[Case], sources: set[str], orgs: set[str]) -> None:
        for i, c in enumerate(cases):
            for k, oid in enumerate(c.organisation_ids):
                if oid not in orgs:
                    raise ValidationError(
                        f"organisation {oid} is not in the file's organisations",
                        where=f"cases[{i}].organisation_ids[{k}]",
                    )
            for j, e in enumerate(c.events):
                for k, sid in enumerate(e.source_ids):
                    if sid not in sources:
                        raise ValidationError(
                            f"source {sid} is not in the file's sources",
                            where=f"cases[{i}].events[{j}].source_ids[{k}]",
                        )

    @staticmethod
    def fields(d: Any, where: str, allowed: set[str], required: tuple[str, ...] = ()) -> dict:
        if not isinstance(d, dict):
            raise ValidationError(f"expected an object, got {quote(d)}", where=where or None)
        for k in d:
            if k not in allowed:
                name = k if isinstance(k, str) else quote(k)
                raise ValidationError("unknown field", where=_join(where, name))
        for k in required:
            if k not in d:
                raise ValidationError("required field is missing", where=_join(where, k))
        return d

    @staticmethod
    def items(d: dict, key: str, where: str, cap: int) -> list:
        v = d.get(key, [])
        if not isinstance(v, list):
            raise ValidationError(f"expected a list, got {quote(v)}", where=_join(where, key))
        if len(v) > cap:
            raise ValidationError(f"more than {cap:,} entries", where=_join(where, key))
        return v

    # -- records

    def case(self, d: Any, w: str) -> Case:
        self.fields(d, w, _CASE_FIELDS, ("id", "name"))
        cid = self.new_id(d, "id", w)
        if self.events + len(self.items(d, "events", w, limits.MAX_EVENTS)) > limits.MAX_EVENTS:
            raise ValidationError(
                f"the file holds more than {limits.MAX_EVENTS:,} events", where=_join(w, "events")
            )
        c = Case(
            id=cid,
            name=_str(d, "name", w, required=True),
            names=[
                self.name(x, f"{w}.names[{i}]")
                for i, x in enumerate(self.items(d, "names", w, limits.MAX_ITEMS_PER_LIST))
            ],
            tags=self.strings(d, "tags", w),
            sensitivity=_choice(d, "sensitivity", w, vocab.SENSITIVITIES, "public"),
            summary=_str(d, "summary", w),
            gender=_str(d, "gender", w),
            birth_year=_edtf(d, "birth_year", w),
            occupation=_str(d, "occupation", w),
            nationality=_str(d, "nationality", w),
            family_consent=_str(d, "family_consent", w, max_bytes=limits.MAX_SHORT_STRING),
            photo_attachment_id=_ref(d, "photo_attachment_id", w),
            organisation_ids=self.refs(d, "organisation_ids", w),
            created=_stamp(d, "created", w),
            updated=_stamp(d, "updated", w),
            author=_str(d, "author", w),
            translations=d.get("translations") or {},
        )
        c.events = [
            self.event(x, f"{w}.events[{i}]", cid)
            for i, x in enumerate(self.items(d, "events", w, limits.MAX_EVENTS))
        ]
        c.relations = [
            self.relation(x, f"{w}.relations[{i}]", cid)
            for i, x in enumerate(self.items(d, "relations", w, limits.MAX_ITEMS_PER_LIST))
        ]
        c.asks = [
            self.ask(x, f"{w}.asks[{i}]", cid)
            for i, x in enumerate(self.items(d, "asks", w, limits.MAX_ITEMS_PER_LIST))
        ]
        _core(validate.validate_case, c, w)
        return c

    def name(self, d: Any, w: str) -> Name:
        self.fields(d, w, {"value", "lang", "kind"}, ("value",))
        lang = _str(d, "lang", w, max_bytes=limits.MAX_SHORT_STRING) or "und"
        if not _LANG_RE.fullmatch(lang):
            raise ValidationError(
                f"{quote(lang)} is not a BCP 47 language tag (e.g. zh-Hans, bo, ug, en)",
                where=_join(w, "lang"),
            )
        return Name(
            value=_str(d, "value", w, required=True),
            lang=lang,
            kind=_choice(d, "kind", w, vocab.NAME_KINDS, "legal"),
        )

    def event(self, d: Any, w: str, case_id: str) -> Event:
        self.fields(d, w, _EVENT_FIELDS, ("id", "type", "date"))
        self.events += 1
        t = d.get("type")
        if not isinstance(t, str) or t not in vocab.EVENT_TYPES:
            raise ValidationError(
                f"unknown event type {quote(t)} (expected one of: {', '.join(vocab.EVENT_TYPES)})",
                where=_join(w, "type"),
            )
        sentence = _str(d, "sentence", w, max_bytes=limits.MAX_SHORT_STRING)
        if sentence is not None:
            try:
                read_verdict(sentence)  # checked here to name the field; split by validate
            except ValidationError as e:
                raise ValidationError(_bare(e), where=_join(w, "sentence")) from None
        extra = {f: _str(d, f, w) for f in EVENT_TIMELINE_FIELDS}
        for f in ("reported", "last_confirmed"):
            extra[f] = _edtf(d, f, w)
        confidence = _str(d, "confidence", w, max_bytes=limits.MAX_SHORT_STRING)
        if confidence is not None and confidence not in CONFIDENCES:
            raise ValidationError(
                f"unknown confidence {quote(confidence)} (expected one of: "
                f"{', '.join(CONFIDENCES)})",
                where=_join(w, "confidence"),
            )
        seq = d.get("seq", 0)
        if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq < 2**63:
            raise ValidationError(
                f"expected a whole number ≥ 0, got {quote(seq)}", where=_join(w, "seq")
            )
        e = Event(
            id=self.new_id(d, "id", w),
            case_id=case_id,
            type=t,
            date=_edtf(d, "date", w, required=True),
            end=_edtf(d, "end", w),
            place=_str(d, "place", w),
            authority=_str(d, "authority", w),
            charges=self.strings(d, "charges", w),
            sentence=sentence,
            note=_str(d, "note", w),
            source_ids=self.refs(d, "source_ids", w),
            confidence=confidence,
            sensitivity=_choice(d, "sensitivity", w, vocab.SENSITIVITIES, "public"),
            seq=seq,
            created=_stamp(d, "created", w),
            updated=_stamp(d, "updated", w),
            author=_str(d, "author", w),
            translations=d.get("translations") or {},
            **extra,
        )
        return _core(validate.validate_event, e, w)

    def relation(self, d: Any, w: str, case_id: str) -> Relation:
        self.fields(
            d, w, {"id", "name", "relation", "other_case_id", "note", "role"}, ("id", "name")
        )
        role = _choice(d, "role", w, vocab.LAWYER_ROLES, "") if d.get("role") is not None else None
        return Relation(
            id=self.new_id(d, "id", w),
            case_id=case_id,
            name=_str(d, "name", w, required=True),
            relation=_str(d, "relation", w) or "",
            other_case_id=_ref(d, "other_case_id", w),
            note=_str(d, "note", w),
            role=role,
        )

    def ask(self, d: Any, w: str, case_id: str) -> Ask:
        self.fields(
            d,
            w,
            {"id", "text", "addressee", "sensitivity", "created", "translations"},
            ("id", "text"),
        )
        a = Ask(
            id=self.new_id(d, "id", w),
            case_id=case_id,
            text=_str(d, "text", w, required=True),
            addressee=_str(d, "addressee", w),
            sensitivity=_choice(d, "sensitivity", w, vocab.SENSITIVITIES, "public"),
            created=_stamp(d, "created", w),
            translations=d.get("translations") or {},
        )
        return _core(validate.validate_ask, a, w)

    def source(self, d: Any, w: str) -> Source:
        self.fields(d, w, _SOURCE_FIELDS, ("id", "title"))
        protected = d.get("protected", False)
        if not isinstance(protected, bool):
            raise ValidationError(
                f"expected true or false, got {quote(protected)}", where=_join(w, "protected")
            )
        url = _str(d, "url", w)
        s = Source(
            id=self.new_id(d, "id", w),
            title=_str(d, "title", w, required=True),
            url=url if url is None else check_url(url, _join(w, "url")),
            date=_edtf(d, "date", w),
            publisher=_str(d, "publisher", w),
            reliability=_str(d, "reliability", w),
            protected=protected,
            sensitivity=_choice(d, "sensitivity", w, vocab.SENSITIVITIES, "public"),
            note=_str(d, "note", w),
            created=_stamp(d, "created", w),
            updated=_stamp(d, "updated", w),
            author=_str(d, "author", w),
            translations=d.get("translations") or {},
        )
        atts = self.items(d, "attachments", w, limits.MAX_ITEMS_PER_LIST)
        self.attachments += len(atts)
        if self.attachments > limits.MAX_ATTACHMENTS:
            raise ValidationError(
                f"the file holds more than {limits.MAX_ATTACHMENTS:,} attachments",
                where=_join(w, "attachments"),
            )
        s.attachments = [
            self.attachment(x, f"{w}.attachments[{i}]", s.id) for i, x in enumerate(atts)
        ]
        return _core(validate.validate_source, s, w)

    def attachment(self, d: Any, w: str, source_id: str) -> Attachment:
        self.fields(
            d,
            w,
            {"id", "filename", "media_type", "size", "sha256", "created"},
            ("id", "filename", "size", "sha256"),
        )
        name = _str(d, "filename", w, required=True, max_bytes=limits.MAX_SHORT_STRING)
        if (
            "/" in name
            or "\\" in name
            or name.strip() in (".", "..")
            or any(ord(ch) < 32 for ch in name)
        ):
            raise ValidationError(
                f"{quote(name)} is not a plain file name (no folders, no control characters)",
                where=_join(w, "filename"),
            )
        media = (
            _str(d, "media_type", w, max_bytes=limits.MAX_SHORT_STRING)
            or "application/octet-stream"
        )
        if not _MEDIA_TYPE_RE.fullmatch(media):
            raise ValidationError(
                f"{quote(media)} is not a media type such as application/pdf",
                where=_join(w, "media_type"),
            )
        size = d.get("size")
        if (
            not isinstance(size, int)
            or isinstance(size, bool)
            or not 0 <= size <= limits.MAX_ATTACHMENT_SIZE
        ):
            raise ValidationError(
                f"expected a size in bytes, got {quote(size)}", where=_join(w, "size")
            )
        sha = d.get("sha256")
        if not isinstance(sha, str) or not _SHA256_RE.fullmatch(sha):
            raise ValidationError(
                f"expected 64 lowercase hex digits, got {quote(sha)}", where=_join(w, "sha256")
            )
        return Attachment(
            id=self.new_id(d, "id", w),
            source_id=source_id,
            filename=name,
            media_type=media,
            size=size,
            sha256=sha,
            created=_stamp(d, "created", w),
        )

    def organisation(self, d: Any, w: str) -> Organisation:
        self.fields(d, w, {"id", "name", "kind", "url", "note"}, ("id", "name"))
        url = _str(d, "url", w)
        o = Organisation(
            id=self.new_id(d, "id", w),
            name=_str(d, "name", w, required=True),
            kind=_str(d, "kind", w),
            url=url if url is None else check_url(url, _join(w, "url")),
            note=_str(d, "note", w),
        )
        return _core(validate.validate_organisation, o, w)

    # -- values

    def new_id(self, d: dict, key: str, w: str) -> str:
        v = _uuid(d.get(key), w, key)
        if v in self.ids:
            raise ValidationError(
                f"id {v} is used by another record in this file", where=_join(w, key)
            )
        self.ids.add(v)
        return v

    def refs(self, d: dict, key: str, w: str) -> list[str]:
        out = [
            _uuid(x, w, key, i)
            for i, x in enumerate(self.items(d, key, w, limits.MAX_ITEMS_PER_LIST))
        ]
        if len(set(out)) != len(out):
            raise ValidationError("an id is listed twice", where=_join(w, key))
        return out

    def strings(self, d: dict, key: str, w: str) -> list[str]:
        out = []
        for i, x in enumerate(self.items(d, key, w, limits.MAX_ITEMS_PER_LIST)):
            if not isinstance(x, str) or not x.strip():
                raise ValidationError(
                    f"expected non-empty text, got {quote(x)}", where=f"{_join(w, key)}[{i}]"
                )
            if not is_plain_text(x, limits.MAX_SHORT_STRING):
                check_text(x, f"{_join(w, key)}[{i}]", max_bytes=limits.MAX_SHORT_STRING * 10)
            out.append(x)
        return out


_CASE_FIELDS = {
    "id",
    "name",
    "names",
    "tags",
    "sensitivity",
    "summary",
    "gender",
    "birth_year",
    "occupation",
    "nationality",
    "photo_attachment_id",
    "organisation_ids",
    "created",
    "family_consent",
    "updated",
    "author",
    "events",
    "relations",
    "asks",
    "translations",
}
_EVENT_FIELDS = {
    "id",
    "type",
    "date",
    "end",
    "place",
    "authority",
    "charges",
    "sentence",
    "note",
    "source_ids",
    "confidence",
    "sensitivity",
    "seq",
    "created",
    "updated",
    "author",
    *EVENT_TIMELINE_FIELDS,
    "translations",
}
_SOURCE_FIELDS = {
    "id",
    "title",
    "url",
    "date",
    "publisher",
    "reliability",
    "protected",
    "sensitivity",
    "note",
    "attachments",
    "created",
    "updated",
    "author",
    "translations",
}


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _core(check: Callable, record: Any, w: str) -> Any:
    """Run core.validate's rules (the ones every way in shares), with our path in front."""
    try:
        return check(record)
    except ValidationError as e:
        raise ValidationError(
            _bare(e), where=_join(w, e.where) if e.where else w, remedy=e.remedy
        ) from None


def _str(
    d: dict, key: str, w: str, *, required: bool = False, max_bytes: int = limits.MAX_STRING_BYTES
) -> str | None:
    v = d.get(key)
    if v is None:
        if required:
            raise ValidationError("required field is missing", where=_join(w, key))
        return None
    if not isinstance(v, str):
        raise ValidationError(f"expected text, got {quote(v)}", where=_join(w, key))
    if required and not v.strip():
        raise ValidationError("must not be empty", where=_join(w, key))
    return v if is_plain_text(v, max_bytes) else check_text(v, _join(w, key), max_bytes=max_bytes)


def _choice(d: dict, key: str, w: str, table: dict, default: str) -> str:
    v = d.get(key, default)
    if not isinstance(v, str) or v not in table:
        raise ValidationError(
            f"unknown {key.replace('_', ' ')} {quote(v)} (expected one of: {', '.join(table)})",
            where=_join(w, key),
        )
    return v


def _edtf(d: dict, key: str, w: str, *, required: bool = False) -> str | None:
    v = _str(d, key, w, required=required, max_bytes=limits.MAX_SHORT_STRING)
    if v is not None:
        try:
            parse_edtf(v)
        except ValidationError as e:
            raise ValidationError(_bare(e), where=_join(w, key)) from None
    return v


def _uuid(v: Any, w: str, key: str, i: int | None = None) -> str:
    """A canonical (lower-case) UUID; the path is built only when there is an error."""
    if not isinstance(v, str) or not _UUID_RE.fullmatch(v):
        where = _join(w, key) if i is None else f"{_join(w, key)}[{i}]"
        raise ValidationError(
            f"{quote(v)} is not a UUID (like 4f0c3a2e-8d1b-4c5e-9f7a-1b2c3d4e5f60)", where=where
        )
    return v.lower()


def _ref(d: dict, key: str, w: str) -> str | None:
    v = d.get(key)
    return None if v is None else _uuid(v, w, key)


def _stamp(d: dict, key: str, w: str) -> str:
    v = d.get(key)
    if v is None:
        return now_iso()
    if isinstance(v, str) and len(v) <= 64:
        try:
            datetime.fromisoformat(v)
            return v
        except ValueError:
            pass
    raise ValidationError(
        f"{quote(v)} is not a UTC time like 2018-02-03T10:00:00Z", where=_join(w, key)
    )
