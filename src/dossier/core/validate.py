"""Checks and normalisation of records before they are stored, with messages that
name the field — the same rules for the CLI, the window, spreadsheets and shares."""

from __future__ import annotations

from . import vocab
from .dates import parse_edtf
from .errors import ValidationError
from .model import Ask, Case, Event, Relation, Source
from .sentence import normalize_sentence, read_verdict

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
    e.sensitivity = sensitivity(e.sensitivity)
    _verdict_fields(e)
    for f in ("reported", "last_confirmed"):
        v = _text(getattr(e, f), f)
        if v:
            parse_edtf(v)
        setattr(e, f, v)
    e.whereabouts = _choice(e.whereabouts, "whereabouts", vocab.WHEREABOUTS)
    for f in ("court", "judge", "facility"):
        setattr(e, f, _text(getattr(e, f), f))
    return e


def _choice(value: str | None, field: str, table: dict) -> str | None:
    v = _text(value, field)
    if v is None:
        return None
    low = v.lower()
    for t in table.values():
        if low in (t.id, t.en.lower()) or v == t.zh:
            return t.id
    raise ValidationError(f"unknown {field} {value!r} (expected one of: {', '.join(table)})", where=field)


def _duration(value: str | None, field: str, allow_life: bool = False) -> str | None:
    v = _text(value, field)
    if v is None:
        return None
    if allow_life and v.lower() in ("life", "终身", "終身"):
        return "life"
    canon = normalize_sentence(v) if v.isascii() else read_verdict("有期徒刑" + v if v[0] not in "有管拘" else v).sentence
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
        raise ValidationError(f"{e.outcome!r} is not an outcome of {kinds} (expected one of: "
                              f"{', '.join(table)})", where="outcome")
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
            raise ValidationError(f"the sentence {text!r} says {v.outcome} but the outcome is "
                                  f"{e.outcome}", where="outcome")
        e.outcome = v.outcome
    for f in ("probation", "political_rights"):
        mine, said = getattr(e, f), getattr(v, f)
        if said is not None:
            if mine is not None and mine != said:
                raise ValidationError(f"the sentence {text!r} says {f.replace('_', ' ')} {said} "
                                      f"but {f} is {mine}", where=f)
            setattr(e, f, said)


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
    for i, r in enumerate(c.relations):
        validate_relation(r, c.id, f"relations[{i}]")
    return c


def validate_relation(r: Relation, case_id: str, where: str = "relation") -> Relation:
    """A related person: a name, a lawyer's role from the vocabulary, and a link that
    points at another case (a case cannot be its own relative)."""
    r.name = _text(r.name, f"{where}.name", required=True)
    r.relation = (r.relation or "").strip()
    r.note = _text(r.note, f"{where}.note")
    r.role = (r.role or "").strip() or None
    if r.role is not None and r.role not in vocab.LAWYER_ROLES:
        raise ValidationError(
            f"unknown lawyer role {r.role!r} (expected {', '.join(vocab.LAWYER_ROLES)})", where=f"{where}.role"
        )
    r.other_case_id = (r.other_case_id or "").strip() or None
    if r.other_case_id is not None and r.other_case_id == case_id:
        raise ValidationError("a case cannot be linked to itself", where=f"{where}.other_case_id")
    return r


def validate_source(s: Source) -> Source:
    s.title = _text(s.title, "title", required=True)
    s.url = _text(s.url, "url")
    if s.date:
        parse_edtf(s.date)
    s.sensitivity = sensitivity(s.sensitivity)
    return s


def validate_ask(a: Ask) -> Ask:
    a.text = _text(a.text, "ask", required=True)
    a.sensitivity = sensitivity(a.sensitivity)
    return a
