"""Stage, custody and whereabouts: what each event does to a case's state (issue #11).

One status word could not say that Wang Quanzhang was formally arrested while his
whereabouts stayed unknown, or that Xie Yang was convicted yet went home. The state
here has separate dimensions — legal `stage`, `in_custody`, `custody_kind`,
`whereabouts` — and `step()` moves it by one event. The rules are written out, with
worked examples, in docs/cli.md "Timeline model"; `core.timeline.derive()` walks the
events in order and measures periods and limits on the states this produces.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from dossier.core.model import Event

__all__ = [
    "CUSTODY_STAGES",
    "DISCLOSING_TYPES",
    "STAGE_OF_TYPE",
    "State",
    "START",
    "status_of",
    "step",
]


class State(NamedTuple):
    """A case's state after an event. A tuple: derive() makes one per event."""

    stage: str = "none"
    in_custody: bool = False
    custody_kind: str | None = None
    whereabouts: str | None = None
    status: str = "unknown"  # the old one-word summary, from the dimensions (status_of)


START = State()

# Stages of formal or informal custody that a disappearance does not replace: an
# arrested person who vanishes stays "arrested", with whereabouts unknown.
CUSTODY_STAGES = frozenset(
    {
        "unofficial_detention",
        "criminal_detention",
        "administrative_detention",
        "rsdl",
        "arrested",
        "indicted",
        "on_trial",
        "sentenced",
        "on_appeal",
    }
)

# Events that show where the person is to family or lawyers: a visit, an open court,
# a release. A televised confession shows the person, not the place: not listed.
DISCLOSING_TYPES = frozenset(
    {
        "lawyer_visit",
        "family_visit",
        "consular_visit",
        "trial",
        "release",
        "bail",
        "house_arrest",
        "controlled_release",
        "deportation",
        "exile",
    }
)

# Event type → (stage, in custody, custody kind) for types that set all three.
STAGE_OF_TYPE: dict[str, tuple[str, bool, str | None]] = {
    "unofficial_detention": ("unofficial_detention", True, "unofficial"),
    "detention": ("criminal_detention", True, "detention_centre"),
    "administrative_detention": ("administrative_detention", True, "detention_centre"),
    "rsdl": ("rsdl", True, "rsdl"),
    "arrest": ("arrested", True, "detention_centre"),
    "imprisonment": ("sentenced", True, "prison"),
    "release": ("released", False, None),
    "bail": ("bail", False, None),
    "house_arrest": ("house_arrest", True, "house_arrest"),
    "controlled_release": ("released_under_control", False, None),
    "deportation": ("deported", False, None),
    "exile": ("exiled", False, None),
    "death": ("deceased", False, None),
}
# Verdict outcome → (stage, in custody, custody kind).
_VERDICT: dict[str, tuple[str, bool, str | None]] = {
    "custodial": ("sentenced", True, "prison"),
    "suspended": ("probation", False, None),
    "exempt": ("convicted_at_liberty", False, None),
    "fine": ("convicted_at_liberty", False, None),
    "public_surveillance": ("convicted_at_liberty", False, None),
    "acquitted": ("acquitted", False, None),
}


def status_of(stage: str, in_custody: bool, kind: str | None, whereabouts: str | None) -> str:
    """The old one-word status (docs/cli.md "Derived facts") read off the dimensions.

    In custody with whereabouts unknown is `disappeared` (what the word always meant to
    the researchers); RSDL, house arrest and a custodial sentence keep their words;
    other custody is `detained`; out of custody, any stage but none is `released`.
    """
    if stage == "deceased":
        return "deceased"
    if stage == "none":
        return "unknown"
    if in_custody:
        if whereabouts == "unknown":
            return "disappeared"
        if kind == "rsdl":
            return "rsdl"
        if kind == "house_arrest":
            return "house_arrest"
        if stage == "sentenced":
            return "sentenced"
        return "detained"
    return "released"


def verdict_effect(e: Event) -> tuple[str, bool, str | None]:
    """What a verdict (or an appeal that changed it) imposes, by its outcome; a verdict
    that says nothing of the outcome is custodial (the old meaning of `verdict`)."""
    return _effect(e.outcome, bool(e.probation))


def _effect(outcome: str | None, probation: bool) -> tuple[str, bool, str | None]:
    if outcome not in _VERDICT:
        outcome = "suspended" if probation else "custodial"
    return _VERDICT[outcome]


def step(st: State, e: Event, verdict: tuple[str, bool, str | None] | None) -> State:
    """The state after event `e` (`st` itself when the event changes nothing).
    `verdict` is what the verdict in force imposed (for an appeal that upholds it);
    None before any verdict."""
    new = _transition(
        st, e.type, e.outcome, bool(e.sentence), bool(e.probation), e.whereabouts, verdict
    )
    return st if new is None else new


@lru_cache(maxsize=16384)
def _transition(
    st: State,
    t: str,
    outcome: str | None,
    has_term: bool,
    probation: bool,
    whereabouts: str | None,
    verdict: tuple[str, bool, str | None] | None,
) -> State | None:
    """step() on the few event fields that matter, cached: a list derives the same
    transitions for many of its 50,000 cases. None: no change of state."""
    stage, custody, kind, where = st.stage, st.in_custody, st.custody_kind, st.whereabouts
    if t in STAGE_OF_TYPE:
        stage, custody, kind = STAGE_OF_TYPE[t]
    elif t == "disappearance":
        custody = True
        kind = "unknown"
        if stage not in CUSTODY_STAGES:
            stage = "disappeared"
        where = "unknown"
    elif t in ("indictment", "trial"):
        stage = "indicted" if t == "indictment" else "on_trial"
        if st.stage == "none":  # nothing known before: held, as the old status said
            custody, kind = True, "detention_centre"
    elif t == "verdict":
        stage, custody, kind = _effect(outcome, probation)
    elif t == "appeal":
        if outcome is None:
            stage = "on_appeal"
        elif outcome == "retrial":
            stage = "on_trial"
        elif outcome == "changed" and (has_term or probation):
            stage, custody, kind = _effect(outcome, probation)
        elif verdict is not None:  # upheld, or changed without a new term
            stage, custody, kind = verdict
    elif whereabouts is None and (t not in DISCLOSING_TYPES or not custody):
        return None  # no change of state
    if t in DISCLOSING_TYPES:
        where = "known"
    if whereabouts is not None:
        where = whereabouts
    if stage == "deceased":
        where = None
    elif where is None and stage != "none":
        where = "known"
    return State(stage, custody, kind, where, status_of(stage, custody, kind, where))
