"""Two cases that are one person: finding them inside one store, and merging them.

A researcher who imported a colleague's share (or typed a case twice) holds the same
lawyer under two ids. `find_duplicates` reuses the share import's matcher
(share/dedupe.py: OpenCC, pinyin, rapidfuzz) on the store's own cases, blocked by
normalised keys so 50,000 cases are not compared pairwise.

`merge_cases(d, keep, other, choices)` folds `other` into `keep` in ONE transaction:
names, tags, relations, asks and organisations are united; every event moves over
(sources and attachments come with the events that cite them); fields set on both
sides with different values are *conflicts* the caller decides per field ("A" keeps
`keep`'s value, "B" takes `other`'s). The old id is recorded in `merged_ids`, so a
later share that still names it lands in the surviving case (share/merge.py maps it),
and sync marks say the surviving case already holds both old versions. The returned
`MergeResult` carries everything `unmerge` needs to put both cases back exactly.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update

from dossier.core import validate, vocab
from dossier.core.errors import UsageError, ValidationError
from dossier.core.model import Case, Name, now_iso
from dossier.share import dedupe, local
from dossier.share.dedupe import Duplicate
from dossier.share.merge import SyncMark
from dossier.share.units import content_hash
from dossier.store import repo, unit
from dossier.store.schema import HistoryRow, MergedIdRow, RelationRow

from .dossier import Dossier

# The case's own single-valued fields, compared side by side.
CASE_FIELDS = (
    "name",
    "sensitivity",
    "summary",
    "gender",
    "birth_year",
    "occupation",
    "nationality",
    "photo_attachment_id",
)
_MARK = "merged {old} into {new}"


@dataclass
class Conflict:
    """A field both cases fill, differently: the researcher picks one."""

    field: str
    a: str | None
    b: str | None
    choice: str | None = None  # "A" / "B", once decided

    def to_json(self) -> dict:
        return {"field": self.field, "a": self.a, "b": self.b, "choice": self.choice}


@dataclass
class MergePlan:
    """What merging `b` into `a` would do, before anything is written."""

    a: Case
    b: Case
    conflicts: list[Conflict]
    merged: Case  # `a` with everything of `b` united, conflicts as chosen (default: A)

    @property
    def undecided(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.choice is None]

    def to_json(self) -> dict:
        return {
            "keep": {"id": self.a.id, "name": self.a.name},
            "merge": {"id": self.b.id, "name": self.b.name},
            "conflicts": [c.to_json() for c in self.conflicts],
            "names": [
                {"value": n.value, "lang": n.lang, "kind": n.kind} for n in self.merged.names
            ],
            "tags": self.merged.tags,
            "events_moved": len(self.b.events),
        }


@dataclass
class MergeResult:
    """A merge done: the result, and what undo needs to put both cases back."""

    plan: MergePlan
    a_before: Case
    b_before: Case
    relinked: list[tuple[str, str]] = field(default_factory=list)  # (relation id, its case)
    rechained: list[str] = field(default_factory=list)  # old ids that pointed to b


# --- finding ---------------------------------------------------------------------------------


def find_duplicates(d: Dossier, threshold: int = dedupe.THRESHOLD) -> list[Duplicate]:
    """Pairs of cases in this store that look like one person, best first."""
    with d.store.read() as s:
        cases = local.local_case_names(s)
    return dedupe.find_duplicates_within(cases, threshold)


# --- planning --------------------------------------------------------------------------------


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _name_lang(value: str) -> str:
    return "en" if value.isascii() else "und"


def plan_merge(
    d: Dossier, keep_id: str, other_id: str, choices: dict[str, str] | None = None
) -> MergePlan:
    """Compare the two cases; `choices` maps a field to "A" (keep's) or "B" (other's)."""
    if keep_id == other_id:
        raise UsageError("a case cannot be merged with itself")
    a, b = d.get_case(keep_id), d.get_case(other_id)
    return _plan(a, b, choices or {})


def _plan(a: Case, b: Case, choices: dict[str, str]) -> MergePlan:
    for f, c in choices.items():
        if f not in CASE_FIELDS or c not in ("A", "B"):
            raise UsageError(
                f"cannot choose {c!r} for {f!r}: the fields are {', '.join(CASE_FIELDS)}, "
                "each A (the case kept) or B (the case merged into it)"
            )
    merged = copy.deepcopy(a)
    conflicts = []
    for f in CASE_FIELDS:
        va, vb = getattr(a, f), getattr(b, f)
        if _blank(vb) or va == vb:
            continue
        if _blank(va):
            setattr(merged, f, vb)
            continue
        default = None
        if f == "sensitivity":  # unchosen, the stricter one: nothing becomes less protected
            default = (
                "A"
                if vocab.SENSITIVITY_RANK.get(va, 2) >= vocab.SENSITIVITY_RANK.get(vb, 2)
                else "B"
            )
        c = Conflict(f, va, vb, choices.get(f) or default)
        conflicts.append(c)
        if c.choice == "B":
            setattr(merged, f, vb)
    have = {(n.value, n.lang) for n in merged.names}
    extra = [n for n in b.names if (n.value, n.lang) not in have]
    # the display name that lost is kept as another name, so it is still found
    for loser in {a.name, b.name} - {merged.name}:
        if loser not in {n.value for n in merged.names + extra}:
            extra.append(Name(loser, _name_lang(loser), "alias"))
    merged.names = [*merged.names, *extra]
    merged.tags = sorted({*a.tags, *b.tags})
    merged.organisation_ids = list(dict.fromkeys([*a.organisation_ids, *b.organisation_ids]))
    rel = [r for r in a.relations if r.other_case_id != b.id]
    for r in b.relations:
        if r.other_case_id in (a.id, b.id):
            continue  # a link between the two halves of one person
        r = copy.deepcopy(r)
        r.case_id = a.id
        rel.append(r)
    merged.relations = rel
    asks = list(a.asks)
    for x in b.asks:
        x = copy.deepcopy(x)
        x.case_id = a.id
        asks.append(x)
    merged.asks = asks
    merged.created = min(a.created, b.created)
    merged.events = []
    return MergePlan(a, b, conflicts, merged)


# --- merging ---------------------------------------------------------------------------------


def merge_cases(
    d: Dossier, keep_id: str, other_id: str, choices: dict[str, str] | None = None
) -> MergeResult:
    """Fold case `other_id` into `keep_id` (one transaction; see the module docstring).

    Every conflict must be decided in `choices`, else a UsageError lists them and
    nothing is written."""
    with d.store.write(f"merge {other_id} into {keep_id}") as s:
        if keep_id == other_id:
            raise UsageError("a case cannot be merged with itself")
        a, b = repo.get_case(s, keep_id), repo.get_case(s, other_id)
        p = _plan(a, b, choices or {})
        if p.undecided:
            raise UsageError(
                "the two cases differ in "
                + "; ".join(f"{c.field}: A={c.a!r} / B={c.b!r}" for c in p.undecided),
                remedy="choose A or B for each",
            )
        res = MergeResult(p, copy.deepcopy(a), copy.deepcopy(b))
        merged = validate.validate_case(copy.deepcopy(p.merged))
        merged.updated = now_iso()
        # B's events move over as they are (their entry order too: `seq` is part of an
        # event's content, and a colleague's copy must still match it)
        repo.move_events(s, b.id, a.id)
        repo.delete_case(s, b.id)  # its events have moved to A already
        repo.put_case_row(s, merged)
        for rid, cid in s.execute(
            select(RelationRow.id, RelationRow.case_id).where(RelationRow.other_case_id == b.id)
        ):
            res.relinked.append((rid, cid))
        s.execute(
            update(RelationRow).where(RelationRow.other_case_id == b.id).values(other_case_id=a.id)
        )
        unit.touch(s, cases=[cid for _, cid in res.relinked])
        res.rechained = list(
            s.scalars(select(MergedIdRow.old_id).where(MergedIdRow.new_id == b.id))
        )
        s.execute(update(MergedIdRow).where(MergedIdRow.new_id == b.id).values(new_id=a.id))
        s.add(MergedIdRow(old_id=b.id, new_id=a.id, merged_at=now_iso()))
        _mark_synced(s, a, b, d.author)
        repo.log(
            s,
            "case",
            a.id,
            a.id,
            "update",
            f"merged case {b.name} ({b.id}) into this one",
            d.author,
        )
        repo.log(s, "case", b.id, b.id, "delete", f"merged into {merged.name} ({a.id})", d.author)
    return res


def unmerge(d: Dossier, res: MergeResult) -> None:
    """Undo of merge_cases: both cases exactly as they were, in one transaction."""
    a, b = res.a_before, res.b_before
    with d.store.write(f"unmerge {b.id} from {a.id}") as s:
        repo.get_case(s, a.id)  # still there (else NotFoundError: nothing to undo)
        repo.put_case_row(s, a)  # first: frees the relation and ask rows B had lent it
        for e in a.events:
            repo.put_event(s, e)
        repo.put_case_row(s, b)
        for e in b.events:
            repo.put_event(s, e)
        for rid, _cid in res.relinked:
            s.execute(update(RelationRow).where(RelationRow.id == rid).values(other_case_id=b.id))
        unit.touch(s, cases=[cid for _, cid in res.relinked])
        s.execute(delete(MergedIdRow).where(MergedIdRow.old_id == b.id))
        if res.rechained:
            s.execute(
                update(MergedIdRow).where(MergedIdRow.old_id.in_(res.rechained)).values(new_id=b.id)
            )
        s.execute(
            delete(HistoryRow).where(
                HistoryRow.record_id == a.id,
                HistoryRow.case_id.is_(None),
                HistoryRow.summary.like(_MARK.format(old=b.id, new=a.id) + "%"),
            )
        )
        repo.log(s, "case", a.id, a.id, "update", f"undid the merge of {b.name}", d.author)
        repo.log(
            s, "case", b.id, b.id, "create", f"restored case {b.name} (merge undone)", d.author
        )


def merged_ids(d: Dossier) -> dict[str, str]:
    """Every merged-away case id → the id that holds it now."""
    with d.store.read() as s:
        return local.load_merged(s)


def _mark_synced(s, a: Case, b: Case, author: str | None) -> None:
    """The surviving case holds both old versions: a colleague's unchanged copy of
    either is then "already have it", not a conflict."""
    keys = {("case", a.id), ("case", b.id)}
    synced, _ = local.load_sync(s, keys)
    hashes = (
        {content_hash(a), content_hash(b)}
        | synced.get(("case", a.id), set())
        | synced.get(("case", b.id), set())
    )
    marks = [SyncMark("case", a.id, h, "synced") for h in sorted(hashes)]
    local.write_marks(s, marks, _MARK.format(old=b.id, new=a.id), author)


def check_choice_field(name: str) -> str:
    if name not in CASE_FIELDS:
        raise ValidationError(
            f"no field {name!r} to choose (fields: {', '.join(CASE_FIELDS)})", where="--keep"
        )
    return name
