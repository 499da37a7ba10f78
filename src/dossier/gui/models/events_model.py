"""The events of one case as a table: date as written (and as understood, on hover),
type in the UI language, place, confidence, sensitivity, sources and note."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Qt

from dossier.core.dates import describe, try_parse_edtf
from dossier.core.model import Event, Source
from dossier.core.sentence import describe_sentence
from dossier.core.vocab import CHARGES, EVENT_TYPES, SENSITIVITIES
from dossier.gui.models.records import Column, RecordTableModel, first_line
from dossier.gui.widgets import term_label, ui_lang


def event_order(e: Event) -> tuple[date, int]:
    r = try_parse_edtf(e.date)
    return (r.earliest if r else date.max, e.seq)


class EventsModel(RecordTableModel):
    """A case's events in date order (earliest possible day, then order of entry)."""

    def __init__(self, parent: QObject | None = None) -> None:
        self._sources: dict[str, Source] = {}
        left = Qt.AlignmentFlag.AlignLeft
        super().__init__(
            lambda: [
                Column(
                    self.tr("Date"),
                    lambda e: e.date + (f" → {e.end}" if e.end else ""),
                    self._date_tip,
                    left,
                ),
                Column(self.tr("Event"), lambda e: term_label(EVENT_TYPES, e.type), self._type_tip),
                Column(self.tr("Place"), lambda e: e.place or ""),
                Column(self.tr("Confidence"), lambda e: self._confidence(e.confidence)),
                Column(self.tr("Sensitivity"), lambda e: term_label(SENSITIVITIES, e.sensitivity)),
                Column(self.tr("Sources"), self._source_titles, self._source_tip),
                Column(self.tr("Note"), lambda e: first_line(e.note), lambda e: e.note or None),
            ],
            parent,
        )

    def set_events(self, events: list[Event], sources: dict[str, Source] | None = None) -> None:
        self._sources = dict(sources or {})
        self.set_rows(sorted(events, key=event_order))

    def _confidence(self, value: str | None) -> str:
        names = {
            "confirmed": self.tr("confirmed"),
            "reported": self.tr("reported"),
            "disputed": self.tr("disputed"),
        }
        return names.get(value or "", value or "")

    def _date_tip(self, e: Event) -> str:
        lang = ui_lang()
        out = _describe(e.date, lang)
        if e.end:
            out += "\n" + self.tr("until {end}").format(end=_describe(e.end, lang))
        return out

    def _type_tip(self, e: Event) -> str | None:
        lines = []
        if e.charges:
            lines.append(
                self.tr("Charges: {c}").format(
                    c="; ".join(term_label(CHARGES, c) for c in e.charges)
                )
            )
        if e.sentence:
            lines.append(
                self.tr("Sentence: {s}").format(s=describe_sentence(e.sentence, ui_lang()))
            )
        if e.authority:
            lines.append(self.tr("Authority: {a}").format(a=e.authority))
        return "\n".join(lines) or None

    def _source_titles(self, e: Event) -> str:
        titles = [self._sources[s].title if s in self._sources else s[:8] for s in e.source_ids]
        return first_line("; ".join(titles), 60)

    def _source_tip(self, e: Event) -> str | None:
        return (
            "\n".join(self._sources[s].title if s in self._sources else s for s in e.source_ids)
            or None
        )


def _describe(text: str, lang: str) -> str:
    try:
        return describe(text, lang)
    except Exception:  # a stored value the parser refuses: show it as written
        return text
