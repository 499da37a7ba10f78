"""Redaction by audience happens before layout and before derive()."""

from __future__ import annotations

import pytest

from dossier.briefing.redact import redact
from dossier.core.errors import UsageError
from dossier.core.model import Case, Event, Source
from tests.briefing import samples


def _by_id(cases):
    return {c.id: c for c in cases}


def test_public_audience_gets_public_records_only():
    cases, sources = redact(samples.cases(), samples.sources(), "public")
    assert "c-secret" not in _by_id(cases)
    assert set(sources) == {"src-letter", "src-pen", "src-protected"}
    wang = _by_id(cases)["c-wang-quanzhang"]
    assert all(e.sensitivity == "public" for e in wang.events)
    assert all(a.sensitivity == "public" for a in wang.asks)


def test_diplomatic_drops_confidential_and_anonymises_protected():
    cases, sources = redact(samples.cases(), samples.sources(), "diplomatic")
    assert "src-confidential" not in sources and "src-restricted" in sources
    prot = sources["src-protected"]
    assert prot.title == "" and prot.publisher is None and prot.attachments == []
    wang = _by_id(cases)["c-wang-quanzhang"]
    assert {e.sensitivity for e in wang.events} == {"public", "restricted"}
    assert all("src-confidential" not in e.source_ids for e in wang.events)


def test_internal_keeps_everything():
    cases, sources = redact(samples.cases(), samples.sources(), "internal")
    assert len(cases) == len(samples.cases())
    assert sources["src-protected"].title.startswith("Lawyer in Beijing")


def test_inputs_are_not_modified():
    original = samples.cases()
    before = [len(c.events) for c in original]
    redact(original, samples.sources(), "public")
    assert [len(c.events) for c in original] == before


def test_photo_follows_its_source():
    src = Source(
        id="s",
        sensitivity="restricted",
        attachments=[samples.sources()["src-letter"].attachments[0]],
    )
    case = Case(id="c", name="X", photo_attachment_id=samples.PHOTO_ID)
    cases, _ = redact([case], {"s": src}, "public")
    assert cases[0].photo_attachment_id is None
    cases, _ = redact([case], {"s": src}, "diplomatic")
    assert cases[0].photo_attachment_id == samples.PHOTO_ID


def test_unknown_sensitivity_fails_closed():
    case = Case(id="c", name="X", events=[Event(id="e", sensitivity="secret?", date="2017")])
    cases, _ = redact([case], {}, "internal")
    assert cases[0].events == []


def test_unknown_audience_is_a_usage_error():
    with pytest.raises(UsageError):
        redact([], {}, "press")


def test_derive_never_sees_hidden_events():
    """A confidential release must not end custody in a diplomatic packet's facts."""
    from datetime import date

    from dossier.core.timeline import derive

    case = Case(
        id="c",
        name="X",
        events=[
            Event(id="e1", type="detention", date="2017-01-01", seq=1),
            Event(id="e2", type="release", date="2017-06-01", seq=2, sensitivity="confidential"),
        ],
    )
    (visible,), _ = redact([case], {}, "diplomatic")
    assert derive(visible.events, date(2018, 1, 1)).status == "detained"
    (everything,), _ = redact([case], {}, "internal")
    assert derive(everything.events, date(2018, 1, 1)).status == "released"
