"""Use cases through the services: edits with their undo values, history, filters."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.core.errors import NotFoundError, ValidationError
from dossier.core.model import Ask, Case, Event, Name, Source


def test_event_edit_returns_before_and_undo_restores(dossier):
    c = dossier.add_case(Case(name="Yu Wensheng", names=[Name("余文生", "zh-Hans")]))
    e = dossier.add_event(c.id, Event(type="detention", date="2018-01-19", place="Beijing"))
    assert dossier.facts(c.id, date(2018, 2, 1)).status == "detained"
    changed = Event(**{**e.__dict__, "type": "rsdl", "place": "Xuzhou"})
    before = dossier.update_event(changed)
    assert before.type == "detention" and before.place == "Beijing"
    assert dossier.get_case(c.id).events[0].place == "Xuzhou"
    dossier.update_event(before)  # undo
    assert dossier.get_case(c.id).events[0].place == "Beijing"
    gone = dossier.delete_event(e.id)
    assert dossier.get_case(c.id).events == []
    dossier.restore_event(gone)
    assert dossier.get_case(c.id).events[0].id == e.id


def test_delete_case_and_restore_keeps_everything(dossier):
    src = dossier.add_source(Source(title="Letter"))
    c = dossier.add_case(
        Case(name="Gui Minhai", tags=["publishers"], asks=[Ask(text="Release him")])
    )
    dossier.add_event(c.id, Event(type="disappearance", date="2015-10", source_ids=[src.id]))
    whole = dossier.delete_case(c.id)
    with pytest.raises(NotFoundError):
        dossier.get_case(c.id)
    dossier.restore_case(whole)
    back = dossier.get_case(c.id)
    assert back.tags == ["publishers"] and back.asks[0].text == "Release him"
    assert back.events[0].source_ids == [src.id]


def test_summaries_filters_and_cache_follow_edits(dossier):
    a = dossier.add_case(Case(name="A", tags=["lawyers"]))
    b = dossier.add_case(Case(name="B"))
    dossier.add_event(a.id, Event(type="rsdl", date="2015-08-01"))
    dossier.add_event(b.id, Event(type="release", date="2016-01-01"))
    assert [s.name for s in dossier.summaries(status="rsdl")] == ["A"]
    assert [s.name for s in dossier.summaries(tag="lawyers")] == ["A"]
    assert [s.name for s in dossier.summaries(alert="rsdl_over_limit")] == ["A"]
    old = {s.name: s for s in dossier.summaries(as_of=date(2015, 9, 1))}
    assert old["A"].facts["alerts"] == [] and old["B"].status == "unknown"
    dossier.add_event(a.id, Event(type="release", date="2016-02-02"))
    assert [s.name for s in dossier.summaries(status="released")] == ["A", "B"]


def test_invalid_input_leaves_store_as_it_was(dossier):
    c = dossier.add_case(Case(name="X"))
    counter = dossier.store.meta()["commit_counter"]
    for bad in (
        Event(type="detention", date="2015-02-30"),
        Event(type="nonsense", date="2015"),
        Event(type="verdict", date="2015", sentence="a long time"),
        Event(type="detention", date="2016", end="2015"),
        Event(type="detention", date="2016", source_ids=["0" * 36]),
    ):
        with pytest.raises((ValidationError, NotFoundError)):
            dossier.add_event(c.id, bad)
    with pytest.raises(ValidationError):
        dossier.add_case(Case(name="  "))
    assert dossier.store.meta()["commit_counter"] == counter
    assert dossier.get_case(c.id).events == []


def test_resolve_case(dossier):
    a = dossier.add_case(Case(name="Same"))
    dossier.add_case(Case(name="Same"))
    assert dossier.resolve_case(a.id) == a.id
    assert dossier.resolve_case(a.id[:8]) == a.id
    with pytest.raises(NotFoundError, match="2 cases"):
        dossier.resolve_case("Same")
    with pytest.raises(NotFoundError):
        dossier.resolve_case("Nobody")


def test_attachments_are_hashed_and_read_back(dossier, tmp_path):
    f = tmp_path / "letter.pdf"
    payload = bytes(range(256)) * 9000  # > 2 chunks
    f.write_bytes(payload)
    src = dossier.add_source(Source(title="Letter"), files=[f])
    att = src.attachments[0]
    import hashlib

    assert att.sha256 == hashlib.sha256(payload).hexdigest() and att.size == len(payload)
    assert dossier.attachment_bytes(att.id) == payload
    from dossier.services.maintenance import verify

    assert verify(dossier).ok


def test_history_records_changes(dossier):
    c = dossier.add_case(Case(name="H"))
    dossier.add_event(c.id, Event(type="detention", date="2020-02-15"))
    actions = [(h.record_type, h.action) for h in dossier.history(c.id)]
    assert ("event", "create") in actions and ("case", "create") in actions


def test_source_and_attachment_delete_restore(dossier, tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"evidence")
    src = dossier.add_source(Source(title="Notice"), files=[f])
    with pytest.raises(ValidationError, match="attachments"):
        dossier.delete_source(src.id)
    att, data = dossier.delete_attachment(src.attachments[0].id)
    assert dossier.get_source(src.id).attachments == []
    dossier.restore_attachment(att, data)
    assert dossier.attachment_bytes(att.id) == b"evidence"
    plain = dossier.add_source(Source(title="Unused"))
    c = dossier.add_case(Case(name="C"))
    dossier.add_event(c.id, Event(type="detention", date="2020", source_ids=[src.id]))
    with pytest.raises(ValidationError, match="cited"):
        dossier.delete_source(src.id)
    gone = dossier.delete_source(plain.id)
    assert plain.id not in dossier.sources()
    dossier.restore_source(gone)
    assert dossier.get_source(plain.id).title == "Unused"
    assert dossier.get_event(dossier.get_case(c.id).events[0].id).type == "detention"


def test_known_on_in_summaries_facts_list_rows_and_briefing(dossier, monkeypatch, tmp_path):
    """Issue #11: what was known (reported) on a day — Rahile Dawut's 2018 verdict was
    made public on 21 Sep 2023 (RFA, "Life sentence for Uyghur scholar Rahile Dawut
    confirmed by US group", 21 Sep 2023)."""
    import dossier.services.briefing as briefing_mod

    c = dossier.add_case(Case(name="Rahile Dawut"))
    dossier.add_event(c.id, Event(type="disappearance", date="2017-12"))
    dossier.add_event(
        c.id, Event(type="verdict", date="2018-12", sentence="life", reported="2023-09-21")
    )
    day, known = date(2019, 12, 31), date(2019, 12, 31)
    assert dossier.facts(c.id, day).stage == "sentenced"
    assert dossier.facts(c.id, day, known).stage == "disappeared"
    [s] = dossier.summaries([c.id], as_of=day, known_on=known)
    assert (s.stage, s.facts["known_on"]) == ("disappeared", "2019-12-31")
    assert dossier.summaries(as_of=day, stage="sentenced") and not dossier.summaries(
        as_of=day, known_on=known, stage="sentenced"
    )
    rows = dossier.list_rows(as_of=day, known_on=known, case_ids=[c.id])
    assert [r.stage for r in rows] == ["disappeared"]
    seen = {}

    def fake_build(cases, sources, options, out_path, **kw):
        seen["types"] = [e.type for e in cases[0].events]
        seen["known_on"] = options.known_on
        raise RuntimeError("stop")

    monkeypatch.setattr(briefing_mod, "build_packet", fake_build)
    with pytest.raises(RuntimeError):
        briefing_mod.make_briefing(dossier, tmp_path / "b.pdf", [c.id], as_of=day, known_on=known)
    assert seen == {"types": ["disappearance"], "known_on": known}


def test_court_judge_and_facility_are_searchable(dossier):
    c = dossier.add_case(Case(name="Wang Quanzhang"))
    dossier.add_event(
        c.id,
        Event(
            type="verdict",
            date="2019-01-28",
            sentence="P4Y6M",
            court="天津市第二中级人民法院",
            facility="Linyi Prison",
        ),
    )
    assert {h.case_id for h in dossier.search("Linyi")} == {c.id}
    assert {h.case_id for h in dossier.search("第二中级人民法院")} == {c.id}
