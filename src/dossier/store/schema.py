"""The tables of a store, as SQLAlchemy 2 typed mappings.

Rows never leave `dossier.store`: `store.repo` turns them into `core.model` objects.
List-valued fields that are never queried by element (charges, source ids) are JSON
text; tags and names are rows because lists filter and search on them.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SCHEMA_VERSION = 10


class Base(DeclarativeBase):
    pass


class Meta(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CaseRow(Base):
    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    sensitivity: Mapped[str] = mapped_column(String(16), default="public")
    summary: Mapped[str | None] = mapped_column(Text)
    gender: Mapped[str | None] = mapped_column(Text)
    birth_year: Mapped[str | None] = mapped_column(Text)
    occupation: Mapped[str | None] = mapped_column(Text)
    nationality: Mapped[str | None] = mapped_column(Text)
    family_consent: Mapped[str | None] = mapped_column(String(16))  # since schema 8
    photo_attachment_id: Mapped[str | None] = mapped_column(String(36))
    translations: Mapped[str | None] = mapped_column(Text)  # JSON, core.bilingual
    created: Mapped[str] = mapped_column(String(32))
    updated: Mapped[str] = mapped_column(String(32))
    author: Mapped[str | None] = mapped_column(Text)


class NameRow(Base):
    __tablename__ = "names"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    pos: Mapped[int] = mapped_column(Integer)
    value: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(35))
    kind: Mapped[str] = mapped_column(String(16))


class TagRow(Base):
    __tablename__ = "case_tags"
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(Text, primary_key=True)
    __table_args__ = (Index("ix_case_tags_tag", "tag"),)


class EventRow(Base):
    __tablename__ = "events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(32))
    date: Mapped[str] = mapped_column(Text)
    end: Mapped[str | None] = mapped_column(Text)
    earliest: Mapped[str] = mapped_column(String(10))  # ISO day, for ordering and filters
    latest: Mapped[str] = mapped_column(String(10))
    place: Mapped[str | None] = mapped_column(Text)
    authority: Mapped[str | None] = mapped_column(Text)
    charges: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    sentence: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    source_ids: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    confidence: Mapped[str | None] = mapped_column(Text)
    sensitivity: Mapped[str] = mapped_column(String(16), default="public")
    seq: Mapped[int] = mapped_column(Integer)
    translations: Mapped[str | None] = mapped_column(Text)  # JSON, core.bilingual
    created: Mapped[str] = mapped_column(String(32))
    updated: Mapped[str] = mapped_column(String(32))
    author: Mapped[str | None] = mapped_column(Text)
    # Since schema 3 (issue #11): see core.model.Event.
    reported: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(32))
    probation: Mapped[str | None] = mapped_column(String(32))
    political_rights: Mapped[str | None] = mapped_column(String(32))
    whereabouts: Mapped[str | None] = mapped_column(String(16))
    last_confirmed: Mapped[str | None] = mapped_column(Text)
    court: Mapped[str | None] = mapped_column(Text)
    judge: Mapped[str | None] = mapped_column(Text)
    facility: Mapped[str | None] = mapped_column(Text)


# The Event fields added by schema 3, in column order (migrations and raw SELECTs use it).
EVENT_V3_COLUMNS = (
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


class SourceRow(Base):
    __tablename__ = "sources"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    reliability: Mapped[str | None] = mapped_column(Text)
    protected: Mapped[int] = mapped_column(Integer, default=0)
    sensitivity: Mapped[str] = mapped_column(String(16), default="public")
    note: Mapped[str | None] = mapped_column(Text)
    translations: Mapped[str | None] = mapped_column(Text)  # JSON, core.bilingual
    created: Mapped[str] = mapped_column(String(32))
    updated: Mapped[str] = mapped_column(String(32))
    author: Mapped[str | None] = mapped_column(Text)


class AttachmentRow(Base):
    __tablename__ = "attachments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created: Mapped[str] = mapped_column(String(32))
    # Schema 3: the body is an encrypted file beside the store (store/blobs.py): its
    # random id, and its own key wrapped under the data key (plus the wrap a rekey
    # prepared, until the rekey is finished). NULL: the body is still in chunk rows.
    blob_id: Mapped[str | None] = mapped_column(String(32), default=None)
    blob_key: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    blob_key_next: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)


class ChunkRow(Base):
    """Attachment bytes in 1 MiB chunks: schemas 1-2 only. Opening such a store moves
    them into blobs (store/blob_upkeep.py); new stores keep this table empty."""

    __tablename__ = "attachment_chunks"
    attachment_id: Mapped[str] = mapped_column(
        ForeignKey("attachments.id", ondelete="CASCADE"), primary_key=True
    )
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class RelationRow(Base):
    __tablename__ = "relations"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    relation: Mapped[str] = mapped_column(Text)
    other_case_id: Mapped[str | None] = mapped_column(String(36))
    note: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(String(32))  # schema 4


class AskRow(Base):
    __tablename__ = "asks"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    addressee: Mapped[str | None] = mapped_column(Text)
    sensitivity: Mapped[str] = mapped_column(String(16), default="public")
    translations: Mapped[str | None] = mapped_column(Text)  # JSON, core.bilingual
    created: Mapped[str] = mapped_column(String(32))


class OrganisationRow(Base):
    __tablename__ = "organisations"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class CaseOrgRow(Base):
    __tablename__ = "case_organisations"
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[str] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    )


class HistoryRow(Base):
    __tablename__ = "history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(32))
    record_type: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str] = mapped_column(String(36))
    case_id: Mapped[str | None] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)


class FactsCacheRow(Base):
    """Derived facts per case as of one day, so a 50,000-case list needs no recompute."""

    __tablename__ = "facts_cache"
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    as_of: Mapped[str] = mapped_column(String(10), index=True)  # since schema 2
    status: Mapped[str] = mapped_column(String(16), index=True)
    data: Mapped[str] = mapped_column(Text)  # CaseFacts.to_json()


class ListFactsRow(Base):
    """The list's facts per case as of one day (since schema 10): `core.facts.ListFacts`
    as plain columns, so a 50,000-case list loads with one SELECT into tuples — no JSON
    decoded per row. Written beside `facts_cache` by `store/facts_cache.py`."""

    __tablename__ = "list_facts"
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    as_of: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16))
    stage: Mapped[str] = mapped_column(String(32))
    in_custody: Mapped[int] = mapped_column(Integer)
    custody_kind: Mapped[str | None] = mapped_column(String(32))
    whereabouts: Mapped[str | None] = mapped_column(String(16))
    since_earliest: Mapped[str | None] = mapped_column(String(10))
    since_latest: Mapped[str | None] = mapped_column(String(10))
    custody_min: Mapped[int | None] = mapped_column(Integer)
    custody_max: Mapped[int | None] = mapped_column(Integer)
    house_min: Mapped[int | None] = mapped_column(Integer)
    house_max: Mapped[int | None] = mapped_column(Integer)
    last_confirmed: Mapped[str | None] = mapped_column(String(10))
    alerts: Mapped[str] = mapped_column(Text, default="")  # core.facts.alerts_text


class IdentityRow(Base):
    """The researcher's own key pair; secret parts live only inside the encrypted store."""

    __tablename__ = "identity"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    age_secret: Mapped[str] = mapped_column(Text)
    signing_seed: Mapped[bytes] = mapped_column(LargeBinary)
    created: Mapped[str] = mapped_column(String(32))


class ContactRow(Base):
    __tablename__ = "contacts"
    name: Mapped[str] = mapped_column(Text, primary_key=True)
    recipient: Mapped[str] = mapped_column(Text)
    signing_key: Mapped[str | None] = mapped_column(Text)
    verified: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[str] = mapped_column(String(32))


class SeenShareRow(Base):
    """Share ids already imported: a replayed share file is refused."""

    __tablename__ = "seen_shares"
    share_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    imported_at: Mapped[str] = mapped_column(String(32))
    signer: Mapped[str | None] = mapped_column(Text)


class MergedIdRow(Base):
    """A case merged into another (since schema 3): the old id and the one that survived,
    so a colleague's later share that still names the old id lands in the surviving case."""

    __tablename__ = "merged_ids"
    old_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    new_id: Mapped[str] = mapped_column(String(36), index=True)
    merged_at: Mapped[str] = mapped_column(String(32))


# The full-text index: trigram so substrings of Chinese, Tibetan and Uyghur names match
# and Latin matches case-insensitively. Kept in step by store.search.
FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5("
    "text, case_id UNINDEXED, kind UNINDEXED, ref_id UNINDEXED, "
    "tokenize = 'trigram remove_diacritics 1')"
)
# Names and tags only, in their own small index: a two-character Chinese name (below a
# trigram) is found by scanning these 50,000 short rows instead of every event note.
NAME_FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS name_index USING fts5("
    "text, case_id UNINDEXED, tokenize = 'trigram remove_diacritics 1')"
)
# Which case (and record) each index row belongs to, keyed by the index row's rowid
# (since schema 9). FTS5 keeps `case_id` UNINDEXED, so "delete this case's rows" by
# that column scans the whole index (120 ms of a 316 ms edit at 50,000 cases); through
# these maps it is an index lookup and a delete by rowid. store.search allocates every
# index row's rowid here first and keeps the two in step; sources have no case
# (case_id NULL) and are found by their ref_id, through an index over source rows only
# (a partial index: an index over every row's kind and ref_id cost a third B-tree on
# each of half a million inserts, and only sources are ever looked up that way).
SEARCH_ROWS_DDL = (
    "CREATE TABLE IF NOT EXISTS search_rows (rid INTEGER PRIMARY KEY, "
    "case_id TEXT, kind TEXT NOT NULL, ref_id TEXT)",
    "CREATE INDEX IF NOT EXISTS ix_search_rows_case_id ON search_rows(case_id)",
    "DROP INDEX IF EXISTS ix_search_rows_kind_ref",
    "CREATE INDEX IF NOT EXISTS ix_search_rows_source ON search_rows(ref_id) WHERE kind = 'source'",
    "CREATE TABLE IF NOT EXISTS name_rows (rid INTEGER PRIMARY KEY, case_id TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_name_rows_case_id ON name_rows(case_id)",
)
