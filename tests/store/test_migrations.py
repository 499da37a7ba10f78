"""Stores made by released versions keep opening: one encrypted fixture per schema."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from dossier.core.errors import DossierError
from dossier.services.dossier import Dossier
from dossier.store.engine import key_header_path
from dossier.store.schema import SCHEMA_VERSION

FIXTURES = Path(__file__).parent / "fixtures"


def _copy(name: str, dest: Path) -> Path:
    target = dest / name
    shutil.copy2(FIXTURES / name, target)
    shutil.copy2(key_header_path(FIXTURES / name), key_header_path(target))
    return target


@pytest.mark.parametrize("fixture", ["v1.db", "v2.db"])
def test_fixture_opens_and_answers(tmp_path, fixture):
    path = _copy(fixture, tmp_path)
    with Dossier.open(path, "fixture") as d:
        assert d.store.meta()["schema_version"] == str(SCHEMA_VERSION)
        with d.store.read() as s:  # schema 2 added this index to a v1 store
            assert s.execute(
                text("SELECT 1 FROM sqlite_master WHERE name = 'ix_facts_cache_as_of'")
            ).first()
        names = {s.name for s in d.summaries()}
        assert {"Liu Xia", "Wang Quanzhang", "Gui Minhai", "Tashi Wangchuk", "Yu Wensheng"} <= names
        from datetime import date

        f = d.facts(d.resolve_case("Wang Quanzhang"), date(2018, 2, 3))
        assert f.days_disappeared.min == 940
        assert d.search("扎西")


def test_store_from_a_newer_version_is_refused(tmp_path):
    path = _copy("v1.db", tmp_path)
    with Dossier.open(path, "fixture") as d, d.store.write() as s:
        s.execute(
            text("UPDATE meta SET value = :v WHERE key = 'schema_version'"),
            {"v": str(SCHEMA_VERSION + 1)},
        )
    with pytest.raises(DossierError, match="newer Dossier"):
        Dossier.open(path, "fixture")


@pytest.mark.parametrize("fixture", ["v1.db", "v2.db"])
def test_schema_3_adds_the_timeline_fields_and_keeps_events(tmp_path, fixture):
    """Issue #11: the new optional event fields appear in old stores, old events keep
    every value and read the new fields as None, and new values are kept."""
    from dossier.core.facts import FACTS_VERSION
    from dossier.core.model import Event

    path = _copy(fixture, tmp_path)
    with Dossier.open(path, "fixture") as d:
        with d.store.read() as s:
            cols = {r[1] for r in s.execute(text("PRAGMA table_info(events)"))}
            assert {
                "reported",
                "outcome",
                "probation",
                "political_rights",
                "whereabouts",
                "last_confirmed",
                "court",
                "judge",
                "facility",
            } <= cols
        assert d.store.meta()["facts_version"] == str(FACTS_VERSION)
        cid = d.resolve_case("Wang Quanzhang")
        old = d.get_case(cid).events
        assert old and all(e.reported is None and e.outcome is None for e in old)
        d.add_event(
            cid,
            Event(
                type="verdict",
                date="2019-01-28",
                sentence="有期徒刑四年六个月，剥夺政治权利五年",
                reported="2019-01-28",
                court="Tianjin No. 2 Intermediate People's Court",
            ),
        )
    with Dossier.open(path, "fixture") as d:
        ev = [
            e for e in d.get_case(d.resolve_case("Wang Quanzhang")).events if e.type == "verdict"
        ][0]
        assert (ev.sentence, ev.political_rights, ev.reported) == ("P4Y6M", "P5Y", "2019-01-28")
        assert ev.court.startswith("Tianjin")


def test_facts_cache_of_an_older_shape_is_emptied(tmp_path):
    """A cache filled by an older derive() never reaches a list (facts_version in meta)."""
    path = _copy("v2.db", tmp_path)
    with Dossier.open(path, "fixture") as d:
        d.summaries()
        with d.store.write() as s:
            s.execute(text('UPDATE facts_cache SET data = \'{"status": "bogus"}\''))
            s.execute(text("UPDATE meta SET value = '1' WHERE key = 'facts_version'"))
    with Dossier.open(path, "fixture") as d:
        with d.store.read() as s:
            assert not s.execute(
                text("SELECT 1 FROM facts_cache WHERE data LIKE '%bogus%'")
            ).first()
        assert all(x.status != "bogus" for x in d.summaries())


@pytest.mark.parametrize("fixture", ["v1.db", "v2.db"])
def test_schema_5_adds_the_merged_ids_table(tmp_path, fixture):
    path = _copy(fixture, tmp_path)
    with Dossier.open(path, "fixture") as d:
        with d.store.read() as s:
            cols = {r[1] for r in s.execute(text("PRAGMA table_info(merged_ids)"))}
        assert cols == {"old_id", "new_id", "merged_at"}
        a, b = d.resolve_case("Liu Xia"), d.resolve_case("Yu Wensheng")
        from dossier.services import merging

        merging.merge_cases(d, a, b, choices={f: "A" for f in merging.CASE_FIELDS})
        assert merging.merged_ids(d) == {b: a}


@pytest.mark.parametrize("fixture", ["v1.db", "v2.db"])
def test_old_relations_gain_a_role_column_and_keep_their_links(tmp_path, fixture):
    """Schema 7: relations get `role` (empty on old rows); lawyers' roles then persist."""
    from dossier.services import people

    path = _copy(fixture, tmp_path)
    with Dossier.open(path, "fixture") as d:
        with d.store.read() as s:
            cols = {r[1] for r in s.execute(text("PRAGMA table_info(relations)"))}
        assert "role" in cols
        liu = d.resolve_case("Liu Xia")
        assert [r.role for r in d.get_case(liu).relations] == [None]
        wang = d.resolve_case("Wang Quanzhang")
        people.add_lawyer(d, wang, "A lawyer", "state_imposed")
    with Dossier.open(path, "fixture") as d:
        assert [(r.name, r.role) for r in d.get_case(wang).relations if r.relation == "lawyer"] == [
            ("A lawyer", "state_imposed")
        ]


def test_schema_4_step_is_safe_to_run_twice(tmp_path):
    from dossier.store.migrations import STEPS

    path = _copy("v2.db", tmp_path)
    with Dossier.open(path, "fixture") as d, d.store.write() as s:
        STEPS[max(STEPS)](s.connection())  # the column exists already: no error


@pytest.mark.parametrize("fixture", ["v1.db", "v2.db"])
def test_schema_9_maps_the_old_index_rows_so_edits_replace_them(tmp_path, fixture):
    """The index rows an old store already has get their map rows (rowid → case), so
    the next edit of a case removes them instead of leaving them beside the new ones."""
    from dossier.services import maintenance

    path = _copy(fixture, tmp_path)
    with Dossier.open(path, "fixture") as d:
        with d.store.read() as s:
            for index, rowmap, cols in (
                ("search_index", "search_rows", "case_id, kind, ref_id"),
                ("name_index", "name_rows", "case_id"),
            ):
                have = set(s.execute(text(f"SELECT rowid, {cols} FROM {index}")).all())
                mapped = set(s.execute(text(f"SELECT rid, {cols} FROM {rowmap}")).all())
                assert have and have == mapped
        liu = d.resolve_case("Liu Xia")
        old = d.get_case(liu)
        assert old.events
        old_rows = len(d.search("刘霞"))
        c = d.get_case(liu)
        c.summary = (c.summary or "") + " edited after the upgrade"
        d.update_case(c)
        ev = c.events[0]
        ev.note = "an event edited after the upgrade"
        d.update_event(ev)
        assert len(d.search("刘霞")) == old_rows  # no second name row
        assert sorted(h.kind for h in d.search("edited after the upgrade")) == ["event", "summary"]
        with d.store.read() as s:
            per_ref = s.execute(
                text(
                    "SELECT kind, ref_id, count(*) FROM search_index WHERE case_id = :c "
                    "GROUP BY kind, ref_id HAVING count(*) > 1"
                ),
                {"c": liu},
            ).all()
            assert per_ref == []
            assert (
                s.execute(
                    text("SELECT count(*) FROM name_index WHERE case_id = :c"), {"c": liu}
                ).scalar_one()
                == 1
            )
        assert maintenance.verify(d).search_index_ok


def test_schema_9_step_is_safe_to_run_twice(tmp_path):
    from dossier.store.migrations import _search_rows

    path = _copy("v2.db", tmp_path)
    with Dossier.open(path, "fixture") as d:
        with d.store.write() as s:
            _search_rows(s.connection())
            n = s.execute(text("SELECT count(*) FROM search_rows")).scalar_one()
            assert n == s.execute(text("SELECT count(*) FROM search_index")).scalar_one()


def _list_facts_table(d) -> dict:
    from dossier.core.facts import LIST_FACTS_COLUMNS, ListFacts

    with d.store.read() as s:
        rows = s.execute(
            text(f"SELECT case_id, as_of, {', '.join(LIST_FACTS_COLUMNS)} FROM list_facts")
        ).all()
    return {r[0]: (r[1], ListFacts.from_row(r[2:])) for r in rows}


def _fresh(d, day) -> dict:
    from dossier.core.timeline import list_facts

    out = {}
    for cid in d.all_case_ids():
        out[cid] = (day.isoformat(), list_facts(d.get_case(cid).events, day))
    return out


@pytest.mark.parametrize("fixture", ["v1.db", "v2.db"])
def test_schema_10_fills_the_list_facts_from_the_facts_cache(tmp_path, fixture):
    """Schema 10 (issue 13/14): the list's typed facts, filled in the migration from the
    facts cache a store kept (no re-derive at the first list), equal to a fresh derive."""
    from datetime import date

    path = _copy(fixture, tmp_path)
    today = date.today()
    with Dossier.open(path, "fixture") as d:
        d.ensure_facts(today)
        assert _list_facts_table(d) == _fresh(d, today)
        # Back to a schema 9 store with a full facts cache and no list_facts table.
        with d.store.write() as s:
            s.execute(text("DROP TABLE list_facts"))
            s.execute(text("UPDATE meta SET value = '9' WHERE key = 'schema_version'"))
    with Dossier.open(path, "fixture") as d:
        assert d.store.meta()["schema_version"] == str(SCHEMA_VERSION)
        assert _list_facts_table(d) == _fresh(d, today)
        with d.store.read() as s:  # nothing was stale: the cache was filled, not re-derived
            assert s.execute(text("SELECT count(*) FROM list_facts")).scalar_one() == len(
                d.all_case_ids()
            )
