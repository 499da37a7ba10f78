"""Versioned schema upgrades, each a function from version N-1 to N.

A store records its schema version in `meta`. Opening an older store runs the
missing steps inside one transaction; a store from a newer Dossier is refused rather
than guessed at. Every released version keeps an encrypted fixture store in
tests/store/fixtures so the upgrade path is tested on real old files.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import Connection, text

from dossier.core.errors import DossierError
from dossier.core.facts import FACTS_VERSION, LIST_FACTS_COLUMNS, ListFacts

from .schema import (
    EVENT_V3_COLUMNS,
    FTS_DDL,
    NAME_FTS_DDL,
    SCHEMA_VERSION,
    SEARCH_ROWS_DDL,
    Base,
    ListFactsRow,
)


def _v1(conn: Connection) -> None:
    Base.metadata.create_all(conn)
    conn.exec_driver_sql(FTS_DDL)
    conn.exec_driver_sql(NAME_FTS_DDL)


def _v2(conn: Connection) -> None:
    """Schema 2: an index on the facts cache's day, so "is the cache current?" is a
    lookup instead of a scan of 50,000 JSON rows."""
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_facts_cache_as_of ON facts_cache(as_of)")


def _v3(conn: Connection) -> None:
    """Schema 3 (issue #11, the timeline model): the new optional event fields. Safe to
    run twice (columns already there are skipped); the facts cache is emptied because
    its JSON shape changed (it refills itself: every case is stale)."""
    have = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(events)")}
    for col in EVENT_V3_COLUMNS:
        if col not in have:
            conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN {col} TEXT")
    conn.exec_driver_sql("DELETE FROM facts_cache")


def _v4(conn: Connection) -> None:
    """Schema 4: attachment bodies leave the database for encrypted blobs beside it
    (issue 13). Only the columns are added here; the bodies move one attachment per
    transaction after the store opened (store/blob_upkeep.migrate_chunks), so a killed
    migration resumes where it stopped."""
    have = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(attachments)")}
    for column, kind in (
        ("blob_id", "VARCHAR(32)"),
        ("blob_key", "BLOB"),
        ("blob_key_next", "BLOB"),
    ):
        if column not in have:
            conn.exec_driver_sql(f"ALTER TABLE attachments ADD COLUMN {column} {kind}")


def _v5(conn: Connection) -> None:
    """Schema 5: `merged_ids` (old case id → surviving id) for merging duplicate cases."""
    conn.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS merged_ids (old_id VARCHAR(36) NOT NULL PRIMARY KEY, "
        "new_id VARCHAR(36) NOT NULL, merged_at VARCHAR(32) NOT NULL)"
    )
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_merged_ids_new_id ON merged_ids(new_id)")


def _add_column(conn: Connection, table: str, column: str, ddl: str) -> None:
    have = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
    if column not in have:
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}")


def _translations(conn: Connection) -> None:
    """Schema 6: narrative text by language (core.bilingual): a JSON column on the four record
    tables that hold narrative fields; NULL means "as typed only"."""
    for table in ("cases", "events", "sources", "asks"):
        _add_column(conn, table, "translations", "TEXT")


def _v7(conn: Connection) -> None:
    """Schema 7: a relation's `role` (a lawyer appointed by the family, imposed by the
    state, dismissed, disbarred). Safe to run on a store that has it already."""
    cols = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(relations)")}
    if "role" not in cols:
        conn.exec_driver_sql("ALTER TABLE relations ADD COLUMN role VARCHAR(32)")


def _v8(conn: Connection) -> None:
    """Schema 8: the family's consent to submissions in the person's name (issue #15)."""
    _add_column(conn, "cases", "family_consent", "VARCHAR(16)")


def _search_rows(conn: Connection) -> None:
    """Schema 9: the maps from index rowid to case (schema.SEARCH_ROWS_DDL), filled from
    the index rows already there (their rowid and their own case_id / kind / ref_id
    columns), so an old store's next edit of a case replaces its rows instead of adding
    beside them. Self-contained and safe to run twice (rows mapped already are kept)."""
    for ddl in SEARCH_ROWS_DDL:
        conn.exec_driver_sql(ddl)
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO search_rows(rid, case_id, kind, ref_id) "
        "SELECT rowid, case_id, COALESCE(kind, ''), ref_id FROM search_index"
    )
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO name_rows(rid, case_id) "
        "SELECT rowid, COALESCE(case_id, '') FROM name_index"
    )


def _v10(conn: Connection) -> None:
    """Schema 10: the list's typed facts (`list_facts`, core.facts.ListFacts as plain
    columns), filled from the facts cache already kept, so the first list after the
    upgrade needs no re-derive. Safe to run twice."""
    ListFactsRow.__table__.create(conn, checkfirst=True)
    rows = conn.exec_driver_sql("SELECT case_id, as_of, data FROM facts_cache").fetchall()
    out = [(cid, day, *ListFacts.from_json(json.loads(data)).to_row()) for cid, day, data in rows]
    if out:
        cols = ", ".join(LIST_FACTS_COLUMNS)
        marks = ", ".join("?" * (len(LIST_FACTS_COLUMNS) + 2))
        conn.exec_driver_sql(
            f"INSERT OR REPLACE INTO list_facts(case_id, as_of, {cols}) VALUES ({marks})", out
        )


STEPS: dict[int, Callable[[Connection], None]] = {
    1: _v1,
    2: _v2,
    3: _v3,
    4: _v4,
    5: _v5,
    6: _translations,
    7: _v7,
    8: _v8,
    9: _search_rows,
    10: _v10,
}
assert max(STEPS) == SCHEMA_VERSION


def current_version(conn: Connection) -> int:
    has_meta = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'")
    ).first()
    if not has_meta:
        return 0
    row = conn.execute(text("SELECT value FROM meta WHERE key='schema_version'")).first()
    return int(row[0]) if row else 0


def upgrade(conn: Connection) -> int:
    """Bring the schema to SCHEMA_VERSION; returns the version found before."""
    found = current_version(conn)
    if found > SCHEMA_VERSION:
        raise DossierError(
            f"this store was made by a newer Dossier (schema {found}, this program knows {SCHEMA_VERSION})",
            remedy="update Dossier to open it",
        )
    if found == 0:
        _v1(conn)  # a new store: create_all already makes the latest tables and indexes
    for v in range(max(found, 1) + 1, SCHEMA_VERSION + 1):
        STEPS[v](conn)
    if found < SCHEMA_VERSION:
        conn.execute(
            text("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', :v)"),
            {"v": str(SCHEMA_VERSION)},
        )
    check_facts_version(conn)
    return found


def needs_upgrade(conn: Connection) -> bool:
    """True when opening will write: an older schema, or a facts cache of an older shape."""
    if current_version(conn) < SCHEMA_VERSION:
        return True
    row = conn.execute(text("SELECT value FROM meta WHERE key='facts_version'")).first()
    return row is None or row[0] != str(FACTS_VERSION)


def check_facts_version(conn: Connection) -> None:
    """Empty the facts cache when the derived facts' shape or rules changed since it
    was filled (`core.facts.FACTS_VERSION`, kept in meta as `facts_version`): cached
    JSON of an older shape must never reach a list (issue #11)."""
    row = conn.execute(text("SELECT value FROM meta WHERE key='facts_version'")).first()
    if row is None or row[0] != str(FACTS_VERSION):
        conn.exec_driver_sql("DELETE FROM facts_cache")
        conn.exec_driver_sql("DELETE FROM list_facts")
        conn.execute(
            text("INSERT OR REPLACE INTO meta(key, value) VALUES ('facts_version', :v)"),
            {"v": str(FACTS_VERSION)},
        )
