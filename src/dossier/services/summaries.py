"""Case summaries for lists: a case's identity plus its derived facts as of a day.

At 50,000 cases the list cannot re-derive every case on every paint, so facts as of
today are cached in the store (`facts_cache`) and refreshed when a case changes or
the day turns; other days are derived in bulk, once per request.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from dossier.core.model import Event
from dossier.core.timeline import derive


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


_EVENT_COLS = (
    "id, case_id, type, date, end, place, authority, charges, sentence, note, "
    "source_ids, confidence, sensitivity, seq"
)


def _event(row) -> Event:
    return Event(
        id=row[0], case_id=row[1], type=row[2], date=row[3], end=row[4], place=row[5],
        authority=row[6], charges=json.loads(row[7] or "[]"), sentence=row[8], note=row[9],
        source_ids=json.loads(row[10] or "[]"), confidence=row[11], sensitivity=row[12],
        seq=row[13],
    )  # fmt: skip


def events_by_case(s: Session, case_ids: list[str] | None) -> dict[str, list[Event]]:
    """All events of the given cases (None: every case), in one pass over the table."""
    out: dict[str, list[Event]] = defaultdict(list)
    if case_ids is None:
        rows = s.execute(text(f"SELECT {_EVENT_COLS} FROM events ORDER BY case_id, earliest, seq"))
        for row in rows:
            out[row[1]].append(_event(row))
        return out
    for i in range(0, len(case_ids), 500):
        chunk = case_ids[i : i + 500]
        marks = ",".join(f":p{j}" for j in range(len(chunk)))
        rows = s.execute(
            text(f"SELECT {_EVENT_COLS} FROM events WHERE case_id IN ({marks}) ORDER BY case_id, earliest, seq"),
            {f"p{j}": cid for j, cid in enumerate(chunk)},
        )
        for row in rows:
            out[row[1]].append(_event(row))
    return out


def facts_json(events: list[Event], as_of: date) -> dict:
    facts = derive(events, as_of)
    data = facts.to_json()
    data["segments"] = [seg.to_json() for seg in facts.segments]
    return data


def refresh_cache(s: Session, as_of: date, case_ids: list[str] | None = None) -> int:
    """Recompute cached facts for `case_ids` (None: those stale for `as_of`)."""
    day = as_of.isoformat()
    if case_ids is None:
        case_ids = list(
            s.execute(
                text("SELECT c.id FROM cases c LEFT JOIN facts_cache f ON f.case_id = c.id "
                     "WHERE f.as_of IS NULL OR f.as_of != :d"),
                {"d": day},
            ).scalars()
        )  # fmt: skip
    if not case_ids:
        return 0
    evs = events_by_case(s, case_ids if len(case_ids) < 20_000 else None)
    rows = []
    for cid in case_ids:
        data = facts_json(evs.get(cid, []), as_of)
        rows.append({"c": cid, "d": day, "s": data["status"], "j": json.dumps(data, ensure_ascii=False)})
    s.execute(
        text("INSERT OR REPLACE INTO facts_cache(case_id, as_of, status, data) VALUES (:c, :d, :s, :j)"),
        rows,
    )
    return len(rows)


def stale_count(s: Session, as_of: date) -> int:
    """Cases whose cached facts are not for `as_of` (cache rows die with their case)."""
    return s.execute(
        text("SELECT (SELECT count(*) FROM cases) - (SELECT count(*) FROM facts_cache WHERE as_of = :d)"),
        {"d": as_of.isoformat()},
    ).scalar_one()


def load_summaries(s: Session, case_ids: list[str] | None, as_of: date, cached: bool) -> list[CaseSummary]:
    """Summaries in the order of `case_ids` (None: all, by name)."""
    where, params = "", {}
    if case_ids is not None:
        if not case_ids:
            return []
        s.execute(text("CREATE TEMP TABLE IF NOT EXISTS _ids(id TEXT PRIMARY KEY)"))
        s.execute(text("DELETE FROM _ids"))
        s.execute(text("INSERT OR IGNORE INTO _ids(id) VALUES (:i)"), [{"i": c} for c in case_ids])
        where = " WHERE id IN (SELECT id FROM _ids)"
    cases = s.execute(text(f"SELECT id, name, sensitivity FROM cases{where} ORDER BY name, id"), params).all()
    names: dict[str, list[dict]] = defaultdict(list)
    for cid, value, lang, kind in s.execute(
        text(f"SELECT case_id, value, lang, kind FROM names"
             f"{where.replace('id IN', 'case_id IN')} ORDER BY case_id, pos")
    ):  # fmt: skip
        names[cid].append({"value": value, "lang": lang, "kind": kind})
    tags: dict[str, list[str]] = defaultdict(list)
    for cid, tag in s.execute(
        text(f"SELECT case_id, tag FROM case_tags{where.replace('id IN', 'case_id IN')} ORDER BY tag")
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
        facts = {cid: facts_json(evs.get(cid, []), as_of) for cid in ids}
    out = [
        CaseSummary(id=cid, name=name, names=names.get(cid, []), tags=tags.get(cid, []),
                    sensitivity=sens, facts=facts.get(cid) or facts_json([], as_of))
        for cid, name, sens in cases
    ]  # fmt: skip
    if case_ids is not None:
        order = {cid: i for i, cid in enumerate(case_ids)}
        out.sort(key=lambda c: order[c.id])
    return out
