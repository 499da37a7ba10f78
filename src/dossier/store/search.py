"""Full-text search in any script: FTS5 trigram indexes plus a short-query fallback.

Trigrams find any substring of three characters or more — Chinese names without word
breaks, Tibetan, Uyghur — and fold Latin case and diacritics. Chinese names are often
two characters (刘霞), below a trigram; such terms fall back to a LIKE scan of the
small `name_index` (one row per case), which stays fast at 50,000 cases.

Every index row is mapped to its case in a plain table (`search_rows`, `name_rows`,
schema.SEARCH_ROWS_DDL) under the same rowid: FTS5 cannot index `case_id`, so removing a
case's rows by that column scanned the whole index on every edit; by the map it is an
index lookup and a delete by rowid. Every insert allocates its rowids in the map first,
every delete goes through it, so the two always hold the same rowids (checked by
services.maintenance.verify).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from dossier.core.model import Case, Event, Source

PROGRESS_STEPS = 20_000  # SQLite VM steps between two cancellation checks (~1 ms)
_INSERT = text(
    "INSERT INTO search_index(rowid, text, case_id, kind, ref_id) VALUES (:id, :t, :c, :k, :r)"
)
_INSERT_MAP = text("INSERT INTO search_rows(rid, case_id, kind, ref_id) VALUES (:id, :c, :k, :r)")
_INSERT_NAME = text("INSERT INTO name_index(rowid, text, case_id) VALUES (:id, :t, :c)")
_INSERT_NAME_MAP = text("INSERT INTO name_rows(rid, case_id) VALUES (:id, :c)")


@dataclass(frozen=True)
class SearchHit:
    case_id: str | None
    kind: str  # name / summary / event / source
    ref_id: str
    snippet: str


def name_text(c: Case) -> str:
    return " · ".join([c.name, *(n.value for n in c.names), *c.tags])


def _versions(record, field: str) -> list[str]:
    """A narrative field's versions by language (core.bilingual), found by search too."""
    return [
        t for t in ((getattr(record, "translations", None) or {}).get(field) or {}).values() if t
    ]


def _rows_for_case(c: Case) -> list[dict]:
    rows = []
    summary = " · ".join(p for p in (c.summary, *_versions(c, "summary")) if p)
    if summary:
        rows.append({"t": summary, "c": c.id, "k": "summary", "r": c.id})
    rows += [r for e in c.events if (r := _row_for_event(e))]
    return rows


def _row_for_event(e: Event) -> dict | None:
    parts = [
        e.place,
        e.authority,
        e.note,
        e.sentence,
        *e.charges,
        e.court,
        e.judge,
        e.facility,
        *(v for f in ("place", "authority", "note") for v in _versions(e, f)),
    ]
    body = " · ".join(p for p in parts if p)
    return {"t": body, "c": e.case_id, "k": "event", "r": e.id} if body else None


def index_case(s: Session, c: Case) -> None:
    """Replace every index row of the case (names, summary, events)."""
    unindex_case(s, c.id)
    insert_rows(s, [{"t": name_text(c), "c": c.id}], _rows_for_case(c))


def bulk_rows(cases: list[Case]) -> tuple[list[dict], list[dict]]:
    names = [{"t": name_text(c), "c": c.id} for c in cases]
    return names, [r for c in cases for r in _rows_for_case(c)]


def _with_rowids(s: Session, index: str, rowmap: str, rows: list[dict]) -> list[dict]:
    """`rows` with the rowids they will have (`id`), after the highest in the map or in
    the index (should a map row have been lost, its index row's rowid is still not reused).
    One writer at a time (BEGIN IMMEDIATE), so no other transaction allocates meanwhile."""
    top = s.execute(
        text(
            f"SELECT max(COALESCE((SELECT max(rid) FROM {rowmap}), 0), "
            f"COALESCE((SELECT rowid FROM {index} ORDER BY rowid DESC LIMIT 1), 0))"
        )
    ).scalar_one()
    return [{**r, "id": top + 1 + i} for i, r in enumerate(rows)]


def insert_rows(s: Session, name_rows: list[dict], rows: list[dict]) -> None:
    """Index rows and their map rows, under the same newly allocated rowids."""
    if name_rows:
        named = _with_rowids(s, "name_index", "name_rows", name_rows)
        s.execute(_INSERT_NAME_MAP, named)
        s.execute(_INSERT_NAME, named)
    if rows:
        mapped = _with_rowids(s, "search_index", "search_rows", rows)
        s.execute(_INSERT_MAP, mapped)
        s.execute(_INSERT, mapped)


def unindex_case(s: Session, case_id: str) -> None:
    """Drop the case's index rows by rowid, found through the maps (not by FTS5's
    unindexed case_id column, a scan of the whole index)."""
    for index, rowmap in (("search_index", "search_rows"), ("name_index", "name_rows")):
        s.execute(
            text(
                f"DELETE FROM {index} WHERE rowid IN (SELECT rid FROM {rowmap} WHERE case_id = :c)"
            ),
            {"c": case_id},
        )
        s.execute(text(f"DELETE FROM {rowmap} WHERE case_id = :c"), {"c": case_id})


def index_source(s: Session, src: Source) -> None:
    unindex_source(s, src.id)
    body = " · ".join(
        p
        for p in (
            src.title,
            src.publisher,
            src.note,
            *_versions(src, "title"),
            *_versions(src, "note"),
        )
        if p
    )
    insert_rows(s, [], [{"t": body, "c": None, "k": "source", "r": src.id}])


def unindex_source(s: Session, source_id: str) -> None:
    where = "FROM search_rows WHERE kind = 'source' AND ref_id = :r"
    s.execute(
        text(f"DELETE FROM search_index WHERE rowid IN (SELECT rid {where})"), {"r": source_id}
    )
    s.execute(text(f"DELETE {where}"), {"r": source_id})


def _fts_literal(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _where(terms: list[str], params: dict) -> str:
    long_terms = [t for t in terms if len(t) >= 3]
    clauses = []
    if long_terms:
        params["match"] = " AND ".join(_fts_literal(t) for t in long_terms)
        clauses.append("{table} MATCH :match")
    for i, t in enumerate(t for t in terms if len(t) < 3):
        params[f"s{i}"] = _like(t)
        clauses.append(f"text LIKE :s{i} ESCAPE '\\'")
    return " AND ".join(clauses)


def search(s: Session, query: str, limit: int = 200) -> list[SearchHit]:
    """Hits for every term of `query` (AND): names first, then summaries, events and sources."""
    terms = [t for t in query.strip().split() if t]
    if not terms:
        return []
    params: dict[str, object] = {"limit": limit}
    where = _where(terms, params)
    hits = [
        SearchHit(cid, "name", cid, snippet)
        for cid, snippet in s.execute(
            text(
                f"SELECT case_id, substr(text, 1, 200) FROM name_index WHERE "
                f"{where.format(table='name_index')} LIMIT :limit"
            ),
            params,
        ).all()
    ]
    if any(len(t) >= 3 for t in terms) and len(hits) < limit:
        params["limit"] = limit - len(hits)
        sql = (
            "SELECT case_id, kind, ref_id, substr(text, 1, 200) FROM search_index WHERE "
            + where.format(table="search_index")
            # No ORDER BY: sorting every match of a common word (a city named in
            # 100,000 events) before the LIMIT costs half a second at full scale.
            + " LIMIT :limit"
        )
        hits += [SearchHit(*row) for row in s.execute(text(sql), params).all()]
    return hits


@contextlib.contextmanager
def interruptible(s: Session, check: Callable[[], None] | None) -> Iterator[None]:
    """Let `check()` stop a long SQLite statement midway (a search superseded by the
    next keystroke): SQLite calls a progress handler every few thousand VM steps; when
    `check()` raises, the handler aborts the statement and the exception is re-raised
    here in place of SQLite's "interrupted"."""
    if check is None:
        yield
        return
    raw = s.connection().connection.dbapi_connection
    stopped: list[BaseException] = []

    def handler() -> int:
        try:
            check()
        except BaseException as exc:  # noqa: BLE001 - handed back below
            stopped.append(exc)
            return 1
        return 0

    raw.set_progress_handler(handler, PROGRESS_STEPS)
    try:
        yield
    except Exception:
        if stopped:
            raise stopped[0] from None
        raise
    finally:
        raw.set_progress_handler(None, 0)


def case_ids_matching(
    s: Session, query: str, limit: int = 100_000, check: Callable[[], None] | None = None
) -> set[str]:
    """Every case with a hit for every term of `query` (among the first `limit` hits
    in events, summaries and sources) — ids only, no snippets.

    Why not :func:`search`: filtering the case list needs no text, and a common word
    ("note" is in most of 500,000 events) made search() copy 100,000 snippets into
    Python on each keystroke. Here SQLite keeps only the distinct ids, and `check`
    (see :func:`interruptible`) stops a superseded query midway.
    """
    terms = [t for t in query.strip().split() if t]
    if not terms:
        return set()
    params: dict[str, object] = {"limit": limit}
    where = _where(terms, params)
    sql = f"SELECT case_id FROM name_index WHERE {where.format(table='name_index')}"
    if any(len(t) >= 3 for t in terms):
        sql += (
            " UNION SELECT case_id FROM (SELECT case_id FROM search_index WHERE "
            f"{where.format(table='search_index')} LIMIT :limit) WHERE case_id IS NOT NULL"
        )
    else:
        sql = f"SELECT DISTINCT case_id FROM ({sql})"
    # Straight through the driver's cursor: a common prefix ("W", "note") matches
    # tens of thousands of cases, and SQLAlchemy's row-by-row fetch cost ~4 µs a row
    # (a third of such a keystroke); fetchall() and one set build cost a tenth.
    raw = s.connection().connection.dbapi_connection
    with interruptible(s, check):
        found = {cid for (cid,) in raw.execute(sql, params).fetchall()}
    found.discard(None)
    found.discard("")
    return found


def matching_case_ids(s: Session, query: str, limit: int = 100_000) -> list[str]:
    """Distinct case ids with a hit, for filtering the case list (at most `limit`)."""
    return sorted(case_ids_matching(s, query))[:limit]
