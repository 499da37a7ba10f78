"""Issue #17 item 12: after two cases are merged, a colleague's later share that still
names either old id lands in the surviving case (share/merge.follow_merges)."""

from __future__ import annotations

from dossier.core.model import Case, Event
from dossier.services import merging, sharing
from dossier.share.merge import follow_merges
from dossier.share.units import Units

from .helpers import add_sample


def test_a_later_share_follows_the_merge(pair, tmp_path):
    a, b = pair
    ids = add_sample(a.d, tmp_path / "files")
    sharing.export_share(a.d, tmp_path / "1.age", [ids["wang"]], to=["bob"])
    bobs = b.d.add_case(Case(name="Wang Quan-zhang", tags=["709"]))
    b.d.add_event(bobs.id, Event(type="trial", date="2018-12-26", place="Tianjin"))
    rep = sharing.import_share(b.d, tmp_path / "1.age")
    assert [d.local_id for d in rep.duplicates] == [bobs.id]
    # Bob keeps his own case and folds Alice's copy into it
    merging.merge_cases(b.d, bobs.id, ids["wang"], {"name": "A"})
    n_cases = b.d.case_count()
    # Alice edits an event Bob now holds under his case, and adds one
    ev = a.d.get_case(ids["wang"]).events[0]
    ev.note = "taken at night from his home"
    a.d.update_event(ev)
    a.d.add_event(ids["wang"], Event(type="verdict", date="2019-01-28", sentence="P4Y6M"))
    sharing.export_share(a.d, tmp_path / "2.age", [ids["wang"]], to=["bob"])
    rep = sharing.import_share(b.d, tmp_path / "2.age")
    assert rep.conflicts == [] and rep.duplicates == []
    assert b.d.case_count() == n_cases  # no copy of the merged-away case came back
    mine = b.d.get_case(bobs.id)
    assert {e.type for e in mine.events} >= {"disappearance", "trial", "verdict"}
    assert next(e for e in mine.events if e.id == ev.id).note == "taken at night from his home"
    assert mine.name == "Wang Quan-zhang"


def test_follow_merges_keeps_the_survivor_and_moves_children():
    old = Case(id="old", name="Wang Quanzhang")
    keep = Case(id="keep", name="Wang Quan-zhang")
    e = Event(case_id="old", type="trial", date="2018-12-26")
    old.events = [e]
    units, anc = follow_merges(
        Units.of_bundle([old, keep], [], []), {"old": {"h1"}, "keep": {"h2"}}, {"old": "keep"}
    )
    assert set(units.by_id) == {"keep", e.id}
    assert units.by_id["keep"].name == "Wang Quan-zhang" and units.by_id[e.id].case_id == "keep"
    assert anc["keep"] == {"h1", "h2"} and e.case_id == "old"  # the input is not changed
    same, anc2 = follow_merges(Units.of_bundle([keep], [], []), {"keep": {"h"}}, {"old": "keep"})
    assert set(same.by_id) == {"keep"} and anc2 == {"keep": {"h"}}
