"""Full-text search finds names in any script, substrings, and two-character names."""

from __future__ import annotations

import pytest

from dossier.core.model import Case, Event, Name


@pytest.fixture
def d(dossier):
    dossier.add_case(
        Case(name="Wang Quanzhang", names=[Name("王全璋", "zh-Hans")], tags=["lawyers"])
    )
    dossier.add_case(Case(name="Liu Xia", names=[Name("刘霞", "zh-Hans")]))
    dossier.add_case(Case(name="Tashi Wangchuk", names=[Name("བཀྲ་ཤིས་དབང་ཕྱུག", "bo")]))
    c = dossier.add_case(Case(name="Ilham Tohti", names=[Name("ئىلھام توختى", "ug")]))
    dossier.add_event(
        c.id,
        Event(
            type="detention",
            date="2014-01-15",
            place="Ürümqi",
            note="taken from his home in Beijing",
        ),
    )
    return dossier


def names(d, q):
    hits = d.search(q)
    return {d.get_case(h.case_id).name for h in hits if h.case_id}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("王全璋", "Wang Quanzhang"),
        ("全璋", "Wang Quanzhang"),  # two characters: the fallback
        ("刘霞", "Liu Xia"),
        ("wang quan", "Wang Quanzhang"),
        ("QUANZHANG", "Wang Quanzhang"),
        ("ཤིས་དབང", "Tashi Wangchuk"),
        ("توختى", "Ilham Tohti"),
        ("urumqi", "Ilham Tohti"),  # diacritics folded, found in an event's place
        ("his home", "Ilham Tohti"),
        ("lawyers", "Wang Quanzhang"),
    ],
)
def test_search_any_script(d, query, expected):
    assert expected in names(d, query)


def test_search_is_specific(d):
    assert names(d, "刘霞") == {"Liu Xia"}
    assert names(d, "nobody-here") == set()


def test_search_handles_fts_syntax_literally(d):
    for q in ['"', "AND OR NOT", "wang*", "(", "a:b", "%", "_", "\\"]:
        d.search(q)  # never raises


def test_index_follows_edits(d):
    cid = d.resolve_case("Liu Xia")
    c = d.get_case(cid)
    c.name = "Liu Xia (renamed)"
    d.update_case(c)
    assert "Liu Xia (renamed)" in names(d, "renamed")
    d.delete_case(cid)
    assert names(d, "刘霞") == set()
