"""The unit of work: what a write transaction touched, and the derived tables kept true.

Every function of the store that writes a record (`repo`, `attachments`, `bulk`)
notes the ids it touched on the session (`touch`). Before the transaction commits,
`settle.settle` re-indexes those cases and sources for search and refreshes their cached
facts, all inside the same transaction — so the index and the cache can never
disagree with a committed record, and no caller has to remember them. The store then
hands the `Changes` to whoever is recording (`Recorder`): the window's backend, to
redraw exactly what changed.

Code that writes with raw SQL instead of the functions of this package must call
`touch` itself; `tests/store/test_unit.py` checks each service's writes end up indexed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from dossier.core.changes import Changes

KEY = "dossier_unit"


@dataclass
class Touched:
    """The ids one transaction touched so far (mutable; becomes a `Changes`)."""

    cases: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    attachments: set[str] = field(default_factory=set)
    settings: bool = False
    people: bool = False
    everything: bool = False
    settled_cases: set[str] = field(default_factory=set)  # indexed and cached by a bulk writer
    settled_sources: set[str] = field(default_factory=set)


def begin(s: Session) -> Touched:
    t = Touched()
    s.info[KEY] = t
    return t


def touch(
    s: Session,
    *,
    cases: Iterable[str] = (),
    sources: Iterable[str] = (),
    attachments: Iterable[str] = (),
    settings: bool = False,
    people: bool = False,
    everything: bool = False,
) -> None:
    """Note what this transaction changed. Outside a write (a read session, a test's
    bare session) there is nothing to note and nothing is kept."""
    t: Touched | None = s.info.get(KEY)
    if t is None:
        return
    t.cases.update(c for c in cases if c)
    t.sources.update(x for x in sources if x)
    t.attachments.update(a for a in attachments if a)
    t.settings |= settings
    t.people |= people
    t.everything |= everything


def settled(s: Session, *, cases: Iterable[str] = (), sources: Iterable[str] = ()) -> None:
    """A bulk writer indexed and cached these itself (in bulk, faster than one by one):
    they count as changed, and `settle` leaves them alone."""
    t: Touched | None = s.info.get(KEY)
    if t is None:
        return
    cases, sources = list(cases), list(sources)
    t.cases.update(cases)
    t.settled_cases.update(cases)
    t.sources.update(sources)
    t.settled_sources.update(sources)


class Recorder:
    """Collects the `Changes` of every commit made while it is active on this thread
    (`Store.recording()`)."""

    def __init__(self) -> None:
        self.changes = Changes()

    def add(self, changes: Changes) -> None:
        self.changes = self.changes | changes
