"""Narrative text in more than one language: what a record says, and in which tongue.

A researcher types a summary or an event note in the language they work in; a packet
for a Chinese-reading official and one for a Geneva diplomat need the same facts in
two languages. Each narrative field therefore keeps the text as typed (the field
itself, unchanged for older code and files) plus versions by language in the record's
`translations` map: `{"note": {"zh": "…", "en": "…"}}`. More languages fit later.

`text_in` is the one rule every front end uses: the version in the wanted language if
there is one, else the text as typed — flagged as a fallback when it is not written in
that language, so the packet can mark it instead of passing English off as Chinese.
"""

from __future__ import annotations

import re

# The narrative fields of each record type that may hold versions by language.
NARRATIVE_FIELDS: dict[str, tuple[str, ...]] = {
    "case": ("summary",),
    "event": ("note", "place", "authority"),
    "ask": ("text",),
    "source": ("title", "note"),
}
LANGS = ("en", "zh")  # the languages the editor and the packet offer today
_LANG_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")

Translations = dict[str, dict[str, str]]


def valid_lang(tag: str) -> bool:
    return bool(_LANG_RE.fullmatch(tag))


def written_in(text: str, lang: str) -> bool:
    """Whether `text` reads as `lang`: Chinese holds Han characters; English holds Latin
    letters and no Han. Other scripts (Tibetan, Uyghur) are neither."""
    if lang.startswith("zh"):
        return bool(_HAN.search(text))
    if lang.startswith("en"):
        return bool(_LATIN.search(text)) and not _HAN.search(text)
    return True


def text_in(record: object, field: str, lang: str) -> tuple[str | None, bool]:
    """(text to show in `lang`, whether it is a fallback in another language)."""
    versions = (getattr(record, "translations", None) or {}).get(field) or {}
    base = lang.split("-")[0]
    for key in (lang, base):
        if versions.get(key):
            return versions[key], False
    typed = getattr(record, field, None)
    if not typed:
        for other in versions.values():  # only a translation exists: show it, flagged
            if other:
                return other, not written_in(other, lang)
        return typed, False
    return typed, not written_in(typed, lang)
