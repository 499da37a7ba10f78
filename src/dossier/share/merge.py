"""Merging a received share into the local records: pure logic on core objects.

The rule (docs/share-format.md, "Merging", says it at length):

Each side keeps, per unit, the hashes of the versions it has *synced*: sent in a
share, received and taken, or found identical. Every such version is an ancestor of
what that side holds now. A share carries the sender's ancestor hashes for each unit
it holds (`sync.json`, signed through the manifest). For an incoming version T of a
unit of which I hold M:

1. hash(T) == hash(M)                                  → the same: nothing to do.
2. hash(T) is a view of M, or among my synced or
   dismissed hashes                                    → theirs is older (or already
                                                         decided): keep mine.
3. a view of M is among their ancestors, and the
   signer is a contact verified in person (or me)      → they built on exactly what I
                                                         have: changed on their side
                                                         only, take theirs.
4. anything else                                       → changed on both sides (or
                                                         unsure): a CONFLICT the user
                                                         resolves — keep mine, take
                                                         theirs, or keep both.

Timestamps decide nothing (a file's author controls them), and deletions never travel:
a record missing from a share is simply not in it. Taking theirs never drops what they
could not have seen or chose to remove: names, tags, organisations and an event's
sources are united with mine, and a relation keeps my link to another case when theirs
has none. A protected source that arrives as a redacted stub never replaces mine.
Keeping both stores their version as a new record with a new id beside mine.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from dossier.core.model import Ask, Attachment, Case, Event, Relation, Source, new_id, now_iso

from .units import (
    PROTECTED_TITLE,
    Unit,
    Units,
    changed_fields,
    content_hash,
    kind_of,
    label,
    views,
)

MAX_ANCESTORS_PER_UNIT = 64


class Status(StrEnum):
    NEW = "new"
    SAME = "same"
    UPDATE = "update"  # changed on their side only: take theirs
    MINE = "mine"  # theirs is older or already decided: keep mine
    CONFLICT = "conflict"


class Resolution(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"
    BOTH = "both"


Key = tuple[str, str]  # (kind, id)


@dataclass
class LocalState:
    """What the store holds that a share touches (the services layer loads it)."""

    units: dict[Key, Unit] = field(default_factory=dict)  # my counterpart of each incoming unit
    cases: dict[str, Case] = field(default_factory=dict)  # my cases (core, relations, asks) by id
    source_sensitivity: dict[str, str] = field(default_factory=dict)
    synced: dict[Key, set[str]] = field(default_factory=dict)
    dismissed: dict[Key, set[str]] = field(default_factory=dict)
    # cases merged here: surviving id → the old ids folded into it (`merged_ids`)
    aliases: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class Decision:
    kind: str
    id: str
    status: Status
    theirs: Unit
    mine: Unit | None
    their_hash: str
    mine_hash: str | None
    case_id: str | None
    label: str
    fields: list[str] = field(default_factory=list)
    note: str | None = None
    older: bool = False  # theirs is a (redacted) view of mine or one I synced before

    @property
    def key(self) -> Key:
        return (self.kind, self.id)


@dataclass
class Plan:
    decisions: list[Decision]
    their_ancestors: dict[str, set[str]]
    local: LocalState

    def of_status(self, status: Status) -> list[Decision]:
        return [d for d in self.decisions if d.status == status]

    def fingerprint(self) -> list[tuple]:
        """What must not change between the preview and the apply."""
        return [(d.kind, d.id, str(d.status), d.their_hash, d.mine_hash) for d in self.decisions]


@dataclass
class SyncMark:
    kind: str
    id: str
    hash: str
    action: str  # "synced" or "dismissed"


@dataclass
class Outcome:
    kind: str
    id: str
    label: str
    case_id: str | None
    action: str  # added / updated / unchanged / kept_mine / conflict
    resolution: str | None = None
    copy_id: str | None = None
    fields: list[str] = field(default_factory=list)


@dataclass
class Changes:
    """Everything to write, as final records; applying is a plain upsert of each."""

    cases: dict[str, Case] = field(default_factory=dict)  # full: core, relations, asks
    events: list[Event] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)  # own fields only
    organisations: list = field(default_factory=list)
    attachments: list[tuple[Attachment, str]] = field(default_factory=list)  # (new, from member id)
    removed_attachments: list[str] = field(default_factory=list)
    touched_cases: set[str] = field(default_factory=set)
    marks: list[SyncMark] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (
            self.cases or self.events or self.sources or self.organisations or self.attachments
        )


# --- cases merged since ------------------------------------------------------------------------


def follow_merges(
    incoming: Units, their_ancestors: dict[str, set[str]], merged: dict[str, str]
) -> tuple[Units, dict[str, set[str]]]:
    """Re-point what a share says about cases I have merged since (old id → surviving
    id, from `merged_ids`) at the surviving case: its events, relations and asks land
    there, and the old case's own record is compared with the surviving one (under the
    surviving id, with the old id's ancestors). When the share holds both halves, the
    surviving id's own record is kept and the other's dropped (its children still
    move). Nothing else changes; without merges the input comes back as it was."""
    if not merged or not any(
        uid in merged
        or getattr(u, "case_id", None) in merged
        or getattr(u, "other_case_id", None) in merged
        for uid, u in incoming.by_id.items()
    ):
        return incoming, their_ancestors
    by_id: dict[str, Unit] = {}
    ancestors = {k: set(v) for k, v in their_ancestors.items()}
    cases = sorted(
        (uid for uid, u in incoming.by_id.items() if isinstance(u, Case)),
        key=lambda uid: uid in merged,
    )  # the surviving ids' own records first
    for uid in cases:
        target = merged.get(uid, uid)
        if target != uid:
            ancestors[target] = ancestors.get(target, set()) | ancestors.pop(uid, set())
        if target in by_id:
            continue
        case = copy.copy(incoming.by_id[uid])
        case.id = target
        by_id[target] = case
    for uid, u in incoming.by_id.items():
        if isinstance(u, Case):
            continue
        cid, other = getattr(u, "case_id", None), getattr(u, "other_case_id", None)
        if cid in merged or other in merged:
            u = copy.copy(u)
            u.case_id = merged.get(cid, cid)
            if isinstance(u, Relation):
                u.other_case_id = merged.get(other, other)
        by_id[uid] = u
    return Units(by_id), ancestors


def _alias_views(mine: Unit, local: LocalState, sens) -> set[str]:
    """Views of my record as it was before a merge moved it to the surviving case."""
    old_ids = local.aliases.get(getattr(mine, "case_id", None) or "", set())
    if not old_ids or not isinstance(mine, Event | Relation | Ask):
        return set()
    out: set[str] = set()
    for old in old_ids:
        moved = copy.copy(mine)
        moved.case_id = old
        out |= views(moved, sens)
    return out


# --- planning ----------------------------------------------------------------------------------


UNVERIFIED_NOTE = "from a signer not verified in person: review it"


def plan(
    incoming: Units,
    their_ancestors: dict[str, set[str]],
    local: LocalState,
    audience: str,
    *,
    trusted: bool = True,
) -> Plan:
    """Classify every incoming unit (see the module docstring).

    `trusted` is false when the signer is not a contact verified in person (or me):
    rule 3 then never applies, and what would be "changed on their side only" is a
    CONFLICT for review. Their ancestor hashes are only claims: anyone who has seen a
    version of my record (a colleague I once shared with, whoever they forwarded it to)
    can compute its hash and claim to have built on it, and would otherwise overwrite
    my record without a question."""
    sens = local.source_sensitivity.get
    decisions = []
    for uid, theirs in incoming.by_id.items():
        kind = kind_of(theirs)
        key = (kind, uid)
        th = content_hash(theirs)
        mine = local.units.get(key)
        case_id = theirs.id if kind == "case" else getattr(theirs, "case_id", None)
        d = Decision(kind, uid, Status.NEW, theirs, mine, th, None, case_id, label(theirs))
        if mine is not None:
            d.mine_hash = content_hash(mine)
            known = local.synced.get(key, set()) | local.dismissed.get(key, set())
            mine_views = views(mine, sens)
            before_merge = _alias_views(mine, local, sens)
            if th == d.mine_hash:
                d.status = Status.SAME
            elif th in mine_views or th in known or th in before_merge:
                d.status, d.older = Status.MINE, True
            elif _redacted_stub(theirs, audience):
                d.status, d.note = Status.MINE, "a redacted copy of a protected source: kept yours"
            elif (mine_views | before_merge) & their_ancestors.get(uid, set()) and not _moves(
                mine, theirs
            ):
                d.status = Status.UPDATE
                if not trusted:
                    d.status, d.note = Status.CONFLICT, UNVERIFIED_NOTE
            else:
                d.status = Status.CONFLICT
            if d.status in (Status.UPDATE, Status.CONFLICT):
                d.fields = changed_fields(mine, theirs)
        decisions.append(d)
    return Plan(decisions, their_ancestors, local)


def _redacted_stub(theirs: Unit, audience: str) -> bool:
    return (
        isinstance(theirs, Source)
        and theirs.protected
        and audience != "internal"
        and theirs.title == PROTECTED_TITLE
    )


def _moves(mine: Unit, theirs: Unit) -> bool:
    """A relation or ask that would change case: never taken silently."""
    return isinstance(mine, Relation | Ask) and mine.case_id != theirs.case_id


# --- resolving ---------------------------------------------------------------------------------


def resolve(
    p: Plan,
    resolutions: dict[Key, Resolution] | None = None,
    *,
    make_id: Callable[[], str] = new_id,
    now: Callable[[], str] = now_iso,
) -> Changes:
    """The records to write for `p`, conflicts resolved by `resolutions` (default: BOTH)."""
    resolutions = resolutions or {}
    ch = Changes()
    b = _Builder(p.local, ch, now)
    # Cases first, so relation and ask decisions find their final case to land in.
    order = {
        "organisation": 0,
        "source": 1,
        "case": 2,
        "attachment": 3,
        "relation": 4,
        "ask": 4,
        "event": 5,
    }
    for d in sorted(p.decisions, key=lambda d: order[d.kind]):
        theirs_anc = set(p.their_ancestors.get(d.id, set()))
        out = Outcome(d.kind, d.id, d.label, d.case_id, "unchanged", fields=list(d.fields))
        known = p.local.synced.get(d.key, set())
        if d.status == Status.NEW:
            b.take(d, None)
            out.action = "added"
            _mark(ch, d, ({d.their_hash} | theirs_anc) - known, "synced")
        elif d.status == Status.SAME:
            _mark(ch, d, ({d.their_hash} | theirs_anc) - known, "synced")
        elif d.status == Status.MINE:
            out.action = "kept_mine"
            if d.their_hash not in known | p.local.dismissed.get(d.key, set()):
                # a view of mine is an ancestor of mine (and of what I edit next); a
                # redacted stub is only set aside, so it is never asked about again
                _mark(ch, d, {d.their_hash}, "synced" if d.older else "dismissed")
        elif d.status == Status.UPDATE:
            out.action = "updated" if b.take(d, d.mine) else "unchanged"
            _mark(ch, d, ({d.their_hash} | theirs_anc) - known, "synced")
        else:
            res = resolutions.get(d.key, Resolution.BOTH)
            if res == Resolution.THEIRS and _moves(d.mine, d.theirs):
                res = Resolution.BOTH  # a relation/ask never changes case silently
            out.action, out.resolution = "conflict", str(res)
            if res == Resolution.THEIRS:
                b.take(d, d.mine)
                _mark(ch, d, ({d.their_hash} | theirs_anc) - known, "synced")
            else:
                _mark(ch, d, {d.their_hash}, "dismissed")
                if res == Resolution.BOTH:
                    out.copy_id = b.copy(d, make_id())
                    ch.marks.append(SyncMark(d.kind, out.copy_id, d.their_hash, "synced"))
        ch.outcomes.append(out)
    b.finish()
    return ch


def _mark(ch: Changes, d: Decision, hashes: set[str], action: str) -> None:
    for h in sorted(hashes):
        ch.marks.append(SyncMark(d.kind, d.id, h, action))


class _Builder:
    """Builds final records: cases are assembled (core + relations + asks) then emitted."""

    def __init__(self, local: LocalState, ch: Changes, now: Callable[[], str]) -> None:
        self.local = local
        self.ch = ch
        self.now = now
        self.cases: dict[str, Case] = {}

    def _case(self, case_id: str) -> Case | None:
        """The case a relation or ask lands in: being built, or mine, loaded."""
        if case_id not in self.cases:
            mine = self.local.cases.get(case_id)
            if mine is None:
                return None
            self.cases[case_id] = copy.deepcopy(mine)
        return self.cases[case_id]

    def take(self, d: Decision, mine: Unit | None) -> bool:
        """Put their version in place (united with mine where nothing may be lost);
        returns whether anything changed."""
        theirs = copy.deepcopy(d.theirs)
        if isinstance(theirs, Case):
            theirs.events = []
            if mine is not None:
                theirs.names += [
                    n
                    for n in mine.names
                    if (n.value, n.lang) not in {(x.value, x.lang) for x in theirs.names}
                ]
                theirs.tags = list(dict.fromkeys([*theirs.tags, *mine.tags]))
                theirs.organisation_ids = list(
                    dict.fromkeys([*theirs.organisation_ids, *mine.organisation_ids])
                )
                theirs.photo_attachment_id = theirs.photo_attachment_id or mine.photo_attachment_id
                theirs.created = mine.created
                if content_hash(theirs) == content_hash(mine):
                    return False
                theirs.updated = self.now()
                base = self._case(theirs.id)
                theirs.relations, theirs.asks = list(base.relations), list(base.asks)
            else:
                theirs.relations, theirs.asks = [], []
            self.cases[theirs.id] = theirs
            return True
        if mine is not None:
            if isinstance(theirs, Event):
                theirs.source_ids = list(dict.fromkeys([*theirs.source_ids, *mine.source_ids]))
                theirs.created = mine.created
            if isinstance(theirs, Relation):
                theirs.other_case_id = theirs.other_case_id or mine.other_case_id
                theirs.role = theirs.role or mine.role  # a sender's older Dossier knows no roles
            if isinstance(theirs, Source | Event):
                if content_hash(theirs) == content_hash(mine):
                    return False
                theirs.updated = self.now()
            if isinstance(theirs, Ask):
                theirs.created = mine.created
        self._emit(theirs, replacing=mine)
        return True

    def copy(self, d: Decision, copy_id: str) -> str:
        theirs = copy.deepcopy(d.theirs)
        theirs.id = copy_id
        if isinstance(theirs, Case):
            theirs.events, theirs.relations, theirs.asks = [], [], []
            self.cases[copy_id] = theirs
        else:
            if isinstance(theirs, Source):
                theirs.attachments = []
            self._emit(theirs, replacing=None, member_id=d.id)
        return copy_id

    def _emit(self, unit: Unit, replacing: Unit | None, member_id: str | None = None) -> None:
        ch = self.ch
        if isinstance(unit, Event):
            ch.events.append(unit)
            ch.touched_cases.add(unit.case_id)
            if replacing is not None and replacing.case_id != unit.case_id:
                ch.touched_cases.add(replacing.case_id)
        elif isinstance(unit, Relation | Ask):
            case = self._case(unit.case_id)
            if case is None:  # its case is neither mine nor in the share: cannot happen
                raise ValueError(f"no case {unit.case_id} for {kind_of(unit)} {unit.id}")
            items = case.relations if isinstance(unit, Relation) else case.asks
            items[:] = [x for x in items if x.id != unit.id] + [unit]
        elif isinstance(unit, Source):
            unit.attachments = []
            ch.sources.append(unit)
        elif isinstance(unit, Attachment):
            if replacing is not None:
                ch.removed_attachments.append(replacing.id)
            ch.attachments.append((unit, member_id or unit.id))
        else:
            ch.organisations.append(unit)

    def finish(self) -> None:
        for cid, case in self.cases.items():
            self.ch.cases[cid] = case
            self.ch.touched_cases.add(cid)
