"""The top of the case view: who the person is, where they stand as of the day, and
what is wrong — alerts in plain words on a strip that cannot be missed.

Each piece is its own small widget so the case view can lay them out and tests can
read their text.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dossier.core.bilingual import text_in
from dossier.core.dates import describe_short, format_day
from dossier.core.facts import CaseFacts, DayRange
from dossier.core.model import Case
from dossier.core.sentence import describe_sentence
from dossier.core.standing_text import alert_lines
from dossier.core.vocab import CHARGES, STATUS_TERMS
from dossier.gui.colors import alert_colors, is_dark, muted_text, status_color
from dossier.gui.widgets import days_text, term_label, ui_lang


def _range(r: DayRange | None, lang: str) -> str:
    if r is None:
        return ""
    if r.exact:
        return format_day(r.earliest, lang)
    if lang.startswith("zh"):
        return f"{format_day(r.earliest, lang)}至{format_day(r.latest, lang)}之间"
    return f"between {format_day(r.earliest, lang)} and {format_day(r.latest, lang)}"


class ProfileHeader(QWidget):
    """Photo, display name, names in their scripts, occupation etc., summary."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photo = QLabel(self)
        self.photo.setFixedSize(84, 84)
        self.photo.setScaledContents(False)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.hide()
        self.name = QLabel(self)
        f = QFont(self.font())
        f.setPointSizeF(f.pointSizeF() * 1.55)
        f.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(f)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.names = QLabel(self)
        nf = QFont(self.font())
        nf.setPointSizeF(nf.pointSizeF() * 1.2)
        self.names.setFont(nf)
        self.names.setTextFormat(Qt.TextFormat.RichText)
        self.names.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel(self)
        self.meta.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(self.name)
        top.addWidget(self.names)
        top.addStretch(1)
        text = QVBoxLayout()
        text.setSpacing(3)
        text.addLayout(top)
        text.addWidget(self.meta)
        text.addWidget(self.summary)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(14)
        lay.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(text, 1)

    def set_case(self, c: Case, lang: str) -> None:
        muted = muted_text(self.palette()).name()
        self.name.setText(c.name)
        self.name.setAccessibleName(c.name)
        parts = []
        for n in c.names:
            rtl = n.lang.split("-")[0] in ("ug", "ar", "fa", "ur", "he")
            d = ' dir="rtl"' if rtl else ""
            parts.append(
                f'<span{d} lang="{escape(n.lang)}">{escape(n.value)}</span>'
                f'<span style="color:{muted}; font-size:small"> {escape(n.lang)}</span>'
            )
        self.names.setText("&nbsp;&nbsp;&nbsp;".join(parts))
        meta = [x for x in (c.occupation, c.nationality) if x]
        if c.birth_year:
            try:
                meta.append(self.tr("born {when}").format(when=describe_short(c.birth_year, lang)))
            except Exception:
                meta.append(self.tr("born {when}").format(when=c.birth_year))
        if c.tags:
            meta.append(" ".join(f"#{t}" for t in c.tags))
        self.meta.setText("  ·  ".join(meta))
        self.meta.setStyleSheet(f"color: {muted};")
        self.meta.setVisible(bool(meta))
        # The version in the window's language when there is one (core.bilingual).
        summary, _fallback = text_in(c, "summary", ui_lang())
        self.summary.setText(summary or "")
        self.summary.setVisible(bool(summary))

    def set_photo(self, data: bytes | None) -> None:
        pix = QPixmap()
        if data and pix.loadFromData(data):
            self.photo.setPixmap(
                pix.scaled(
                    self.photo.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.photo.show()
        else:
            self.photo.clear()
            self.photo.hide()


class AlertStrip(QFrame):
    """Alerts as sentences ("RSDL beyond the 6-month limit since 1 Feb 2016")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertStrip")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 7, 12, 7)
        lay.addWidget(self.label)
        self.texts: list[str] = []
        self.setAccessibleName(self.tr("Alerts"))
        self.hide()

    def changeEvent(self, ev: QEvent) -> None:  # noqa: N802
        if ev.type() == QEvent.Type.LanguageChange:
            self.setAccessibleName(self.tr("Alerts"))
        super().changeEvent(ev)

    def set_alerts(self, facts: CaseFacts, lang: str) -> None:
        """Certain breaches with ⚠, possible ones with ?, each with the law it cites."""
        lines = alert_lines(facts, lang)
        self.lines = lines
        self.texts = [a.text for a in lines]
        bg, border, fg = alert_colors(is_dark(self.palette()))
        self.setStyleSheet(
            f"#alertStrip {{ background: {bg.name()}; border: 1px solid {border.name()};"
            f" border-radius: 6px; }} #alertStrip QLabel {{ color: {fg.name()}; }}"
        )
        html = []
        for a in lines:
            mark = "⚠" if a.certainty == "certain" else "?"
            basis = f" <span style='font-size:small'>— {escape(a.basis)}</span>" if a.basis else ""
            html.append(f"{mark}&nbsp; {escape(a.text)}{basis}")
        self.label.setText("<br>".join(html))
        self.setAccessibleDescription(
            "; ".join(f"{a.text} ({a.basis})" if a.basis else a.text for a in lines)
        )
        self.setVisible(bool(self.texts))


class _Fact(QWidget):
    def __init__(self, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.caption = QLabel(caption, self)
        self.caption.setStyleSheet(f"color: {muted_text(self.palette()).name()};")
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.caption.setFont(small)
        self.value = QLabel(self)
        self.value.setTextFormat(Qt.TextFormat.RichText)
        self.value.setWordWrap(True)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.value.setFont(bold)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(self.caption)
        lay.addWidget(self.value)
        self.value.setBuddy(self)

    def set(self, html: str, tooltip: str = "") -> None:
        self.value.setText(html)
        self.setToolTip(tooltip)
        self.setAccessibleName(f"{self.caption.text()}: {tooltip or html}")
        self.setVisible(bool(html))


class FactsStrip(QWidget):
    """Status, days, since, charges, sentence and expected release as of the day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status, self.custody, self.disappeared, self.house_arrest = (
            _Fact("", self) for _ in range(4)
        )
        self.since, self.charges, self.sentence, self.release = (_Fact("", self) for _ in range(4))
        self.facts = [
            self.status,
            self.custody,
            self.disappeared,
            self.house_arrest,
            self.since,
            self.charges,
            self.sentence,
            self.release,
        ]
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setHorizontalSpacing(28)
        for i, f in enumerate(self.facts):
            lay.addWidget(f, 0, i, Qt.AlignmentFlag.AlignTop)
        lay.setColumnStretch(5, 2)
        lay.setColumnStretch(len(self.facts), 1)
        self.retranslate()

    def retranslate(self) -> None:
        captions = (
            self.tr("Status"),
            self.tr("In custody"),
            self.tr("Disappeared"),
            self.tr("Under house arrest"),
            self.tr("Since"),
            self.tr("Charges"),
            self.tr("Sentence"),
            self.tr("Expected release"),
        )
        for fact, caption in zip(self.facts, captions, strict=True):
            fact.caption.setText(caption)

    def changeEvent(self, ev: QEvent) -> None:  # noqa: N802
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(ev)

    def set_facts(self, f: CaseFacts, lang: str | None = None) -> None:
        lang = lang or ui_lang()
        color = status_color(f.status, is_dark(self.palette())).name()
        label = escape(term_label(STATUS_TERMS, f.status, lang))
        self.status.set(f'<span style="color:{color}">●</span>&nbsp;{label}', label)
        self.custody.set(escape(days_text(f.days_in_custody, self.tr)))
        self.disappeared.set(escape(days_text(f.days_disappeared, self.tr)))
        self.house_arrest.set(escape(days_text(f.days_in_house_arrest, self.tr)))
        self.since.set(escape(_range(f.custody_since, lang)))
        charges = [term_label(CHARGES, c, lang) for c in f.charges]
        self.charges.set("<br>".join(escape(c) for c in charges), "; ".join(charges))
        self.sentence.set(escape(describe_sentence(f.sentence, lang)) if f.sentence else "")
        er = f.expected_release
        if er is None:
            self.release.set("")
        else:
            muted = muted_text(self.palette()).name()
            self.release.set(
                f"{escape(format_day(er.date, lang))}<br><span style='font-weight:normal;"
                f" color:{muted}'>{escape(er.explanation)}</span>",
                er.explanation,
            )

    def texts(self) -> dict[str, str]:
        """Caption → shown value (plain), for tests and accessibility."""
        out = {}
        for fact in self.facts:
            if not fact.isHidden():
                doc = fact.value.text()
                out[fact.caption.text()] = _plain(doc)
        return out


def _plain(html: str) -> str:
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText().replace("\u2029", "\n").strip()
