"""People around a case (issue #11 item 7): lawyers with their standing, and links
between related cases (a wife's case and her husband's).

They are `Relation` records inside the case, so they travel with it in JSON and
shares. These use cases change them one at a time, for the command line and the
window alike; each returns what undo needs (the cases as they were before).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dossier.core import validate, vocab
from dossier.core.errors import NotFoundError, ValidationError
from dossier.core.model import Case, Relation

from .dossier import Dossier

# How a link reads from the other side: the husband's "spouse" is the wife's "spouse";
# a lawyer's client sees "lawyer". Anything else reads the same both ways.
RECIPROCAL = {"lawyer": "client", "client": "lawyer", "parent": "child", "child": "parent"}
LAWYER = "lawyer"


@dataclass(frozen=True)
class PersonRow:
    """One related person as a list shows it: the relation and, when linked, the
    other case's current name (which may have changed since the link was made)."""

    relation: Relation
    other_name: str | None  # None: not linked, or the linked case is gone

    @property
    def role_label(self) -> str | None:
        term = vocab.LAWYER_ROLES.get(self.relation.role or "")
        return term.en if term else None


def reciprocal(relation: str) -> str:
    return RECIPROCAL.get(relation.strip().lower(), relation.strip())


def case_names(d: Dossier) -> dict[str, str]:
    """Every case's id and name, sorted by name: what a "linked case" chooser offers."""
    from sqlalchemy import select

    from dossier.store.schema import CaseRow

    with d.store.read() as s:
        rows = s.execute(select(CaseRow.id, CaseRow.name)).all()
    return dict(sorted(((i, n) for i, n in rows), key=lambda x: x[1].casefold()))


def people(d: Dossier, case_id: str) -> list[PersonRow]:
    """The case's related people, lawyers first, with linked cases' names."""
    c = d.get_case(case_id)
    ids = set(d.all_case_ids())
    rows = []
    for r in c.relations:
        other = d.get_case(r.other_case_id).name if r.other_case_id in ids else None
        rows.append(PersonRow(r, other))
    rows.sort(
        key=lambda p: (
            p.relation.relation != LAWYER,
            p.relation.relation,
            p.relation.name.casefold(),
        )
    )
    return rows


def add_lawyer(
    d: Dossier,
    case_id: str,
    name: str,
    role: str | None,
    note: str | None = None,
    other_case_id: str | None = None,
) -> tuple[Relation, Case]:
    """Record a lawyer on a case; returns the new relation and the case as it was."""
    rel = Relation(
        name=name, relation=LAWYER, role=role or None, note=note, other_case_id=other_case_id
    )
    return rel, _add(d, case_id, rel)


def set_role(d: Dossier, case_id: str, ref: str, role: str | None) -> tuple[Relation, Case]:
    """Change a lawyer's standing (appointed → dismissed, disbarred); `ref` is the
    relation's id, an id prefix or the lawyer's name."""
    c = d.get_case(case_id)
    rel = find_relation(c, ref)
    rel.role = role or None
    validate.validate_relation(rel, c.id)
    return rel, d.update_case(c)


def remove_relation(d: Dossier, case_id: str, ref: str) -> tuple[Relation, Case]:
    """Take one related person off a case (the other side of a link stays: unlink
    removes both)."""
    c = d.get_case(case_id)
    rel = find_relation(c, ref)
    c.relations = [r for r in c.relations if r.id != rel.id]
    return rel, d.update_case(c)


def link_cases(
    d: Dossier,
    case_id: str,
    other_id: str,
    relation: str,
    note: str | None = None,
    both_ways: bool = True,
) -> tuple[list[Relation], list[Case]]:
    """Link two cases: `case_id` gets `relation` → other, and (both_ways) the other
    gets the reciprocal back. Both are checked before either is written, so a bad
    link leaves the store as it was. Returns the relations made and the cases before."""
    relation = (relation or "").strip()
    if not relation:
        raise ValidationError(
            "say how the two are related (e.g. spouse, lawyer, sibling)", where="--relation"
        )
    if case_id == other_id:
        raise ValidationError("a case cannot be linked to itself", where="OTHER")
    a, b = d.get_case(case_id), d.get_case(other_id)
    for x, y in ((a, b), (b, a)):
        if any(r.other_case_id == y.id for r in x.relations):
            raise ValidationError(
                f"{x.name} is already linked to {y.name}",
                where="link",
                remedy="`dossier unlink` first to change how they are related",
            )
    made = [Relation(name=b.name, relation=relation, other_case_id=b.id, note=note)]
    targets = [a]
    if both_ways:
        made.append(
            Relation(name=a.name, relation=reciprocal(relation), other_case_id=a.id, note=note)
        )
        targets.append(b)
    for target, rel in zip(targets, made, strict=True):
        validate.validate_relation(rel, target.id)
    before = []
    for target, rel in zip(targets, made, strict=True):
        before.append(_add(d, target.id, rel))
    return made, before


def unlink_cases(d: Dossier, case_id: str, other_id: str) -> list[Case]:
    """Remove the links between two cases, both ways; returns the cases changed, as before."""
    before = []
    for x, y in ((case_id, other_id), (other_id, case_id)):
        c = d.get_case(x)
        kept = [r for r in c.relations if r.other_case_id != y]
        if len(kept) != len(c.relations):
            c.relations = kept
            before.append(d.update_case(c))
    if not before:
        raise NotFoundError("the two cases are not linked")
    return before


def find_relation(c: Case, ref: str) -> Relation:
    """A relation of the case by id, id prefix (≥ 6) or name (case-insensitive)."""
    ref = ref.strip()
    hits = [r for r in c.relations if r.id == ref]
    if not hits and len(ref) >= 6:
        hits = [r for r in c.relations if r.id.startswith(ref)]
    if not hits:
        hits = [r for r in c.relations if r.name.casefold() == ref.casefold()]
    if len(hits) > 1:
        raise NotFoundError(
            f"{len(hits)} people on {c.name} match {ref!r}; use the id (see `dossier lawyer list`)"
        )
    if not hits:
        raise NotFoundError(
            f"nobody called {ref!r} on {c.name}",
            remedy="see `dossier show CASE` for the people on it",
        )
    return hits[0]


def _add(d: Dossier, case_id: str, rel: Relation) -> Case:
    c = d.get_case(case_id)
    rel = replace(rel, case_id=c.id)
    validate.validate_relation(rel, c.id)
    if rel.other_case_id is not None:
        d.get_case(rel.other_case_id)  # NotFoundError names the missing case
    c.relations = [*c.relations, rel]
    return d.update_case(c)
