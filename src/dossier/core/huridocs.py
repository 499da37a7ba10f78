"""HURIDOCS micro-thesaurus terms beside Dossier's own vocabulary, for moving records
to and from Uwazi and OpenEvSys collections that use them.

Only terms whose code and wording were checked against the published micro-thesauri
(HURIDOCS, "Micro-thesauri: a tool for documenting human rights violations", 2001, as
shipped in OpenEvSys's `schema/mysql-dbpopulate-mt.sql`) are listed; a type with no
counterpart there has none here rather than a guessed one. MT4 is "Types of acts",
MT25 "Status in terms of life/integrity of the person", MT29 the types of detention,
MT30 whether the capture is acknowledged and the person reachable.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MtTerm:
    thesaurus: str  # "MT4", "MT25", "MT29", "MT30"
    code: str  # hierarchical code, e.g. "05.01.02"
    term: str  # the term as HURIDOCS words it (English)

    def __str__(self) -> str:
        return f"{self.thesaurus} {self.code} {self.term}"


# Event type id -> its micro-thesaurus term.
EVENT_TYPE_TERMS: dict[str, MtTerm] = {
    "administrative_detention": MtTerm("MT29", "01", "Held under administrative detention"),
    "exile": MtTerm("MT4", "05.01.02", "Exile"),
    "travel_ban": MtTerm("MT4", "05.01.06", "Restriction on travel"),
    "family_visit": MtTerm("MT30", "01.01.01.01", "Contact with family is permitted"),
    "lawyer_visit": MtTerm("MT30", "01.01.01.02", "Contact with legal counsel is permitted"),
    "death": MtTerm("MT25", "01.01", "Dead"),
}

# Legal stage id (core timeline) -> the victim status it corresponds to.
STAGE_TERMS: dict[str, MtTerm] = {
    "on_trial": MtTerm("MT25", "02.02.02", "Arrested and currently held - undergoing trial"),
    "sentenced": MtTerm(
        "MT25",
        "02.02.03",
        "Arrested and currently held - underwent investigation/trial and serving sentence",
    ),
    "deceased": MtTerm("MT25", "01.01", "Dead"),
}

# Whereabouts -> acknowledgement of the capture (MT30).
WHEREABOUTS_TERMS: dict[str, MtTerm] = {
    "known": MtTerm("MT30", "01.01", "Location is disclosed"),
}


def event_type_term(type_id: str) -> str:
    t = EVENT_TYPE_TERMS.get(type_id)
    return str(t) if t else ""
