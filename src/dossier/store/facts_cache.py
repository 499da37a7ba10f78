"""The facts cache: each case's derived facts as of one day, kept in the store.

At 50,000 cases the list cannot re-derive every case on every paint, so facts as of
today live in `facts_cache`. The store's unit of work (`unit.py`) refreshes the rows
of the cases a transaction touched before it commits; the day turning is caught by
`stale_count` and `refresh` for the stale rows. The SQL lives here, in the store,
because nothing above should know the table.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from dossier.core.facts import LIST_FACTS_COLUMNS, ListFacts
from dossier.core.model import Event
from dossier.core.timeline import derive

_EVENT_COLS = (
    "id, case_id, type, date, end, place, authority, charges, sentence, note, "
    "source_ids, confidence, sensitivity, seq, reported, outcome, probation, "
    "political_rights, whereabouts, last_confirmed"
)


def _json_list(value: str | None) -> list:
    return json.loads(value) if value and value != "[]" else []


def _event(row) -> Event:
    """An event for deriving facts. `created`/`updated` are left empty on purpose: the
    rules never read them, and stamping the clock twice per event was a third of the
    cost of deriving 500,000 events for a new as-of day."""
    return Event(
        id=row[0],
        case_id=row[1],
        type=row[2],
        date=row[3],
        end=row[4],
        place=row[5],
        authority=row[6],
        charges=_json_list(row[7]),
        sentence=row[8],
        note=row[9],
        source_ids=_json_list(row[10]),
        confidence=row[11],
        sensitivity=row[12],
        seq=row[13],
        created="",
        updated="",
        reported=row[14],
        outcome=row[15],
        probation=row[16],
        political_rights=row[17],
        whereabouts=row[18],
        last_confirmed=row[19],
    )


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
            text(
                f"SELECT {_EVENT_COLS} FROM events WHERE case_id IN ({marks}) ORDER BY case_id, earliest, seq"
            ),
            {f"p{j}": cid for j, cid in enumerate(chunk)},
        )
        for row in rows:
            out[row[1]].append(_event(row))
    return out


def facts_json(events: list[Event], as_of: date, known_on: date | None = None) -> dict:
    facts = derive(events, as_of) if known_on is None else derive(events, as_of, known_on)
    data = facts.to_json()
    data["segments"] = [seg.to_json() for seg in facts.segments]
    return data


def refresh(s: Session, as_of: date, case_ids: list[str] | None = None) -> int:
    """Recompute cached facts for `case_ids` (None: those stale for `as_of`)."""
    day = as_of.isoformat()
    if case_ids is None:
        case_ids = list(
            s.execute(
                text(
                    "SELECT c.id FROM cases c LEFT JOIN facts_cache f ON f.case_id = c.id "
                    "WHERE f.as_of IS NULL OR f.as_of != :d"
                ),
                {"d": day},
            ).scalars()
        )
    if not case_ids:
        return 0
    evs = events_by_case(s, case_ids if len(case_ids) < 20_000 else None)
    return insert(s, as_of, {cid: evs.get(cid, []) for cid in case_ids})


def insert(s: Session, as_of: date, events: dict[str, list[Event]]) -> int:
    """Derive and store the facts of each case from its events (all of them): the JSON
    facts (with segments, for the case view's chart, the overview and the CLI) and the
    list's typed facts (`list_facts`), in step."""
    day = as_of.isoformat()
    rows = []
    listed = []
    for cid, evs in events.items():
        facts = derive(evs, as_of)
        data = facts.to_json()
        data["segments"] = [seg.to_json() for seg in facts.segments]
        rows.append(
            {"c": cid, "d": day, "s": data["status"], "j": json.dumps(data, ensure_ascii=False)}
        )
        listed.append((cid, ListFacts.of(facts)))
    if rows:
        s.execute(
            text(
                "INSERT OR REPLACE INTO facts_cache(case_id, as_of, status, data) "
                "VALUES (:c, :d, :s, :j)"
            ),
            rows,
        )
        write_list_facts(s, day, listed)
    return len(rows)


_LIST_SQL = (
    f"INSERT OR REPLACE INTO list_facts(case_id, as_of, {', '.join(LIST_FACTS_COLUMNS)}) "
    f"VALUES ({', '.join('?' * (len(LIST_FACTS_COLUMNS) + 2))})"
)


def write_list_facts(s: Session, day: str, facts: list[tuple[str, ListFacts]]) -> None:
    """Store the list's facts of these cases for `day` (ISO), one plain row each."""
    if facts:
        s.connection().exec_driver_sql(_LIST_SQL, [(cid, day, *f.to_row()) for cid, f in facts])


def forget(s: Session, case_id: str) -> None:
    """A deleted case's cached facts go (the foreign keys would cascade too)."""
    s.execute(text("DELETE FROM facts_cache WHERE case_id = :c"), {"c": case_id})
    s.execute(text("DELETE FROM list_facts WHERE case_id = :c"), {"c": case_id})


def stale_count(s: Session, as_of: date) -> int:
    """Cases whose cached facts are not for `as_of` (cache rows die with their case)."""
    return s.execute(
        text(
            "SELECT (SELECT count(*) FROM cases) - (SELECT count(*) FROM facts_cache WHERE as_of = :d)"
        ),
        {"d": as_of.isoformat()},
    ).scalar_one()
