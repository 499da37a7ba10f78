"""A case's change history (Dossier.history) as a table, newest first."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject

from dossier.core.model import HistoryEntry
from dossier.gui.models.records import Column, RecordTableModel


def local_time(iso: str) -> str:
    """A stored UTC time ("2018-02-03T10:00:00Z") in the computer's local time."""
    try:
        return (
            datetime.fromisoformat(iso.replace("Z", "+00:00"))
            .astimezone()
            .strftime("%Y-%m-%d %H:%M")
        )
    except ValueError:
        return iso


class HistoryModel(RecordTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            lambda: [
                Column(self.tr("When"), lambda h: local_time(h.at), lambda h: h.at),
                Column(self.tr("What"), self._kind),
                Column(self.tr("Change"), self._action),
                Column(self.tr("Summary"), lambda h: h.summary, lambda h: h.summary),
                Column(self.tr("By"), lambda h: (h.author or "")[:16], lambda h: h.author),
            ],
            parent,
        )

    def _kind(self, h: HistoryEntry) -> str:
        kinds = {"case": self.tr("case"), "event": self.tr("event"), "source": self.tr("source")}
        return kinds.get(h.record_type, h.record_type)

    def _action(self, h: HistoryEntry) -> str:
        actions = {
            "create": self.tr("created"),
            "update": self.tr("changed"),
            "delete": self.tr("deleted"),
        }
        return actions.get(h.action, h.action)

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.set_rows(entries)
