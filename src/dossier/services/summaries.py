"""Case summaries for lists: a case's identity plus its derived facts as of a day.

At 50,000 cases the list cannot re-derive every case on every paint, so facts as of
today are cached in the store (`facts_cache`) and refreshed when a case changes or
the day turns; other days are derived in bulk, once per request.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from sqlalchemy import text
from sqlalchemy.orm import Session

from dossier.core.facts import LIST_FACTS_COLUMNS, NO_FACTS, ListFacts
from dossier.core.timeline import list_facts
from dossier.store.facts_cache import events_by_case, facts_json


@dataclass
class CaseSummary:
    id: str
    name: str
    names: list[dict] = field(default_factory=list)  # [{"value", "lang", "kind"}]
    tags: list[str] = field(default_factory=list)
    sensitivity: str = "public"
    facts: dict = field(default_factory=dict)  # CaseFacts.to_json() + "segments"

    @property
    def native_name(self) -> str | None:
        for n in self.names:
            if not n["lang"].startswith("en"):
                return n["value"]
        return None

    @property
    def status(self) -> str:
        return self.facts.get("status", "unknown")

    @property
    def stage(self) -> str:
        return self.facts.get("stage", "none")

    def to_json(self) -> dict:
        out = {
            "id": self.id,
            "name": self.name,
            "names": [{"value": n["value"], "lang": n["lang"]} for n in self.names],
            "tags": self.tags,
            "sensitivity": self.sensitivity,
        }
        out.update({k: v for k, v in self.facts.items() if k != "segments"})
        return out


def load_summaries(
    s: Session, case_ids: list[str] | None, as_of: date, cached: bool, known_on: date | None = None
) -> list[CaseSummary]:
    """Summaries in the order of `case_ids` (None: all, by name); `known_on` (never from
    the cache, which holds everything known) leaves out events reported after it."""
    where, params = "", {}
    if case_ids is not None:
        if not case_ids:
            return []
        s.execute(text("CREATE TEMP TABLE IF NOT EXISTS _ids(id TEXT PRIMARY KEY)"))
        s.execute(text("DELETE FROM _ids"))
        s.execute(text("INSERT OR IGNORE INTO _ids(id) VALUES (:i)"), [{"i": c} for c in case_ids])
        where = " WHERE id IN (SELECT id FROM _ids)"
    cases = s.execute(
        text(f"SELECT id, name, sensitivity FROM cases{where} ORDER BY name, id"), params
    ).all()
    names: dict[str, list[dict]] = defaultdict(list)
    for cid, value, lang, kind in s.execute(
        text(
            f"SELECT case_id, value, lang, kind FROM names"
            f"{where.replace('id IN', 'case_id IN')} ORDER BY case_id, pos"
        )
    ):
        names[cid].append({"value": value, "lang": lang, "kind": kind})
    tags: dict[str, list[str]] = defaultdict(list)
    for cid, tag in s.execute(
        text(
            f"SELECT case_id, tag FROM case_tags{where.replace('id IN', 'case_id IN')} ORDER BY tag"
        )
    ):
        tags[cid].append(tag)
    facts: dict[str, dict] = {}
    if cached:
        for cid, data in s.execute(
            text(f"SELECT case_id, data FROM facts_cache{where.replace('id IN', 'case_id IN')}")
        ):
            facts[cid] = json.loads(data)
    else:
        ids = [c[0] for c in cases]
        evs = events_by_case(s, ids if len(ids) < 20_000 else None)
        facts = {cid: facts_json(evs.get(cid, []), as_of, known_on) for cid in ids}
    out = [
        CaseSummary(
            id=cid,
            name=name,
            names=names.get(cid, []),
            tags=tags.get(cid, []),
            sensitivity=sens,
            facts=facts.get(cid) or facts_json([], as_of, known_on),
        )
        for cid, name, sens in cases
    ]
    if case_ids is not None:
        order = {cid: i for i, cid in enumerate(case_ids)}
        out.sort(key=lambda c: order[c.id])
    return out


# -- the case list's rows ---------------------------------------------------------------
TAG_SEP = "\x1f"  # joins a row's tags: a separator no tag contains
FETCH_CHUNK = 2000  # rows per fetch: the GUI thread gets the GIL between chunks
DERIVE_CHUNK = 400  # cases per slice when facts are derived for another day


class ListRow(NamedTuple):
    """One line of the case list: what the table shows, sorts and filters on, nothing more.

    Why not a CaseSummary: at 50,000 cases, decoding every case's facts JSON (segments
    and all) and building dataclasses cost seconds of worker time and left a million
    objects for the garbage collector. A row is a plain tuple; its facts are the typed
    `ListFacts` read from the store's `list_facts` columns (or derived for another day),
    never JSON (issue 14 item 5: one facts type from the store to the views).
    """

    id: str
    name: str
    native_name: str | None
    tags_text: str  # tags joined by TAG_SEP, sorted
    facts: ListFacts

    @property
    def tags(self) -> list[str]:
        return self.tags_text.split(TAG_SEP) if self.tags_text else []

    @property
    def status(self) -> str:
        return self.facts.status

    @property
    def stage(self) -> str:
        return self.facts.stage

    def with_facts(self, facts: ListFacts) -> ListRow:
        """This row with the facts of another day."""
        return ListRow(self.id, self.name, self.native_name, self.tags_text, facts)

    @classmethod
    def from_summary(cls, s: CaseSummary) -> ListRow:
        return cls(
            s.id,
            s.name,
            s.native_name,
            TAG_SEP.join(sorted(s.tags)),
            ListFacts.from_json(s.facts) if s.facts else NO_FACTS,
        )


_LIST_COLS = ", ".join(LIST_FACTS_COLUMNS)
SMALL_SET = 5000  # below this many ids, look rows up by index; above, scan whole tables

Check = Callable[[], None]


def _ids_table(s: Session, case_ids: Iterable[str]) -> None:
    s.execute(text("CREATE TEMP TABLE IF NOT EXISTS _ids(id TEXT PRIMARY KEY)"))
    s.execute(text("DELETE FROM _ids"))
    rows = [{"i": c} for c in case_ids]
    if rows:
        s.execute(text("INSERT OR IGNORE INTO _ids(id) VALUES (:i)"), rows)


def _chunks(s: Session, sql: str, params: dict, check: Check | None) -> Iterator[Sequence]:
    """The rows of a query, a chunk at a time, with the GIL offered to the window's
    thread between chunks and `check()` (which may raise) called after each."""
    result = s.execute(text(sql), params)
    while chunk := result.fetchmany(FETCH_CHUNK):
        yield chunk
        time.sleep(0)
        if check is not None:
            check()


def fetch_rows(
    s: Session,
    as_of: date | None,
    *,
    case_ids: Iterable[str] | None = None,
    status: str | None = None,
    tag: str | None = None,
    alert: str | None = None,
    limit: int | None = None,
    check: Check | None = None,
) -> list[ListRow]:
    """Rows by name, their facts from the cache for `as_of` (None: identity only, facts
    left "unknown" for the caller to derive); `status` and `alert` need `as_of`.

    Each table is read on its own, in storage order, and joined here in dictionaries:
    SQLite joining by name order jumped around the encrypted pages (12 s for what four
    sequential scans read in about 3 s). Chunked: see :func:`_chunks`.
    """
    if limit is not None and case_ids is None:
        case_ids = list(
            s.scalars(text("SELECT id FROM cases ORDER BY name, id LIMIT :n"), {"n": limit})
        )
    ids = None if case_ids is None else list(dict.fromkeys(case_ids))
    where, params = "", {}
    if ids is not None:
        if not ids:
            return []
        if len(ids) < SMALL_SET:
            _ids_table(s, ids)
            where = " WHERE {col} IN (SELECT id FROM _ids)"
    keep: set[str] | None = None if ids is None else set(ids)

    def narrow(found: Iterable[str]) -> None:
        nonlocal keep
        keep = set(found) if keep is None else keep & set(found)

    if tag:
        narrow(s.scalars(text("SELECT case_id FROM case_tags WHERE tag = :t"), {"t": tag}))
    facts: dict[str, ListFacts] = {}
    if as_of is not None:
        params["d"] = as_of.isoformat()
        sql = f"SELECT case_id, as_of, {_LIST_COLS} FROM list_facts{where.format(col='case_id')}"
        from_row = ListFacts.from_row
        for chunk in _chunks(s, sql, params, check):
            facts.update((r[0], from_row(r[2:])) for r in chunk if r[1] == params["d"])
        if status:
            narrow(cid for cid, f in facts.items() if f.status == status)
        if alert:
            narrow(cid for cid, f in facts.items() if f.has_alert(alert))
    cases: list[tuple[str, str]] = []
    for chunk in _chunks(s, f"SELECT id, name FROM cases{where.format(col='id')}", params, check):
        cases.extend(c for c in chunk if keep is None or c[0] in keep)
    native: dict[str, tuple[int, str]] = {}
    sql = f"SELECT case_id, pos, value, lang FROM names{where.format(col='case_id')}"
    for chunk in _chunks(s, sql, params, check):
        for cid, pos, value, lang in chunk:
            if not lang.startswith("en") and (cid not in native or pos < native[cid][0]):
                native[cid] = (pos, value)
    tags: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks(
        s, f"SELECT case_id, tag FROM case_tags{where.format(col='case_id')}", params, check
    ):
        for cid, t in chunk:
            tags[cid].append(t)
    cases.sort(key=lambda c: (c[1], c[0]))
    out = []
    for cid, name in cases:
        n = native.get(cid)
        out.append(
            ListRow(
                cid,
                name,
                n[1] if n else None,
                TAG_SEP.join(sorted(tags.get(cid, ()))),
                facts.get(cid, NO_FACTS),
            )
        )
    return out


def derive_rows(
    s: Session,
    rows: list[ListRow],
    as_of: date,
    *,
    known: dict[str, ListFacts] | None = None,
    check: Check | None = None,
    first: Iterable[str] = (),
    on_chunk: Callable[[list[ListRow]], None] | None = None,
    known_on: date | None = None,
) -> list[ListRow]:
    """`rows` with their facts derived as of `as_of`, a slice of cases at a time, in this
    process (the thread path: small lists, or when derive processes cannot start).

    `known` (case id → facts) holds facts already derived for that day and is
    filled as slices finish, so a job stopped by `check()` (superseded by a newer one)
    leaves its work for the next. `first`: ids to derive before the others (the rows on
    screen). `on_chunk(rows)` receives each finished slice.
    """
    known = {} if known is None else known
    by_id = {r.id: r for r in rows}
    early = list(dict.fromkeys(c for c in first if c in by_id and c not in known))
    early_set = set(early)
    todo = early + [r.id for r in rows if r.id not in known and r.id not in early_set]
    for i in range(0, len(todo), DERIVE_CHUNK):
        if check is not None:
            check()
        chunk = todo[i : i + DERIVE_CHUNK]
        evs = events_by_case(s, chunk)
        for cid in chunk:
            known[cid] = list_facts(evs.get(cid, []), as_of, known_on)
        del evs
        if on_chunk is not None:
            on_chunk([by_id[cid].with_facts(known[cid]) for cid in chunk])
        time.sleep(0)
    return [r.with_facts(known[r.id]) for r in rows]
