"""The domain records, as plain dataclasses: what a dossier holds.

They carry no database or Qt state, so every layer (store, briefing, share, window)
can pass them around and tests can build them by hand. Every record has a UUID, its
created/updated times (UTC ISO strings) and an author key fingerprint slot that
sharing fills in.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime


def new_id() -> str:
    return str(uuid.uuid4())


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class Name:
    """One name of a person, in one script. `lang` is a BCP 47 tag (zh-Hans, bo, ug, en)."""

    value: str
    lang: str = "en"
    kind: str = "legal"  # vocab.NAME_KINDS


@dataclass
class Attachment:
    """A file kept (encrypted) with a source; the bytes live in the store, not here."""

    id: str = field(default_factory=new_id)
    source_id: str = ""
    filename: str = ""
    media_type: str = "application/octet-stream"
    size: int = 0
    sha256: str = ""
    created: str = field(default_factory=now_iso)


@dataclass
class Source:
    id: str = field(default_factory=new_id)
    title: str = ""
    url: str | None = None
    date: str | None = None  # EDTF
    publisher: str | None = None
    reliability: str | None = None  # free text or a grade (A–F)
    protected: bool = False  # a source whose identity must not leave below `internal`
    sensitivity: str = "public"
    note: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # core.bilingual
    created: str = field(default_factory=now_iso)
    updated: str = field(default_factory=now_iso)
    author: str | None = None


@dataclass
class Event:
    """One thing that happened to the person, on a (possibly vague) EDTF date."""

    id: str = field(default_factory=new_id)
    case_id: str = ""
    type: str = "other"  # vocab.EVENT_TYPES
    date: str = ""  # EDTF
    end: str | None = None  # EDTF; closes this event's own period
    place: str | None = None
    authority: str | None = None
    charges: list[str] = field(default_factory=list)
    sentence: str | None = None  # ISO 8601 duration, life, death, death-suspended
    note: str | None = None
    source_ids: list[str] = field(default_factory=list)
    confidence: str | None = None  # confirmed / reported / disputed
    sensitivity: str = "public"
    # Since schema 3 (issue #11), all optional; see docs/cli.md "Timeline model".
    reported: str | None = None  # EDTF: when the fact became public / known
    outcome: str | None = None  # vocab.OUTCOMES (verdict) / vocab.APPEAL_OUTCOMES (appeal)
    probation: str | None = None  # ISO duration of a suspended sentence's probation
    political_rights: str | None = None  # ISO duration of deprivation of political rights
    whereabouts: str | None = None  # known / unknown: what this event says of them
    last_confirmed: str | None = None  # EDTF day an open-ended measure was last confirmed
    court: str | None = None
    judge: str | None = None
    facility: str | None = None  # place of detention, free text
    seq: int = 0  # order of entry; breaks ties between events on the same day
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # core.bilingual
    created: str = field(default_factory=now_iso)
    updated: str = field(default_factory=now_iso)
    author: str | None = None


@dataclass
class Relation:
    """A related person: Liu Xia ↔ Liu Xiaobo. `other_case_id` when they have a case too."""

    id: str = field(default_factory=new_id)
    case_id: str = ""
    name: str = ""
    relation: str = ""  # spouse, lawyer, child, …
    other_case_id: str | None = None
    note: str | None = None
    role: str | None = None  # a lawyer's standing: vocab.LAWYER_ROLES (family_appointed, …)


@dataclass
class Ask:
    """A request or recommendation made on a case (release, access, information)."""

    id: str = field(default_factory=new_id)
    case_id: str = ""
    text: str = ""
    addressee: str | None = None  # e.g. "UN member states", "PRC authorities"
    sensitivity: str = "public"
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # core.bilingual
    created: str = field(default_factory=now_iso)


@dataclass
class Organisation:
    id: str = field(default_factory=new_id)
    name: str = ""
    kind: str | None = None  # ngo, un_body, government, …
    url: str | None = None
    note: str | None = None


@dataclass
class Case:
    """A person followed by the researcher, with everything known about them."""

    id: str = field(default_factory=new_id)
    name: str = ""  # display name, usually Latin script
    names: list[Name] = field(default_factory=list)  # other names, in their own scripts
    tags: list[str] = field(default_factory=list)
    sensitivity: str = "public"
    summary: str | None = None  # short narrative for the briefing
    family_consent: str | None = None  # vocab.CONSENT: may the case go to the UN in its name
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # core.bilingual
    gender: str | None = None
    birth_year: str | None = None  # EDTF
    occupation: str | None = None
    nationality: str | None = None
    photo_attachment_id: str | None = None
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    asks: list[Ask] = field(default_factory=list)
    organisation_ids: list[str] = field(default_factory=list)
    created: str = field(default_factory=now_iso)
    updated: str = field(default_factory=now_iso)
    author: str | None = None

    def native_name(self) -> Name | None:
        """The first name not in Latin script, for lists and the briefing's second line."""
        for n in self.names:
            if not n.lang.startswith("en") and n.lang not in ("zh-Latn", "Latn"):
                return n
        return None


@dataclass
class HistoryEntry:
    """One change to one record: who/when/what, for the case's change history."""

    id: int
    at: str
    record_type: str
    record_id: str
    case_id: str | None
    action: str  # create / update / delete
    summary: str
    author: str | None = None
