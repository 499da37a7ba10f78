"""The parts of a case edited as tables: names (in their scripts), related people,
and asks. They hold copies of the case's records; the editor builds the new Case."""

from __future__ import annotations

from PySide6.QtCore import QObject

from dossier.core.model import Ask, Name, Relation
from dossier.core.vocab import LAWYER_ROLES, NAME_KINDS, SENSITIVITIES
from dossier.gui.models.records import Column, RecordTableModel, first_line
from dossier.gui.widgets import term_label

# Language tags offered for names; any BCP 47 tag may be typed.
LANGUAGES: dict[str, str] = {
    "en": "English / Latin",
    "zh-Hans": "Chinese (simplified) 简体中文",
    "zh-Hant": "Chinese (traditional) 繁體中文",
    "zh-Latn": "Chinese in pinyin",
    "bo": "Tibetan བོད་ཡིག",
    "ug": "Uyghur ئۇيغۇرچە",
    "ug-Latn": "Uyghur in Latin script",
    "mn": "Mongolian",
    "kk": "Kazakh",
}


def _set(attr: str):
    def setter(rec, value: str) -> None:
        setattr(rec, attr, value.strip() or (None if attr in ("note", "addressee") else ""))

    return setter


class NamesModel(RecordTableModel):
    """A person's names: value, language tag, kind (legal, alias, transliteration)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            lambda: [
                Column(self.tr("Name"), lambda n: n.value, edit=_set("value")),
                Column(
                    self.tr("Language"),
                    lambda n: n.lang,
                    lambda n: LANGUAGES.get(n.lang),
                    edit=_set("lang"),
                ),
                Column(
                    self.tr("Kind"),
                    lambda n: term_label(NAME_KINDS, n.kind),
                    raw=lambda n: n.kind,
                    edit=self._set_kind,
                ),
            ],
            parent,
        )

    @staticmethod
    def _set_kind(n: Name, value: str) -> None:
        value = value.strip()
        for k, t in NAME_KINDS.items():
            if value in (k, t.en, t.zh):
                n.kind = k
                return

    def names(self) -> list[Name]:
        return [
            Name(n.value.strip(), n.lang.strip() or "und", n.kind)
            for n in self._rows
            if n.value.strip()
        ]


class RelationsModel(RecordTableModel):
    """Related people: name, relation (spouse, lawyer, …), a lawyer's role, the linked
    case (by its current name), note."""

    NAME, RELATION, ROLE, LINKED, NOTE = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        self.case_names: dict[str, str] = {}
        super().__init__(
            lambda: [
                Column(self.tr("Name"), lambda r: r.name, edit=_set("name")),
                Column(self.tr("Relation"), lambda r: r.relation, edit=_set("relation")),
                Column(
                    self.tr("Lawyer's role"),
                    lambda r: term_label(LAWYER_ROLES, r.role),
                    raw=lambda r: r.role or "",
                    edit=self._set_role,
                ),
                Column(
                    self.tr("Linked case"),
                    self._linked,
                    raw=lambda r: r.other_case_id or "",
                    edit=self._set_linked,
                ),
                Column(
                    self.tr("Note"),
                    lambda r: first_line(r.note),
                    lambda r: r.note,
                    raw=lambda r: r.note or "",
                    edit=_set("note"),
                ),
            ],
            parent,
        )

    def set_case_names(self, names: dict[str, str]) -> None:
        """Names of the cases a relation may link to (the linked column shows them)."""
        self.case_names = dict(names)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.LINKED), self.index(len(self._rows) - 1, self.LINKED)
            )

    def _linked(self, r: Relation) -> str:
        if not r.other_case_id:
            return ""
        return self.case_names.get(r.other_case_id) or self.tr("(case not in this store)")

    @staticmethod
    def _set_role(r: Relation, value: str) -> None:
        value = value.strip()
        r.role = next((k for k, t in LAWYER_ROLES.items() if value in (k, t.en, t.zh)), None)

    def _set_linked(self, r: Relation, value: str) -> None:
        r.other_case_id = value.strip() or None
        if r.other_case_id and not r.name.strip():
            r.name = self.case_names.get(r.other_case_id, "")

    def relations(self) -> list[Relation]:
        return [r for r in self._rows if r.name.strip()]


class AsksModel(RecordTableModel):
    """What has been asked on the case, and of whom."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            lambda: [
                Column(self.tr("Ask"), lambda a: first_line(a.text, 200), lambda a: a.text),
                Column(self.tr("Of whom"), lambda a: a.addressee or ""),
                Column(self.tr("Sensitivity"), lambda a: term_label(SENSITIVITIES, a.sensitivity)),
            ],
            parent,
        )

    def asks(self) -> list[Ask]:
        return list(self._rows)
