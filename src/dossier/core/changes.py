"""What one operation changed: the answer every write gives, so nobody has to guess.

Anki's `OpChanges` is the model. Before this, the window guessed which cases an undo
touched and the services kept the search index and the facts cache current by hand,
from 21 places. Now the store's unit of work notes what each transaction touched
(`store/unit.py`), brings the derived tables up to date itself before it commits, and
hands back a `Changes`; views redraw exactly what it names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """Ids touched by one or more commits (added, edited or removed alike).

    `cases` includes cases whose events, names, tags, relations or asks changed;
    `removed_cases` those no longer in the store (also in `cases`). `settings` covers
    store settings and metadata (cover defaults, opening day); `people` covers the
    sharing identity and contacts. A view that cannot tell what to redraw from ids
    alone asks `everything`: set by operations that rewrite the store wholesale.
    """

    cases: frozenset[str] = field(default_factory=frozenset)
    removed_cases: frozenset[str] = field(default_factory=frozenset)
    sources: frozenset[str] = field(default_factory=frozenset)
    attachments: frozenset[str] = field(default_factory=frozenset)
    settings: bool = False
    people: bool = False
    everything: bool = False

    def __bool__(self) -> bool:
        return bool(
            self.cases
            or self.sources
            or self.attachments
            or self.settings
            or self.people
            or self.everything
        )

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            cases=self.cases | other.cases,
            removed_cases=(self.removed_cases - other.cases) | other.removed_cases,
            sources=self.sources | other.sources,
            attachments=self.attachments | other.attachments,
            settings=self.settings or other.settings,
            people=self.people or other.people,
            everything=self.everything or other.everything,
        )

    @classmethod
    def of_cases(cls, ids: Iterable[str]) -> Changes:
        return cls(cases=frozenset(ids))

    @property
    def case_list(self) -> bool:
        """Whether the case list (names, tags, facts of some rows) may have changed."""
        return bool(self.cases) or self.everything

    def describe(self) -> str:
        """A short English line for logs and tests (never shown to the researcher)."""
        parts = []
        if self.everything:
            parts.append("everything")
        for label, ids in (
            ("cases", self.cases),
            ("sources", self.sources),
            ("attachments", self.attachments),
        ):
            if ids:
                parts.append(f"{len(ids)} {label}")
        if self.settings:
            parts.append("settings")
        if self.people:
            parts.append("people")
        return ", ".join(parts) or "nothing"


NOTHING = Changes()
