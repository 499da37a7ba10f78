"""What each UN mechanism asks for, filled from a case: the drafts' content, no layout.

Researchers retype the same facts into three places; this module reads them once from
the case (events, derived facts, sources already redacted for the audience) and lays
them out as each mechanism's own list of elements, every element marked required or
not and filled or missing, so the draft can open with a checklist.

The element lists follow the mechanisms' own published requirements (see
`docs/un-drafts.md` for the sources and the date they were checked):

* WGEID — the six minimum elements of a case: identity; date of disappearance (at
  least month and year); place of arrest, abduction or last sighting; forces believed
  responsible; steps taken by the family or others to locate the person; the
  submitting person or organisation (kept confidential on request). Cases come from
  relatives or from organisations acting with their prior consent.
* WGAD — the model questionnaire: identity; arrest (date, place, forces, warrant shown,
  authority that issued it, reasons imputed, legal basis); detention (date, duration,
  forces holding the person, places including transfers, authority that ordered it,
  reasons, legal basis); why it is arbitrary (categories I–V, with the facts that
  support each); domestic remedies tried; the submitter.
* Special Procedures communication (urgent appeal) — the alleged victim; the alleged
  perpetrators; the submitter (kept confidential); date and place; a detailed account;
  and the mandates it concerns.

Nothing is guessed: a value comes from a named field or event, or the element stays
missing (red) until the researcher fills it in the options.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dossier.core.dates import format_day, try_parse_edtf
from dossier.core.facts import CaseFacts
from dossier.core.model import Case, Event, Source
from dossier.core.phrases import alert_sentence, stage_label, whereabouts_label
from dossier.core.sentence import describe_sentence
from dossier.core.timeline import STATUS_OF_TYPE
from dossier.core.vocab import CHARGES, CUSTODY_STATUSES, EVENT_TYPES

MECHANISMS = {
    "wgeid": "Working Group on Enforced or Involuntary Disappearances",
    "wgad": "Working Group on Arbitrary Detention",
    "ua": "Special Procedures — urgent appeal / communication",
}
WGAD_CATEGORIES = {
    "I": "Category I — no legal basis can be invoked for the deprivation of liberty",
    "II": "Category II — deprivation of liberty for exercising rights and freedoms "
    "(UDHR arts. 7, 13, 14, 18–21; ICCPR arts. 12, 18, 19, 21, 22, 25–27)",
    "III": "Category III — total or partial non-observance of the international norms "
    "of a fair trial",
    "IV": "Category IV — prolonged administrative custody of asylum seekers, migrants "
    "or refugees without review",
    "V": "Category V — discrimination (birth, national, ethnic or social origin, "
    "language, religion, opinion, gender, sexual orientation, disability…)",
}
# Thematic mandates a communication may concern, by id.
MANDATES = {
    "wgad": "Working Group on Arbitrary Detention",
    "wgeid": "Working Group on Enforced or Involuntary Disappearances",
    "hrd": "Special Rapporteur on the situation of human rights defenders",
    "expression": "Special Rapporteur on the promotion and protection of the right to "
    "freedom of opinion and expression",
    "torture": "Special Rapporteur on torture and other cruel, inhuman or degrading "
    "treatment or punishment",
    "judges": "Special Rapporteur on the independence of judges and lawyers",
    "health": "Special Rapporteur on the right of everyone to the enjoyment of the "
    "highest attainable standard of physical and mental health",
    "minorities": "Special Rapporteur on minority issues",
    "religion": "Special Rapporteur on freedom of religion or belief",
}
# Charges that punish speech, writing or association: the facts behind category II.
_EXPRESSION_CHARGES = frozenset(
    {
        "inciting_subversion",
        "inciting_separatism",
        "subversion",
        "separatism",
        "picking_quarrels",
        "gathering_crowd",
    }
)
_CUSTODY = frozenset(str(s) for s in CUSTODY_STATUSES)


@dataclass
class DraftOptions:
    """What the case cannot say and the researcher must: who submits, what the family
    did, which categories and mandates. Remembered per store by the service."""

    organisation: str = ""  # the submitting organisation (name and contact)
    confidential_submitter: bool = True  # ask the mechanism to keep the source's identity
    family_steps: str = ""  # steps by relatives or others to locate the person
    remedies: str = ""  # domestic remedies tried (WGAD)
    warrant: str = ""  # whether a warrant was shown, and by whom issued (WGAD)
    categories: tuple[str, ...] = ()  # WGAD categories claimed, e.g. ("II", "III")
    mandates: tuple[str, ...] = ()  # extra mandates for a communication
    account: str = ""  # the detailed account, if not the case summary


@dataclass
class Element:
    label: str
    value: str
    required: bool = True
    note: str = ""  # where the value came from, or what to do

    @property
    def missing(self) -> bool:
        return self.required and not self.value.strip()


@dataclass
class Section:
    title: str
    elements: list[Element] = field(default_factory=list)


@dataclass
class Draft:
    mechanism: str
    case_name: str
    as_of: date
    sections: list[Section]
    consent: str | None  # the family's consent as recorded on the case

    def checklist(self) -> list[Element]:
        return [e for s in self.sections for e in s.elements if e.required]

    @property
    def complete(self) -> bool:
        return not any(e.missing for e in self.checklist())


# --- reading the case -------------------------------------------------------------


def _status(e: Event) -> str | None:
    return STATUS_OF_TYPE.get(e.type)


def _ordered(case: Case, as_of: date) -> list[Event]:
    def key(e: Event):
        r = try_parse_edtf(e.date)
        return (r.earliest if r else date.max, e.seq)

    return [
        e
        for e in sorted(case.events, key=key)
        if (r := try_parse_edtf(e.date)) is not None and r.earliest <= as_of
    ]


def _custody_run(events: list[Event]) -> list[Event]:
    """The events of the last run of custody (status events in custody statuses), with
    the non-status events that fall inside it."""
    start = end = None
    for i, e in enumerate(events):
        st = _status(e)
        if st is None:
            continue
        if st in _CUSTODY:
            if start is None or end is not None:
                start, end = i, None
        elif start is not None and end is None:
            end = i
    if start is None:
        return []
    return events[start:end]


def _day_text(edtf: str | None) -> str:
    r = try_parse_edtf(edtf) if edtf else None
    if r is None:
        return ""
    if r.exact:
        return format_day(r.earliest)
    return f"{edtf} ({format_day(r.earliest)} – {format_day(r.latest)})"


def _month_known(edtf: str | None) -> bool:
    r = try_parse_edtf(edtf) if edtf else None
    return r is not None and (r.latest - r.earliest).days <= 31


def _identity(case: Case) -> Section:
    names = "; ".join(f"{n.value} ({n.lang})" for n in case.names)
    return Section(
        "Identity of the person concerned",
        [
            Element("Full name", case.name),
            Element("Names in other scripts", names, required=False),
            Element("Sex", case.gender or "", required=False),
            Element("Year of birth", case.birth_year or "", required=False),
            Element("Nationality", case.nationality or "", required=False),
            Element("Profession or activity", case.occupation or "", required=False),
        ],
    )


def _submitter(opts: DraftOptions) -> Section:
    conf = (
        "The submitting organisation asks that its identity be kept confidential."
        if opts.confidential_submitter
        else "The submitting organisation may be named."
    )
    return Section(
        "Submitted by",
        [
            Element(
                "Person or organisation submitting (name and address)",
                opts.organisation,
                note="set it in the draft options",
            ),
            Element("Confidentiality", conf, required=False),
        ],
    )


def _charges(events: list[Event]) -> str:
    seen: list[str] = []
    for e in events:
        for c in e.charges:
            if c not in seen:
                seen.append(c)
    return "; ".join(
        f"{CHARGES[c].en} ({CHARGES[c].zh}, Criminal Law of the PRC)" if c in CHARGES else c
        for c in seen
    )


def _measures(events: list[Event]) -> str:
    out = []
    for e in events:
        if _status(e) in _CUSTODY or e.type in ("indictment", "trial", "verdict", "appeal"):
            what = EVENT_TYPES[e.type].en if e.type in EVENT_TYPES else e.type
            if e.sentence:
                what += f" ({describe_sentence(e.sentence)})"
            by = f", by {e.authority}" if e.authority else ""
            out.append(f"{_day_text(e.date)}: {what}{by}")
    return "\n".join(out)


def _places(events: list[Event]) -> str:
    out = []
    for e in events:
        where = getattr(e, "facility", None) or e.place
        if where and _status(e) in _CUSTODY:
            line = f"{_day_text(e.date)}: {where}"
            if not out or not out[-1].endswith(where):
                out.append(line)
    return "\n".join(out)


def _source_line(s: Source) -> str:
    bits = [s.title, s.publisher or "", s.date or "", s.url or ""]
    return ", ".join(b for b in bits if b)


def _account(
    case: Case, events: list[Event], sources: dict[str, Source], opts: DraftOptions
) -> str:
    lines = [opts.account.strip() or (case.summary or "").strip()]
    for e in events:
        what = EVENT_TYPES[e.type].en if e.type in EVENT_TYPES else e.type
        bits = [f"{_day_text(e.date)} — {what}"]
        if e.place:
            bits.append(f"in {e.place}")
        if e.authority:
            bits.append(f"({e.authority})")
        text = " ".join(bits)
        if e.note:
            text += f": {e.note}"
        cited = [sources[s] for s in e.source_ids if s in sources]
        if cited:
            text += " [Source: " + "; ".join(_source_line(s) for s in cited) + "]"
        lines.append(text)
    return "\n".join(x for x in lines if x)


# --- the three drafts -----------------------------------------------------------


def build_draft(
    mechanism: str,
    case: Case,
    facts: CaseFacts,
    sources: dict[str, Source],
    opts: DraftOptions,
    consent: str | None = None,
) -> Draft:
    """The draft for `mechanism` ("wgeid", "wgad", "ua") from a redacted case."""
    events = _ordered(case, facts.as_of)
    run = _custody_run(events)
    first = run[0] if run else None
    builders = {"wgeid": _wgeid, "wgad": _wgad, "ua": _ua}
    if mechanism not in builders:
        raise ValueError(mechanism)
    sections = builders[mechanism](case, facts, events, run, first, sources, opts)
    consent_el = Element(
        "The family's consent to this submission",
        "given" if consent == "given" else "",
        required=mechanism == "wgeid",
        note="record it on the case once the family has agreed (the draft dialog's "
        "Family's consent, or `un-draft --consent given`)",
    )
    sections.append(Section("Consent", [consent_el]))
    return Draft(mechanism, case.name, facts.as_of, sections, consent)


def _wgeid(case, facts, events, run, first, sources, opts) -> list[Section]:
    disappeared = next((e for e in run if e.type == "disappearance"), first)
    date_ok = disappeared is not None and _month_known(disappeared.date)
    when = _day_text(disappeared.date) if disappeared else ""
    steps_seen = "\n".join(
        f"{_day_text(e.date)} — {EVENT_TYPES[e.type].en}: {e.note or ''}".rstrip(": ")
        for e in events
        if e.type
        in (
            "lawyer_denied",
            "family_visit_denied",
            "consular_visit_denied",
            "advocacy",
            "un_action",
        )
    )
    return [
        _identity(case),
        Section(
            "The disappearance",
            [
                Element(
                    "Date of disappearance (at least month and year)",
                    when if date_ok else "",
                    note=""
                    if date_ok
                    else f"the recorded date ({when or 'none'}) does not give the month",
                ),
                Element(
                    "Place of arrest or abduction, or where last seen",
                    disappeared.place or "" if disappeared else "",
                ),
                Element(
                    "Forces (State or State-supported) believed responsible",
                    disappeared.authority or "" if disappeared else "",
                    note="full names of institutions",
                ),
                Element("Legal stage", stage_label(facts.stage), required=False),
                Element(
                    "Whereabouts",
                    whereabouts_label(facts.whereabouts) if facts.whereabouts else "",
                    required=False,
                ),
            ],
        ),
        Section(
            "Steps taken",
            [
                Element(
                    "Steps taken by the family or others to locate the person "
                    "(inquiries, complaints, habeas corpus…)",
                    opts.family_steps,
                    note="recorded on the timeline:\n" + steps_seen if steps_seen else "",
                ),
            ],
        ),
        _submitter(opts),
    ]


def _wgad(case, facts, events, run, first, sources, opts) -> list[Section]:
    holding = next(
        (e.authority for e in reversed(run) if e.authority and _status(e) in _CUSTODY), ""
    )
    ordering = "; ".join(
        dict.fromkeys(
            e.authority
            for e in run
            if e.authority
            and e.type
            in ("rsdl", "arrest", "detention", "indictment", "verdict", "administrative_detention")
        )
    )
    days = facts.days_in_custody
    duration = (
        ""
        if days is None
        else f"{days.min:,} days"
        if days.min == days.max
        else f"{days.min:,}–{days.max:,} days"
    )
    return [
        _identity(case),
        Section(
            "Arrest",
            [
                Element("Date of arrest", _day_text(first.date) if first else ""),
                Element("Place of arrest", (first.place or "") if first else ""),
                Element(
                    "Forces who carried out the arrest", (first.authority or "") if first else ""
                ),
                Element(
                    "Was a warrant or decision shown? Authority that issued it",
                    opts.warrant,
                    required=False,
                    note="set it in the draft options if known",
                ),
                Element(
                    "Reasons for the arrest given by the authorities", _charges(run), required=False
                ),
                Element("Legal basis (legislation applied)", _charges(run)),
            ],
        ),
        Section(
            "Detention",
            [
                Element("Date detention began", _day_text(first.date) if first else ""),
                Element(
                    "Duration so far (as of " + format_day(facts.as_of) + ")",
                    duration,
                    required=False,
                ),
                Element("Forces holding the person", holding, required=False),
                Element("Places of detention (with transfers; present place last)", _places(run)),
                Element("Authorities that ordered the detention", ordering, required=False),
                Element("Measures and proceedings", _measures(run), required=False),
            ],
        ),
        Section("Why the deprivation of liberty is arbitrary", _categories(facts, run, opts)),
        Section(
            "Domestic remedies",
            [
                Element(
                    "Internal steps and domestic remedies tried, and their results",
                    opts.remedies,
                    note="set it in the draft options",
                ),
            ],
        ),
        _submitter(opts),
    ]


def _categories(facts: CaseFacts, run: list[Event], opts: DraftOptions) -> list[Element]:
    """The categories claimed, each with the facts on record that support it."""
    support: dict[str, list[str]] = {k: [] for k in WGAD_CATEGORIES}
    charges = {c for e in run for c in e.charges}
    for c in sorted(charges & _EXPRESSION_CHARGES):
        support["II"].append(f"charged with {CHARGES[c].en}")
    for a in facts.alerts:
        if a.rule in (
            "disappeared_over_limit",
            "no_lawyer_access",
            "rsdl_over_limit",
            "detention_over_limit",
        ):
            support["III"].append(alert_sentence(a, with_basis=True))
        if (
            a.rule == "release_due"
            and facts.expected_release
            and facts.expected_release.date < facts.as_of
        ):
            support["I"].append("held past the expected end of the sentence")
    out = [
        Element(
            "Categories claimed",
            ", ".join(opts.categories),
            note="choose at least one; the facts below support: "
            + (", ".join(k for k, v in support.items() if v) or "none recorded"),
        )
    ]
    for k in opts.categories:
        facts_text = "\n".join(support.get(k, [])) or ""
        out.append(
            Element(
                WGAD_CATEGORIES.get(k, k),
                facts_text,
                note=""
                if facts_text
                else "no supporting fact on record: write it into the account",
            )
        )
    return out


def _ua(case, facts, events, run, first, sources, opts) -> list[Section]:
    perpetrators = "; ".join(dict.fromkeys(e.authority for e in events if e.authority))
    recent = run[-1] if run else (events[-1] if events else None)
    mandates = list(opts.mandates)
    suggested = _suggest_mandates(case, facts, events)
    return [
        _identity(case),
        Section(
            "Alleged perpetrators",
            [
                Element("State bodies or officials believed responsible", perpetrators),
            ],
        ),
        Section(
            "The incident",
            [
                Element("Date", _day_text(recent.date) if recent else ""),
                Element("Place", (recent.place or "") if recent else ""),
                Element("Detailed account of the facts", _account(case, events, sources, opts)),
            ],
        ),
        Section(
            "Mandates concerned",
            [
                Element(
                    "Mandates",
                    "\n".join(MANDATES.get(m, m) for m in dict.fromkeys(mandates or suggested)),
                    note="suggested from the facts: " + ", ".join(suggested),
                ),
            ],
        ),
        _submitter(opts),
    ]


def _suggest_mandates(case: Case, facts: CaseFacts, events: list[Event]) -> list[str]:
    out = []
    if facts.status in _CUSTODY:
        out.append("wgad")
    if facts.status == "disappeared" or any(e.type == "disappearance" for e in events):
        out.append("wgeid")
    if any(e.type == "torture_allegation" for e in events):
        out.append("torture")
    if any(e.type == "health_concern" for e in events):
        out.append("health")
    if any(c in _EXPRESSION_CHARGES for e in events for c in e.charges):
        out.append("expression")
    occupation = (case.occupation or "").lower()
    if (
        "lawyer" in occupation
        or "律师" in occupation
        or any(e.type in ("disbarment", "lawyer_denied") for e in events)
    ):
        out.append("judges")
    if "defender" in occupation or "lawyer" in occupation or "activist" in occupation:
        out.append("hrd")
    return out
