"""People around a case (issue #11 item 7): lawyers with a role, links between cases."""

from __future__ import annotations

import pytest

from dossier.core.errors import NotFoundError, ValidationError
from dossier.core.model import Case
from dossier.services import people
from dossier.services.dossier import Dossier


@pytest.fixture
def d(tmp_path):
    with Dossier.create(tmp_path / "p.db", "pw") as dossier:
        yield dossier


def _case(d, name):
    return d.add_case(Case(name=name)).id


def test_link_is_made_both_ways_with_the_reciprocal(d):
    yu, xu = _case(d, "Yu Wensheng"), _case(d, "Xu Yan")
    made, before = people.link_cases(d, xu, yu, "spouse", note="detained together in 2023")
    assert [r.relation for r in made] == ["spouse", "spouse"]
    assert [(p.relation.other_case_id, p.other_name) for p in people.people(d, xu)] == [
        (yu, "Yu Wensheng")
    ]
    assert [(p.relation.other_case_id, p.other_name) for p in people.people(d, yu)] == [
        (xu, "Xu Yan")
    ]
    assert [c.relations for c in before] == [[], []]  # what undo puts back


def test_lawyer_client_reciprocal_and_one_way(d):
    wang, yu = _case(d, "Wang Quanzhang"), _case(d, "Yu Wensheng")
    people.link_cases(d, wang, yu, "lawyer")
    assert [r.relation for r in d.get_case(yu).relations] == ["client"]
    a, b = _case(d, "A"), _case(d, "B")
    people.link_cases(d, a, b, "colleague", both_ways=False)
    assert d.get_case(b).relations == []


def test_bad_links_leave_the_store_as_it_was(d):
    a, b = _case(d, "A"), _case(d, "B")
    gen = d.store.generation
    with pytest.raises(ValidationError, match="itself"):
        people.link_cases(d, a, a, "spouse")
    with pytest.raises(ValidationError, match="how the two are related"):
        people.link_cases(d, a, b, "  ")
    with pytest.raises(NotFoundError):
        people.link_cases(d, a, "00000000-0000-0000-0000-000000000000", "spouse")
    people.link_cases(d, a, b, "spouse")
    gen = d.store.generation
    with pytest.raises(ValidationError, match="already linked"):
        people.link_cases(d, b, a, "sibling")
    assert d.store.generation == gen
    people.unlink_cases(d, a, b)
    assert d.get_case(a).relations == d.get_case(b).relations == []
    with pytest.raises(NotFoundError, match="not linked"):
        people.unlink_cases(d, a, b)


def test_lawyers_roles_change_and_refuse_unknown_ones(d):
    c = _case(d, "Tashi Wangchuk")
    rel, _ = people.add_lawyer(d, c, "Liang Xiaojun", "family_appointed")
    people.add_lawyer(d, c, "Imposed Lawyer", "state_imposed")
    people.set_role(d, c, "imposed lawyer", "dismissed")
    rows = people.people(d, c)
    assert [(p.relation.name, p.relation.role, p.role_label) for p in rows] == [
        ("Imposed Lawyer", "dismissed", "Dismissed"),
        ("Liang Xiaojun", "family_appointed", "Appointed by the family"),
    ]
    with pytest.raises(ValidationError, match="lawyer role"):
        people.add_lawyer(d, c, "X", "hired")
    with pytest.raises(NotFoundError, match="nobody called"):
        people.set_role(d, c, "nobody", None)
    people.remove_relation(d, c, rel.id[:8])
    assert [p.relation.name for p in people.people(d, c)] == ["Imposed Lawyer"]


def test_a_relation_to_a_deleted_case_shows_no_name(d):
    a, b = _case(d, "A"), _case(d, "B")
    people.link_cases(d, a, b, "spouse")
    d.delete_case(b)
    assert [(p.relation.name, p.other_name) for p in people.people(d, a)] == [("B", None)]


def test_roles_travel_in_json_and_are_left_out_when_unset(d):
    from dossier.interchange.json_format import dumps, load

    c = _case(d, "Yu Wensheng")
    people.add_lawyer(d, c, "Lin Qilei", "disbarred")
    people.add_lawyer(d, c, "Someone", None)
    case = d.get_case(c)
    from dossier.interchange.json_format import Bundle

    text = dumps(Bundle(cases=[case], sources=[]))
    assert text.count(b'"role"') == 1
    back = load(text).cases[0]
    assert sorted((r.name, r.role) for r in back.relations) == [
        ("Lin Qilei", "disbarred"),
        ("Someone", None),
    ]
    with pytest.raises(ValidationError, match="role"):
        load(text.replace(b'"disbarred"', b'"hired"'))
