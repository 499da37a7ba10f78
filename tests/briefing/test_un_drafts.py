"""UN communication drafts (issue #15, item 4): each mechanism's required elements,
filled from the case where it says them and listed as missing where it does not."""

from __future__ import annotations

import subprocess
from datetime import date

from dossier.briefing.redact import redact
from dossier.briefing.un import DraftOptions, build_draft, draft_pdf, draft_text
from dossier.core.timeline import derive
from tests.briefing import samples
from tests.briefing.conftest import pdftotext

AS_OF = date(2018, 2, 20)
FULL = DraftOptions(
    organisation="Example NGO, Geneva",
    family_steps="Wife petitioned the Tianjin police and procuratorate; no answer.",
    remedies="Complaint to the Supreme People's Procuratorate; no reply.",
    categories=("II", "III"),
)


def _case(case_id: str, audience: str = "diplomatic"):
    cases, sources = redact(samples.cases(), samples.sources(), audience)
    case = next(c for c in cases if c.id == case_id)
    return case, derive(case.events, AS_OF), sources


def _missing(d) -> list[str]:
    return [e.label for e in d.checklist() if e.missing]


def test_wgeid_six_elements_for_gui_minhai():
    case, facts, sources = _case("c-gui-minhai")
    d = build_draft("wgeid", case, facts, sources, DraftOptions())
    labels = [e.label for e in d.checklist()]
    for element in (
        "Full name",
        "Date of disappearance (at least month and year)",
        "Place of arrest or abduction, or where last seen",
        "Forces (State or State-supported) believed responsible",
        "Steps taken by the family or others to locate the person "
        "(inquiries, complaints, habeas corpus…)",
        "Person or organisation submitting (name and address)",
        "The family's consent to this submission",
    ):
        assert element in labels
    # the current disappearance: 20 Jan 2018, no place or forces recorded on that event
    text = draft_text(d)
    assert "Date of disappearance (at least month and year): 20 Jan 2018" in text
    assert set(_missing(d)) >= {
        "Person or organisation submitting (name and address)",
        "The family's consent to this submission",
    }
    done = build_draft("wgeid", case, facts, sources, FULL, consent="given")
    assert "Person or organisation submitting (name and address)" not in _missing(done)
    assert "The family's consent to this submission" not in _missing(done)


def test_a_year_only_date_is_not_enough_for_wgeid():
    case, _facts, sources = _case("c-gui-minhai")
    case.events = [e for e in case.events if e.seq == 1]
    case.events[0].date = "2015"
    d = build_draft("wgeid", case, derive(case.events, AS_OF), sources, FULL, "given")
    assert _missing(d) == [
        "Date of disappearance (at least month and year)",
        "Forces (State or State-supported) believed responsible",
    ]
    assert "does not give the month" in draft_text(d)


def test_wgad_questionnaire_for_wang_quanzhang():
    case, facts, sources = _case("c-wang-quanzhang")
    d = build_draft("wgad", case, facts, sources, FULL)
    text = draft_text(d)
    assert "Date of arrest: 9 Jul 2015" in text and "Place of arrest: Beijing" in text
    assert "Subversion of state power (颠覆国家政权罪, Criminal Law of the PRC)" in text
    assert "Tianjin Public Security Bureau" in text  # ordered the RSDL
    # category III is supported by the alerts on record, category II by the charge
    assert "No access to a lawyer" in text or "incommunicado" in text
    assert "charged with Subversion of state power" in text
    assert "Forces who carried out the arrest" in _missing(d)  # not recorded: stays red
    for label in (
        "Internal steps and domestic remedies tried, and their results",
        "Categories claimed",
    ):
        assert label not in _missing(d)


def test_urgent_appeal_suggests_mandates_and_keeps_confidential_out():
    case, facts, sources = _case("c-wang-quanzhang")
    d = build_draft("ua", case, facts, sources, DraftOptions(organisation="Example NGO"))
    text = draft_text(d)
    assert "Working Group on Arbitrary Detention" in text
    assert "Special Rapporteur on the independence of judges and lawyers" in text
    assert samples.CONFIDENTIAL not in text  # diplomatic redaction: never by default
    assert samples.PROTECTED not in text
    case_all, facts_all, sources_all = _case("c-wang-quanzhang", "internal")
    assert samples.CONFIDENTIAL in draft_text(
        build_draft("ua", case_all, facts_all, sources_all, DraftOptions())
    )


def test_pdf_has_the_checklist_and_every_element(tmp_path):
    case, facts, sources = _case("c-wang-quanzhang")
    d = build_draft("wgad", case, facts, sources, FULL)
    path = tmp_path / "wgad.pdf"
    path.write_bytes(draft_pdf(d))
    t = " ".join(pdftotext(path).split())
    assert "Checklist of required elements" in t and "MISSING: Forces who carried out" in t
    for e in d.checklist():
        assert " ".join(e.label.split()) in t
    assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0
