"""Where the person stands, on one line under the facts: legal stage, custody (and of
what kind), whereabouts, the days ("at least N days (last confirmed D)") and any
deprivation of political rights — the same words `core.standing_text` gives the
briefing, so the window and the PDF never disagree (issue #11)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QGridLayout, QWidget

from dossier.core.facts import CaseFacts
from dossier.core.standing_text import Standing, standing
from dossier.gui.views.profile_panel import _Fact, _plain
from dossier.gui.widgets import ui_lang


class StandingStrip(QWidget):
    """Stage · custody · whereabouts · days · political rights, as of the day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage, self.custody, self.whereabouts, self.days, self.rights = (
            _Fact("", self) for _ in range(5)
        )
        self.facts = [self.stage, self.custody, self.whereabouts, self.days, self.rights]
        self.standing: Standing | None = None
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setHorizontalSpacing(28)
        for i, f in enumerate(self.facts):
            lay.addWidget(f, 0, i, Qt.AlignmentFlag.AlignTop)
        lay.setColumnStretch(len(self.facts), 1)
        self.setAccessibleName(self.tr("Where the person stands"))
        self.retranslate()

    def retranslate(self) -> None:
        captions = (
            self.tr("Legal stage"),
            self.tr("Custody"),
            self.tr("Whereabouts"),
            self.tr("Days"),
            self.tr("Political rights"),
        )
        for fact, caption in zip(self.facts, captions, strict=True):
            fact.caption.setText(caption)

    def changeEvent(self, ev: QEvent) -> None:  # noqa: N802
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(ev)

    def set_facts(self, f: CaseFacts, lang: str | None = None) -> None:
        s = self.standing = standing(f, lang or ui_lang())
        self.stage.set(escape(s.stage))
        self.custody.set(escape(s.custody))
        unknown = f.whereabouts == "unknown"
        self.whereabouts.set(
            f"<span style='color:#c0392b'>{escape(s.whereabouts)}</span>"
            if unknown
            else escape(s.whereabouts),
            s.whereabouts,
        )
        self.days.set(escape(s.days))
        self.rights.set(escape(s.political_rights))

    def texts(self) -> dict[str, str]:
        """Caption → shown value (plain), for tests and accessibility."""
        return {f.caption.text(): _plain(f.value.text()) for f in self.facts if not f.isHidden()}
