"""UN communication drafts from a case, and the record that one was sent.

Confidential records never reach a draft unless the researcher asks for them
(`include_confidential`): by default the case is redacted as for a diplomatic
audience (public and restricted records; protected sources named only as
"confidential source"), the same rule the briefing follows. What the researcher types
into the draft options is remembered — the submitting organisation for the store, the
case-specific answers (family steps, remedies, categories…) for the case — so a draft
worked on over several days picks up where it was left.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date

from dossier.briefing.redact import redact
from dossier.briefing.un import MECHANISMS, Draft, DraftOptions, build_draft
from dossier.core.errors import ValidationError
from dossier.core.model import Event
from dossier.core.timeline import derive
from dossier.store import repo

from .dossier import Dossier

_STORE_KEY = "un_draft"  # organisation and confidentiality, for every case
_CASE_KEY = "un_draft:"  # + case id: the case-specific answers
_STORE_FIELDS = ("organisation", "confidential_submitter")


def check_mechanism(mechanism: str) -> str:
    if mechanism not in MECHANISMS:
        raise ValidationError(
            f"unknown mechanism {mechanism!r}", remedy="use one of: " + ", ".join(MECHANISMS)
        )
    return mechanism


def draft_options(d: Dossier, case_id: str) -> DraftOptions:
    """The options as last saved for this case (and this store's submitter)."""
    with d.store.read() as s:
        raw = [repo.get_setting(s, _STORE_KEY), repo.get_setting(s, _CASE_KEY + case_id)]
    data: dict = {}
    for r in raw:
        try:
            data.update(json.loads(r) if r else {})
        except ValueError:
            continue  # a damaged preference is forgotten, never fatal
    known = {f.name for f in dataclasses.fields(DraftOptions)}
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in known}
    return DraftOptions(**values)


def save_draft_options(d: Dossier, case_id: str, opts: DraftOptions) -> None:
    if opts == draft_options(d, case_id):
        return
    data = dataclasses.asdict(opts)
    store_part = {k: data.pop(k) for k in _STORE_FIELDS}
    with d.store.write() as s:
        repo.set_setting(s, _STORE_KEY, json.dumps(store_part, ensure_ascii=False))
        repo.set_setting(s, _CASE_KEY + case_id, json.dumps(data, ensure_ascii=False))


def un_draft(
    d: Dossier,
    case_id: str,
    mechanism: str,
    opts: DraftOptions | None = None,
    *,
    as_of: date | None = None,
    include_confidential: bool = False,
) -> Draft:
    """The draft for one case; `opts` None: the options last saved for it."""
    check_mechanism(mechanism)
    opts = opts if opts is not None else draft_options(d, case_id)
    with d.store.read() as s:
        case = repo.get_case(s, case_id)
        cited = {sid for e in case.events for sid in e.source_ids}
        sources = repo.get_sources(s, cited)
    audience = "internal" if include_confidential else "diplomatic"
    visible, visible_sources = redact([case], sources, audience)
    if not visible:
        raise ValidationError(
            f"{case.name} is a confidential case",
            remedy="include confidential records explicitly to draft it",
        )
    case = visible[0]
    facts = derive(case.events, as_of or date.today())
    return build_draft(
        mechanism, case, facts, visible_sources, opts, consent=getattr(case, "family_consent", None)
    )


def set_family_consent(d: Dossier, case_id: str, consent: str | None) -> None:
    """Record on the case whether the family agreed to submissions in the person's name."""
    case = d.get_case(case_id)
    if case.family_consent != consent:
        case.family_consent = consent
        d.update_case(case)


def un_action_event(
    case_id: str,
    mechanism: str,
    day: str,
    *,
    reference: str | None = None,
    outcome: str | None = None,
    note: str | None = None,
) -> Event:
    """The `un_action` event that records a communication sent to `mechanism`, with the
    reference the UN gave it (e.g. "UA CHN 5/2018", "Opinion No. 62/2018")."""
    check_mechanism(mechanism)
    parts = [
        f"Reference: {reference}" if reference else "",
        f"Outcome: {outcome}" if outcome else "",
        note or "",
    ]
    return Event(
        case_id=case_id,
        type="un_action",
        date=day,
        authority=f"UN {MECHANISMS[mechanism]}",
        note="; ".join(p for p in parts if p) or None,
    )


def record_un_action(
    d: Dossier,
    case_id: str,
    mechanism: str,
    day: str,
    *,
    reference: str | None = None,
    outcome: str | None = None,
    note: str | None = None,
) -> Event:
    """Log on the case that a communication went to `mechanism` (see un_action_event)."""
    event = un_action_event(
        case_id, mechanism, day, reference=reference, outcome=outcome, note=note
    )
    return d.add_event(case_id, event)
