"""The store's `list_facts` table stays equal to a fresh derive through edits (the
unit of work's settle step keeps it beside the facts cache), and goes with its case."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from dossier.core.facts import LIST_FACTS_COLUMNS, ListFacts
from dossier.core.model import Case, Event
from dossier.core.timeline import list_facts
from dossier.services.demo import build_demo


def _table(d) -> dict:
    with d.store.read() as s:
        rows = s.execute(
            text(f"SELECT case_id, as_of, {', '.join(LIST_FACTS_COLUMNS)} FROM list_facts")
        ).all()
    return {r[0]: (r[1], ListFacts.from_row(r[2:])) for r in rows}


def _fresh(d) -> dict:
    day = date.today()
    return {
        cid: (day.isoformat(), list_facts(d.get_case(cid).events, day)) for cid in d.all_case_ids()
    }


def test_list_facts_equal_a_fresh_derive_after_edits(dossier):
    build_demo(dossier)
    dossier.ensure_facts()
    assert _table(dossier) == _fresh(dossier)
    case = dossier.add_case(Case(name="New One"))
    ev = dossier.add_event(case.id, Event(type="detention", date="2019-03-04"))
    assert _table(dossier) == _fresh(dossier)
    assert _table(dossier)[case.id][1].status != "unknown"
    ev.date = "2019-03-XX"
    dossier.update_event(ev)
    assert _table(dossier) == _fresh(dossier)
    wang = dossier.resolve_case("Wang Quanzhang")
    first = dossier.get_case(wang).events[0]
    dossier.delete_event(first.id)
    assert _table(dossier) == _fresh(dossier)
    dossier.delete_case(case.id)
    assert case.id not in _table(dossier)
    assert _table(dossier) == _fresh(dossier)
