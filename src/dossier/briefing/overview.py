"""The cover's one-paragraph overview: how many people, where they stand, who is held
longest — the minute a diplomat gives the packet before the meeting.

Counts come from the same derived facts as the summary table, so the cover never says
something the pages below do not. Days are the certain minimum of a range: "held at
least 1,497 days" is true whatever the vague dates turn out to mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dossier.briefing import labels
from dossier.core.dates import format_day
from dossier.core.facts import CaseFacts
from dossier.core.model import Case

# Statuses the overview counts, in the order it names them.
_COUNTED = ("disappeared", "rsdl", "detained", "sentenced", "house_arrest")


@dataclass(frozen=True)
class Overview:
    total: int
    counts: dict[str, int]  # status -> number of people, for the statuses in _COUNTED
    longest_name: str | None  # the person held longest in their current custody
    longest_days: int  # the certain minimum of that custody, in days

    def sentence(self, lang: str, as_of: date) -> str:
        """The paragraph, in English or Chinese, for the facts as of `as_of`."""
        zh = labels.is_zh(lang)
        parts = [
            labels.text(f"ov_{s}", lang, n=f"{self.counts[s]:,}")
            for s in _COUNTED
            if self.counts.get(s)
        ]
        head = labels.text("ov_total", lang, n=f"{self.total:,}")
        if parts:
            joined = "，".join(parts) if zh else ", ".join(parts)
            head += labels.text("ov_standing", lang, d=format_day(as_of, lang), parts=joined)
        else:
            head += "。" if zh else "."
        if self.longest_name and self.longest_days > 0:
            head += labels.text(
                "ov_longest", lang, name=self.longest_name, n=f"{self.longest_days:,}"
            )
        return head


def overview(cases: list[Case], facts: dict[str, CaseFacts]) -> Overview:
    counts = dict.fromkeys(_COUNTED, 0)
    longest_name, longest = None, -1
    for c in cases:
        f = facts.get(c.id)
        if f is None:
            continue
        if f.status in counts:
            counts[f.status] += 1
        days = f.days_in_custody.min if f.days_in_custody is not None else -1
        if days > longest:
            longest_name, longest = c.name or None, days
    return Overview(len(cases), counts, longest_name, max(longest, 0))
