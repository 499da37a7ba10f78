"""The search index and its rowid maps (search_rows, name_rows) stay in step.

A case's index rows are found through the maps (FTS5 cannot index case_id), so a map row
missing, or one left behind, means stale hits or lost ones after the next edit. After a
long random run of edits and deletes the two must hold exactly the same rowids, and search
must answer as a freshly rebuilt index does.
"""

from __future__ import annotations

import random

import pytest
from sqlalchemy import text

from dossier.core.model import Case, Event, Name, Source
from dossier.services import maintenance
from dossier.store import repo, search

WORDS = ["Beijing", "Urumqi", "Lhasa", "lawyer", "petition", "刘霞", "王全璋", "扎西", "note"]
QUERIES = ["Beijing", "Urumqi", "lawyer", "petition", "刘霞", "全璋", "扎西", "note", "Case", "src"]


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3))) + f" {rng.randint(0, 99)}"


def _random_edits(d, rng: random.Random, steps: int) -> None:
    """Adds, edits and deletes of cases, events and sources, in a random order."""
    for i in range(steps):
        cases = [c.id for c in d.summaries()]
        sources = list(d.sources())
        op = rng.choice(
            ["add_case"] * 3
            + ["edit_case", "add_event", "add_event", "edit_event", "delete_event", "delete_case"]
            + ["add_source", "edit_source", "delete_source"]
        )
        if op == "add_case" or not cases:
            d.add_case(
                Case(
                    name=f"Case {i} {rng.choice(WORDS)}",
                    names=[Name(rng.choice(["刘霞", "王全璋", "扎西"]), "zh-Hans")],
                    summary=_text(rng) if rng.random() < 0.7 else None,
                    tags=[rng.choice(["lawyers", "writers"])],
                )
            )
        elif op == "edit_case":
            c = d.get_case(rng.choice(cases))
            c.summary = _text(rng) if rng.random() < 0.8 else None
            c.name = f"{c.name.split(' ~')[0]} ~{i}"
            d.update_case(c)
        elif op == "add_event":
            d.add_event(
                rng.choice(cases),
                Event(type="detention", date=f"20{rng.randint(10, 23)}-05-01", note=_text(rng)),
            )
        elif op in ("edit_event", "delete_event"):
            events = d.get_case(rng.choice(cases)).events
            if not events:
                continue
            ev = rng.choice(events)
            if op == "delete_event":
                d.delete_event(ev.id)
            else:
                ev.note = _text(rng) if rng.random() < 0.8 else None
                ev.place = rng.choice(["Beijing", "Lhasa", None])
                d.update_event(ev)
        elif op == "delete_case":
            d.delete_case(rng.choice(cases))
        elif op == "add_source" or not sources:
            d.add_source(Source(title=f"src {i} {_text(rng)}", publisher="RFA"))
        elif op == "edit_source":
            src = d.get_source(rng.choice(sources))
            src.note = _text(rng)
            d.update_source(src)
        else:
            d.delete_source(rng.choice(sources))


def _index_and_map(s) -> tuple[dict, dict, dict, dict]:
    idx = {
        r[0]: tuple(r[1:])
        for r in s.execute(text("SELECT rowid, case_id, kind, ref_id FROM search_index"))
    }
    rows = {
        r[0]: tuple(r[1:])
        for r in s.execute(text("SELECT rid, case_id, kind, ref_id FROM search_rows"))
    }
    names = dict(s.execute(text("SELECT rowid, case_id FROM name_index")).all())
    name_rows = dict(s.execute(text("SELECT rid, case_id FROM name_rows")).all())
    return idx, rows, names, name_rows


def _answers(d) -> dict[str, list]:
    out = {}
    with d.store.read() as s:
        for q in QUERIES:
            hits = search.search(s, q, limit=10_000)
            out[q] = sorted((h.case_id or "", h.kind, h.ref_id, h.snippet) for h in hits)
            out[q + " ids"] = sorted(search.case_ids_matching(s, q))
    return out


def _rebuild(d) -> None:
    """The index made afresh from the records, as a new store would have it."""
    with d.store.write() as s:
        for table in ("search_index", "search_rows", "name_index", "name_rows"):
            s.execute(text(f"DELETE FROM {table}"))
        for cid in s.execute(text("SELECT id FROM cases")).scalars().all():
            search.index_case(s, repo.get_case(s, cid))
        for src in repo.get_sources(s).values():
            search.index_source(s, src)


@pytest.mark.parametrize("seed", [1, 2])
def test_index_and_map_agree_after_random_edits(dossier, seed):
    rng = random.Random(seed)
    _random_edits(dossier, rng, 120)
    with dossier.store.read() as s:
        idx, rows, names, name_rows = _index_and_map(s)
        n_cases = s.execute(text("SELECT count(*) FROM cases")).scalar_one()
    assert idx == rows  # same rowids, each mapped to the case and record it indexes
    assert names == name_rows
    assert len(names) == n_cases  # one name row per live case, none left by deletes
    assert {c for c, _, _ in rows.values() if c} <= {c.id for c in dossier.summaries()}
    before = _answers(dossier)
    assert any(before.values())
    _rebuild(dossier)
    assert _answers(dossier) == before
    assert maintenance.verify(dossier).search_index_ok


def test_a_case_edit_replaces_its_rows_only(dossier):
    a = dossier.add_case(Case(name="Liu Xia", names=[Name("刘霞", "zh-Hans")], summary="poet"))
    b = dossier.add_case(Case(name="Wang Quanzhang", summary="lawyer"))
    dossier.add_event(a.id, Event(type="detention", date="2010-10-08", note="house arrest"))
    with dossier.store.read() as s:
        before_b = s.execute(
            text("SELECT rid FROM search_rows WHERE case_id = :c"), {"c": b.id}
        ).all()
    c = dossier.get_case(a.id)
    c.summary = "poet and photographer"
    dossier.update_case(c)
    with dossier.store.read() as s:
        rows_a = s.execute(
            text("SELECT kind FROM search_index WHERE case_id = :c ORDER BY kind"), {"c": a.id}
        ).scalars()
        assert list(rows_a) == ["event", "summary"]
        assert (
            s.execute(text("SELECT rid FROM search_rows WHERE case_id = :c"), {"c": b.id}).all()
            == before_b
        )
    assert [h.kind for h in dossier.search("photographer")] == ["summary"]
    assert [h.kind for h in dossier.search("刘霞")] == ["name"]


def test_verify_reports_a_missing_map_row(dossier):
    c = dossier.add_case(Case(name="Liu Xia", summary="poet"))
    assert maintenance.verify(dossier).ok
    with dossier.store.write() as s:
        s.execute(text("DELETE FROM search_rows WHERE case_id = :c"), {"c": c.id})
    rep = maintenance.verify(dossier)
    assert not rep.ok and not rep.search_index_ok
    assert any("search_rows" in p for p in rep.search_index_problems)
    assert rep.to_json()["search_index_problems"] == rep.search_index_problems


def test_verify_reports_a_missing_name_map_row(dossier):
    c = dossier.add_case(Case(name="Liu Xia"))
    with dossier.store.write() as s:
        s.execute(text("DELETE FROM name_rows WHERE case_id = :c"), {"c": c.id})
    rep = maintenance.verify(dossier)
    assert not rep.search_index_ok
    assert any("name_rows" in p for p in rep.search_index_problems)


def test_a_lost_map_row_never_has_its_rowid_reused(dossier):
    """Should the highest map row be lost, the next insert still gets a rowid the index
    has not used (it would otherwise fail on the index's rowid)."""
    c = dossier.add_case(Case(name="Liu Xia", summary="poet"))
    with dossier.store.write() as s:
        top = s.execute(text("SELECT max(rid) FROM search_rows")).scalar_one()
        s.execute(text("DELETE FROM search_rows WHERE rid = :r"), {"r": top})
    dossier.add_case(Case(name="Wang Quanzhang", summary="lawyer"))
    assert {h.case_id for h in dossier.search("lawyer")} - {c.id}


def test_the_maps_are_looked_up_through_their_indexes() -> None:
    """A case's rows by case_id, a source's by the partial index over source rows (the
    only rows looked up by ref_id): each delete is an index lookup, not a scan."""
    import sqlite3

    from dossier.store.schema import SEARCH_ROWS_DDL

    db = sqlite3.connect(":memory:")
    for ddl in SEARCH_ROWS_DDL:
        db.execute(ddl)

    def plan(sql: str) -> str:
        return " ".join(r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + sql, ("x",)))

    assert "ix_search_rows_source" in plan(
        "SELECT rid FROM search_rows WHERE kind = 'source' AND ref_id = ?"
    )
    assert "ix_search_rows_case_id" in plan("SELECT rid FROM search_rows WHERE case_id = ?")
    assert "ix_name_rows_case_id" in plan("SELECT rid FROM name_rows WHERE case_id = ?")
