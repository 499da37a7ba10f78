"""Issue #12 (low): a contact not verified in person overwrote records.

A share carries, per record, the hashes of the versions its sender says it built on.
Anyone who has seen a version of my record -- a colleague I once shared it with, or
whoever got a copy from them -- can compute that hash and claim it: before the fix,
their change to my record was taken as "updated" (changed on their side only), no
question asked. Now only a contact verified in person (or I) can update a record that
way; anyone else's change is a conflict for review, and my record stays as it was
unless the researcher takes theirs.
"""

from __future__ import annotations

import pytest

from dossier.core.model import Case, Event
from dossier.services import sharing
from dossier.share.merge import UNVERIFIED_NOTE, Resolution
from tests.share.helpers import PASS_A, PASS_B, exchange, researcher

pytestmark = pytest.mark.attack  # kept by `make test-reliability`


def _round(tmp_path, verified: bool):
    """Alice shares a case with Mallory; Mallory changes the release into an imprisonment
    and the summary, and sends it back claiming Alice's version as its ancestor."""
    alice = researcher(tmp_path / "a", "alice", PASS_A)
    mallory = researcher(tmp_path / "m", "mallory", PASS_B)
    exchange(alice, mallory, verified=verified)
    case = alice.d.add_case(Case(name="Example Person (fictional)", summary="Released."))
    ev = alice.d.add_event(case.id, Event(type="release", date="2020-05-13"))
    sharing.export_share(alice.d, tmp_path / "to-m.age", [case.id], to=["mallory"])
    sharing.import_share(mallory.d, tmp_path / "to-m.age")
    doctored = mallory.d.get_case(case.id)
    doctored.summary = "Never released."
    mallory.d.update_case(doctored)
    changed = mallory.d.get_event(ev.id)
    changed.type = "imprisonment"
    mallory.d.update_event(changed)
    sharing.export_share(mallory.d, tmp_path / "back.age", [case.id], to=["alice"])
    return alice, mallory, case, ev


def test_an_unverified_contact_cannot_overwrite_without_review(tmp_path, figures):
    alice, mallory, case, ev = _round(tmp_path, verified=False)
    pending = sharing.preview_share(alice.d, tmp_path / "back.age")
    conflicts = pending.preview.conflicts
    assert {(c.kind, c.id) for c in conflicts} == {("case", case.id), ("event", ev.id)}
    assert all(c.note == UNVERIFIED_NOTE for c in conflicts)
    assert pending.preview.to_json()["changed"]["cases"] == 0
    rep = sharing.apply_share(alice.d, pending)  # default: keep both
    assert rep.to_json()["updated"]["cases"] == 0 and rep.to_json()["updated"]["events"] == 0
    assert alice.d.get_case(case.id).summary == "Released."
    assert alice.d.get_event(ev.id).type == "release"
    figures("unverified overwrite", attacks=1, refused=1)
    alice.d.close()
    mallory.d.close()


def test_the_researcher_may_still_take_theirs(tmp_path):
    alice, mallory, case, ev = _round(tmp_path, verified=False)
    pending = sharing.preview_share(alice.d, tmp_path / "back.age")
    sharing.apply_share(
        alice.d, pending, {c.key: Resolution.THEIRS for c in pending.preview.conflicts}
    )
    assert alice.d.get_event(ev.id).type == "imprisonment"
    alice.d.close()
    mallory.d.close()


def test_a_verified_contacts_change_is_still_an_update(tmp_path):
    alice, mallory, case, ev = _round(tmp_path, verified=True)
    rep = sharing.import_share(alice.d, tmp_path / "back.age")
    assert rep.to_json()["updated"]["cases"] == 1 and rep.conflicts == []
    assert alice.d.get_case(case.id).summary == "Never released."
    alice.d.close()
    mallory.d.close()
