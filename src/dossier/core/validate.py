"""Checks and normalisation of records before they are stored, with messages that
name the field — the same rules for the CLI, the window, spreadsheets and shares."""

from __future__ import annotations

import re

from . import vocab
from .bilingual import NARRATIVE_FIELDS, valid_lang
from .dates import parse_edtf
from .errors import ValidationError
from .model import Ask, Case, Event, Organisation, Relation, Source
from .sentence import normalize_sentence, read_verdict

MAX_TEXT = 100_000


# Characters no stored text may hold, on any way in (CLI, window, CSV/XLSX/JSON, shares):
# C0 controls but tab and newline (ESC starts terminal escape sequences, CR and BS
# overwrite what was printed, BEL rings), DEL, C1 controls (0x9B is a one-byte CSI), and
# the bidi embeddings, overrides and isolates that make text display in another order
# than it is stored (U+202E turns "exe.pdf" into "fdp.exe"). Right-to-left scripts
# (Uyghur, Arabic, Hebrew) need none of them: their direction comes from the letters,
# and the marks U+200E/U+200F/U+061C and the joiners U+200C/U+200D stay allowed.
_ALWAYS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_FORBIDDEN_MULTILINE = re.compile(f"[{_ALWAYS}]")
# One-line fields (names, places, titles …) also refuse tab, newline and the Unicode
# line and paragraph separators: a name must print as one line.
_FORBIDDEN_ONE_LINE = re.compile(f"[{_ALWAYS}\t\n\u2028\u2029]")
_CHAR_NAMES = {
    "\x07": "BEL",
    "\x08": "backspace",
    "\t": "tab",
    "\n": "line break",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
    "\r": "carriage return (CR)",
    "\x1b": "ESC (terminal escape)",
    "\x7f": "DEL",
    "\x9b": "CSI",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
}


def char_name(ch: str) -> str:
    """`U+001B ESC (terminal escape)`: how a refused character is named in messages."""
    label = _CHAR_NAMES.get(ch, "control character" if ord(ch) < 0xA0 else "format character")
    return f"U+{ord(ch):04X} {label}"


def check_chars(value: str, field: str, *, multiline: bool = False) -> str:
    """`value` with Windows line ends made plain (multi-line fields), or ValidationError
    naming the field, the character and its position if it holds one that could forge
    what a terminal or a list shows (see _ALWAYS). The one rule every way in uses."""
    if multiline and "\r" in value:
        value = value.replace("\r\n", "\n")
    pattern = _FORBIDDEN_MULTILINE if multiline else _FORBIDDEN_ONE_LINE
    m = pattern.search(value)
    if m:
        where = f" at character {m.start() + 1}" if len(value) > 1 else ""
        raise ValidationError(
            f"contains {char_name(m.group())}{where}, which is not allowed in stored text",
            where=field,
            remedy="remove it: control and text-direction override characters can forge "
            "what a terminal shows",
        )
    return value


def _text(
    value: str | None, field: str, required: bool = False, *, multiline: bool = False
) -> str | None:
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
    return check_chars(value, field, multiline=multiline)


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
            raise ValidationError(
                f"{field!r} has no versions by language (only {', '.join(allowed)})",
                where="translations",
            )
        if not isinstance(versions, dict):
            raise ValidationError("expected {language: text}", where=f"translations.{field}")
        kept: dict[str, str] = {}
        for lang, text in versions.items():
            if not isinstance(lang, str) or not valid_lang(lang):
                raise ValidationError(
                    f"{lang!r} is not a language tag (en, zh, zh-Hant…)",
                    where=f"translations.{field}",
                )
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
            check_chars(v, "charges")
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
    e.note = _text(e.note, "note", multiline=True)
    e.charges = charges(e.charges)
    e.confidence = _text(e.confidence, "confidence")
    e.sensitivity = sensitivity(e.sensitivity)
    e.author = _text(e.author, "author")
    _verdict_fields(e)
    for f in ("reported", "last_confirmed"):
        v = _text(getattr(e, f), f)
        if v:
            parse_edtf(v)
        setattr(e, f, v)
    e.whereabouts = _choice(e.whereabouts, "whereabouts", vocab.WHEREABOUTS)
    for f in ("court", "judge", "facility"):
        setattr(e, f, _text(getattr(e, f), f))
    e.translations = translations(e.translations, "event")
    return e


def _choice(value: str | None, field: str, table: dict) -> str | None:
    v = _text(value, field)
    if v is None:
        return None
    low = v.lower()
    for t in table.values():
        if low in (t.id, t.en.lower()) or v == t.zh:
            return t.id
    raise ValidationError(
        f"unknown {field} {value!r} (expected one of: {', '.join(table)})", where=field
    )


def _duration(value: str | None, field: str, allow_life: bool = False) -> str | None:
    v = _text(value, field)
    if v is None:
        return None
    if allow_life and v.lower() in ("life", "终身", "終身"):
        return "life"
    canon = (
        normalize_sentence(v)
        if v.isascii()
        else read_verdict("有期徒刑" + v if v[0] not in "有管拘" else v).sentence
    )
    if not canon or not canon.startswith("P"):
        raise ValidationError(f"{value!r} is not a duration (e.g. P4Y, P3Y6M, 四年)", where=field)
    return canon


def _verdict_fields(e: Event) -> None:
    """The sentence text, outcome, probation and political rights of a verdict or an
    appeal, made consistent: `P3Y suspended P4Y` fills outcome and probation (issue #11)."""
    table = vocab.APPEAL_OUTCOMES if e.type == "appeal" else vocab.OUTCOMES
    e.outcome = _choice(e.outcome, "outcome", vocab.ALL_OUTCOMES)
    if e.outcome is not None and e.outcome not in table:
        kinds = "an appeal" if e.type == "appeal" else "a verdict"
        if e.type not in ("verdict", "appeal"):
            raise ValidationError("an outcome belongs to a verdict or an appeal", where="outcome")
        raise ValidationError(
            f"{e.outcome!r} is not an outcome of {kinds} (expected one of: {', '.join(table)})",
            where="outcome",
        )
    e.probation = _duration(e.probation, "probation")
    e.political_rights = _duration(e.political_rights, "political_rights", allow_life=True)
    text = _text(e.sentence, "sentence")
    if not text:
        e.sentence = None
        return
    v = read_verdict(text)
    e.sentence = v.sentence
    if v.outcome is not None and e.type != "appeal":
        if e.outcome is not None and e.outcome != v.outcome:
            raise ValidationError(
                f"the sentence {text!r} says {v.outcome} but the outcome is {e.outcome}",
                where="outcome",
            )
        e.outcome = v.outcome
    for f in ("probation", "political_rights"):
        mine, said = getattr(e, f), getattr(v, f)
        if said is not None:
            if mine is not None and mine != said:
                raise ValidationError(
                    f"the sentence {text!r} says {f.replace('_', ' ')} {said} but {f} is {mine}",
                    where=f,
                )
            setattr(e, f, said)


def validate_case(c: Case) -> Case:
    c.name = _text(c.name, "name", required=True)
    for i, n in enumerate(c.names):
        n.value = _text(n.value, f"names[{i}]", required=True)
        n.lang = check_chars((n.lang or "und").strip(), f"names[{i}].lang")
        if n.kind not in vocab.NAME_KINDS:
            raise ValidationError(
                f"unknown name kind {n.kind!r} (expected {', '.join(vocab.NAME_KINDS)})",
                where=f"names[{i}].kind",
            )
    c.tags = list(dict.fromkeys(t.strip() for t in c.tags if t and t.strip()))
    for t in c.tags:
        check_chars(t, "tags")
    c.sensitivity = sensitivity(c.sensitivity)
    c.summary = _text(c.summary, "summary", multiline=True)
    for f in ("gender", "occupation", "nationality", "author"):
        setattr(c, f, _text(getattr(c, f), f))
    for i, a in enumerate(c.asks):
        validate_ask(a, f"asks[{i}]")
    if c.birth_year:
        parse_edtf(c.birth_year)
    c.translations = translations(c.translations, "case")
    c.family_consent = _choice(c.family_consent, "family_consent", vocab.CONSENT)
    for i, r in enumerate(c.relations):
        validate_relation(r, c.id, f"relations[{i}]")
    return c


def validate_relation(r: Relation, case_id: str, where: str = "relation") -> Relation:
    """A related person: a name, a lawyer's role from the vocabulary, and a link that
    points at another case (a case cannot be its own relative)."""
    r.name = _text(r.name, f"{where}.name", required=True)
    r.relation = _text(r.relation, f"{where}.relation") or ""
    r.note = _text(r.note, f"{where}.note", multiline=True)
    r.role = (r.role or "").strip() or None
    if r.role is not None and r.role not in vocab.LAWYER_ROLES:
        raise ValidationError(
            f"unknown lawyer role {r.role!r} (expected {', '.join(vocab.LAWYER_ROLES)})",
            where=f"{where}.role",
        )
    r.other_case_id = (r.other_case_id or "").strip() or None
    if r.other_case_id is not None and r.other_case_id == case_id:
        raise ValidationError("a case cannot be linked to itself", where=f"{where}.other_case_id")
    return r


def validate_source(s: Source) -> Source:
    s.title = _text(s.title, "title", required=True)
    s.url = _text(s.url, "url")
    s.publisher = _text(s.publisher, "publisher")
    s.reliability = _text(s.reliability, "reliability")
    s.note = _text(s.note, "note", multiline=True)
    s.author = _text(s.author, "author")
    for i, a in enumerate(s.attachments):
        a.filename = _text(a.filename, f"attachments[{i}].filename", required=True)
    if s.date:
        parse_edtf(s.date)
    s.sensitivity = sensitivity(s.sensitivity)
    s.translations = translations(s.translations, "source")
    return s


def validate_ask(a: Ask, field: str = "ask") -> Ask:
    a.text = _text(a.text, field, required=True, multiline=True)
    a.addressee = _text(a.addressee, f"{field}.addressee")
    a.sensitivity = sensitivity(a.sensitivity)
    a.translations = translations(a.translations, "ask")
    return a


def validate_organisation(o: Organisation, field: str = "organisation") -> Organisation:
    o.name = _text(o.name, f"{field}.name", required=True)
    o.kind = _text(o.kind, f"{field}.kind")
    o.url = _text(o.url, f"{field}.url")
    o.note = _text(o.note, f"{field}.note", multiline=True)
    return o
