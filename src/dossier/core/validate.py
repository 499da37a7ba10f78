"""Checks and normalisation of records before they are stored, with messages that
name the field — the same rules for the CLI, the window, spreadsheets and shares."""

from __future__ import annotations

from . import vocab
from .bilingual import NARRATIVE_FIELDS, valid_lang
from .dates import parse_edtf
from .errors import ValidationError
from .model import Ask, Case, Event, Source
from .sentence import normalize_sentence

MAX_TEXT = 100_000


def _text(value: str | None, field: str, required: bool = False) -> str | None:
    if value is None or not str(value).strip():
        if required:
            raise ValidationError("must not be empty", where=field)
        return None
    value = str(value).strip()
    if len(value) > MAX_TEXT:
        raise ValidationError(
            f"is too long ({len(value)} characters; at most {MAX_TEXT})", where=field
        )
    if "\x00" in value:
        raise ValidationError("contains a NUL character", where=field)
    return value


def translations(value: object, record_type: str) -> dict[str, dict[str, str]]:
    """Versions by language of a record's narrative fields (core.bilingual), checked as
    the fields themselves are; empty versions dropped."""
    if not value:
        return {}
    if not isinstance(value, dict):
        raise ValidationError("expected field → {language: text}", where="translations")
    allowed = NARRATIVE_FIELDS[record_type]
    out: dict[str, dict[str, str]] = {}
    for field, versions in value.items():
        if field not in allowed:
            raise ValidationError(f"{field!r} has no versions by language (only "
                                  f"{', '.join(allowed)})", where="translations")
        if not isinstance(versions, dict):
            raise ValidationError("expected {language: text}", where=f"translations.{field}")
        kept: dict[str, str] = {}
        for lang, text in versions.items():
            if not isinstance(lang, str) or not valid_lang(lang):
                raise ValidationError(f"{lang!r} is not a language tag (en, zh, zh-Hant…)",
                                      where=f"translations.{field}")
            if not isinstance(text, str):
                raise ValidationError("expected text", where=f"translations.{field}.{lang}")
            checked = _text(text, f"{field} ({lang})")
            if checked:
                kept[lang] = checked
        if kept:
            out[field] = dict(sorted(kept.items()))
    return out


def sensitivity(value: str | None, field: str = "sensitivity") -> str:
    v = (value or "public").strip().lower()
    if v not in vocab.SENSITIVITIES:
        raise ValidationError(
            f"unknown sensitivity {value!r} (expected one of: {', '.join(vocab.SENSITIVITIES)})",
            where=field,
        )
    return v


def event_type(value: str, field: str = "type") -> str:
    t = vocab.event_type_id(value or "")
    if t is None:
        raise ValidationError(
            f"unknown event type {value!r} (expected one of: {', '.join(vocab.EVENT_TYPES)})",
            where=field,
        )
    return t


def charges(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        v = (v or "").strip()
        if v:
            out.append(vocab.charge_id(v) or v)
    return list(dict.fromkeys(out))


def validate_event(e: Event) -> Event:
    """Normalise `e` in place (ids for types/charges, canonical sentence) or raise."""
    e.type = event_type(e.type)
    e.date = _text(e.date, "date", required=True)
    parse_edtf(e.date)
    e.end = _text(e.end, "end")
    if e.end:
        end = parse_edtf(e.end)
        if end.latest < parse_edtf(e.date).earliest:
            raise ValidationError(f"end {e.end} is before the date {e.date}", where="end")
    e.place = _text(e.place, "place")
    e.authority = _text(e.authority, "authority")
    e.note = _text(e.note, "note")
    e.charges = charges(e.charges)
    e.sentence = normalize_sentence(e.sentence) if _text(e.sentence, "sentence") else None
    e.sensitivity = sensitivity(e.sensitivity)
    e.translations = translations(e.translations, "event")
    return e


def validate_case(c: Case) -> Case:
    c.name = _text(c.name, "name", required=True)
    for i, n in enumerate(c.names):
        n.value = _text(n.value, f"names[{i}]", required=True)
        n.lang = (n.lang or "und").strip()
        if n.kind not in vocab.NAME_KINDS:
            raise ValidationError(
                f"unknown name kind {n.kind!r} (expected {', '.join(vocab.NAME_KINDS)})",
                where=f"names[{i}].kind",
            )
    c.tags = list(dict.fromkeys(t.strip() for t in c.tags if t and t.strip()))
    c.sensitivity = sensitivity(c.sensitivity)
    c.summary = _text(c.summary, "summary")
    if c.birth_year:
        parse_edtf(c.birth_year)
    c.translations = translations(c.translations, "case")
    return c


def validate_source(s: Source) -> Source:
    s.title = _text(s.title, "title", required=True)
    s.url = _text(s.url, "url")
    if s.date:
        parse_edtf(s.date)
    s.sensitivity = sensitivity(s.sensitivity)
    s.translations = translations(s.translations, "source")
    return s


def validate_ask(a: Ask) -> Ask:
    a.text = _text(a.text, "ask", required=True)
    a.sensitivity = sensitivity(a.sensitivity)
    a.translations = translations(a.translations, "ask")
    return a
