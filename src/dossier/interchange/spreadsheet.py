"""Spreadsheet import: one row per event, in English or Chinese headers (spec/cli.md).

Researchers keep case lists in Excel or WPS; this turns such a sheet into model
objects the services layer writes in one transaction. The file is all or nothing: the
first bad row raises ValidationError naming the row (as the spreadsheet program numbers
it, the header being row 1) and the column, and what was expected there.

Reading never evaluates anything: `.xlsx` is opened with `data_only=True` (a formula
cell gives the value the spreadsheet program last saved, never a recalculation) and a
cell whose text starts with `=` stays that text.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date

from dossier.core import validate, vocab
from dossier.core.date_input import future_warning, parse_date_input
from dossier.core.errors import ValidationError
from dossier.core.model import Case, Event, Name, Source, new_id, now_iso
from dossier.core.sentence import read_verdict
from dossier.core.validate import check_chars
from dossier.interchange.limits import (
    bare_message,
    check_text,
    check_url,
    is_plain_text,
    quote,
)
from dossier.interchange.tables import read_table

# The columns of spec/cli.md: field id -> its Chinese header.
COLUMNS: dict[str, str | None] = {
    "case": "姓名",
    "case_id": None,
    "native_name": "原名",
    "lang": "语言",
    "tags": "标签",
    "event_type": "事件",
    "date": "日期",
    "end": "结束日期",
    "place": "地点",
    "authority": "机关",
    "charges": "罪名",
    "sentence": "刑期",
    "note": "备注",
    "source_title": "来源",
    "source_url": "来源链接",
    "sensitivity": "敏感级别",
    # Since schema 3 (issue #11); older files simply lack them.
    "reported": "报道日期",
    "outcome": "判决结果",
    "probation": "缓刑考验期",
    "political_rights": "剥夺政治权利",
    "whereabouts": "下落",
    "last_confirmed": "最后确认日期",
    "court": "法院",
    "judge": "法官",
    "facility": "羁押场所",
    # versions by language of the narrative fields (core.bilingual)
    "note_en": "备注_英文",
    "note_zh": "备注_中文",
    "place_en": "地点_英文",
    "place_zh": "地点_中文",
    "authority_en": "机关_英文",
    "authority_zh": "机关_中文",
}
_TIMELINE_COLUMNS = (
    "reported",
    "outcome",
    "probation",
    "political_rights",
    "whereabouts",
    "last_confirmed",
    "court",
    "judge",
    "facility",
)
_TRANSLATED = ("note", "place", "authority")
# Columns that only make sense on a row that records an event.
EVENT_COLUMNS = (
    "date",
    "end",
    "place",
    "authority",
    "charges",
    "sentence",
    "note",
    "source_title",
    "source_url",
    *_TIMELINE_COLUMNS,
    "note_en",
    "note_zh",
    "place_en",
    "place_zh",
    "authority_en",
    "authority_zh",
)
_HEADER_LOOKUP = {k: k for k in COLUMNS} | {zh: k for k, zh in COLUMNS.items() if zh}
_MULTILINE = {"note"}  # cells that may hold line breaks; the rest are one line
_LIST_SPLIT = re.compile(r"[;；]")
_LANG_RE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_UUID_RE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
_SENSITIVITY_LOOKUP = {
    label: t.id for t in vocab.SENSITIVITIES.values() for label in (t.id, t.en.lower(), t.zh)
}


@dataclass
class CaseUpdate:
    """What rows add to a case that already exists: names and tags to add when not there
    yet, and a sensitivity when a case-only row sets one (None: leave it)."""

    case_id: str
    names: list[Name] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sensitivity: str | None = None


@dataclass
class SpreadsheetImport:
    """What a sheet holds, ready to write. Events of `events_for_existing` carry `seq`
    0, 1, … in row order: the writer adds the case's next free seq to them."""

    new_cases: list[Case]
    events_for_existing: dict[str, list[Event]]
    sources: list[Source]  # new sources only; reused ones are referenced by id
    warnings: list[str]
    row_count: int
    updates_for_existing: dict[str, CaseUpdate] = field(default_factory=dict)


# --- reading the table ------------------------------------------------------------


def read_rows(path: str | os.PathLike) -> list[dict[str, str]]:
    """The rows under the header of a .csv or .xlsx file, as {header: cell text}.

    The header is the first row that is not blank. Row i of the list is the i-th row
    below it; blank rows in between are kept (all
    cells "") so that numbering holds, trailing blank rows are dropped. Excel dates
    become ISO days (or months/years when the cell's format shows no day).
    """
    headers, rows, _notes, header_row = read_table(path, _known_headers)
    keys = _keys(headers, rows, header_row)
    return [{k: (r[i] if i < len(r) else "") for i, k in keys} for r in rows]


def _keys(headers: list[str], rows: list[list[str]], header_row: int) -> list[tuple[int, str]]:
    """(column index, key) for every column that has a header or any value."""
    width = max([len(headers)] + [len(r) for r in rows])
    out, seen = [], {}
    for i in range(width):
        h = headers[i].strip() if i < len(headers) else ""
        if not h:
            if not any(i < len(r) and r[i].strip() for r in rows):
                continue
            h = f"(column {_letter(i)})"
        if h in seen:
            raise ValidationError(
                f"the header {quote(h)} appears twice (columns "
                f"{_letter(seen[h])} and {_letter(i)})",
                where=f"row {header_row}",
            )
        seen[h] = i
        out.append((i, h))
    return out


def _letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _norm_header(h: str) -> str:
    h = h.replace("\ufeff", "").replace("\u200b", "").strip().casefold()
    return re.sub(r"[\s\-]+", "_", h)


def _known_headers(cells: list[str]) -> int:
    return sum(_norm_header(c.strip('"')) in _HEADER_LOOKUP for c in cells)


# --- turning rows into records ----------------------------------------------------


def parse_spreadsheet(
    path: str | os.PathLike,
    existing_cases: dict[str, str | None] | None = None,
    *,
    existing_sources: dict[tuple[str, str | None], str] | None = None,
) -> SpreadsheetImport:
    """The records a .csv/.xlsx sheet holds, or ValidationError for the first bad row.

    `existing_cases` maps exact case names and case ids to the ids of cases already in
    the store (a name shared by several cases maps to None: rows naming it must then
    give a case_id). `existing_sources` maps (title, url) to sources to reuse.
    """
    headers, rows, notes, header_row = read_table(path, _known_headers)
    columns, warnings = _map_headers(headers, rows, header_row)
    builder = _Builder(existing_cases or {}, existing_sources or {})
    for i, row in enumerate(rows):
        if any(c.strip() for c in row):
            cells = {
                f: (row[idx] if idx < len(row) else "", label)
                for f, (idx, label) in columns.items()
            }
            builder.row(header_row + 1 + i, cells)
    if builder.row_count == 0:
        raise ValidationError("the file has a header but no rows below it")
    return builder.result(warnings + notes)


def _map_headers(headers: list[str], rows: list[list[str]], header_row: int):
    """{field: (column index, label for messages)} and warnings for unknown columns."""
    columns: dict[str, tuple[int, str]] = {}
    warnings: list[str] = []
    for i, key in _keys(headers, rows, header_row):
        f = _HEADER_LOOKUP.get(_norm_header(key))
        if f is None:
            warnings.append(f"unknown column {quote(key)} (column {_letter(i)}) was not imported")
            continue
        if f in columns:
            raise ValidationError(
                f"columns {_letter(columns[f][0])} and {_letter(i)} both mean {f}: keep one",
                where=f"row {header_row}",
            )
        columns[f] = (i, key if _norm_header(key) == f else f"{key} ({f})")
    if "case" not in columns:
        raise ValidationError(
            'the required column "case" (姓名) is missing: it names the person each row is about',
            where=f"row {header_row}",
        )
    return columns, warnings


@dataclass
class _Target:
    """The case rows are collected into: a new one (`case` set) or an existing one."""

    case_id: str
    case: Case | None = None
    events: list[Event] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sensitivity: str | None = None  # set by a case-only row
    event_sensitivities: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self, existing: dict[str, str | None], sources: dict) -> None:
        self.existing = existing
        self.existing_ids = {v for v in existing.values() if v}
        self.existing_sources = sources
        self.targets: dict[str, _Target] = {}  # by case id, in order of first mention
        self.by_name: dict[str, _Target] = {}
        self.sources: dict[tuple[str, str | None], Source] = {}
        self.row_count = 0
        self.stamp = now_iso()  # one import, one time: every record it makes carries it
        self.future: list[str] = []  # dates still to come: imported, but said (issue #17)

    def row(self, n: int, cells: dict[str, tuple[str, str]]) -> None:
        self.row_count += 1

        def where(f: str) -> str:
            return f"row {n}, column {cells[f][1]}" if f in cells else f"row {n}"

        values = {}
        for f, (text, _label) in cells.items():
            if text:
                if not is_plain_text(text) or (
                    f not in _MULTILINE and ("\n" in text or "\t" in text)
                ):
                    text = check_text(text, where(f))
                    if f not in _MULTILINE:
                        check_chars(text.strip(), where(f))
                values[f] = text.strip()

        def get(f: str) -> str:
            return values.get(f, "")

        if not get("case"):
            raise ValidationError(
                "the case's name is missing (required on every row)", where=where("case")
            )
        t = self.target(get("case"), get("case_id"), where("case"), where("case_id"))
        self.case_fields(t, get, where)
        sens = None
        if get("sensitivity"):
            sens = _SENSITIVITY_LOOKUP.get(get("sensitivity").casefold())
            if sens is None:
                raise ValidationError(
                    f"unknown sensitivity {quote(get('sensitivity'))}: "
                    "expected public, restricted or confidential "
                    "(公开, 限制, 机密)",
                    where=where("sensitivity"),
                )
        if not get("event_type"):
            given = [f for f in EVENT_COLUMNS if get(f)]
            if given:
                raise ValidationError(
                    f"{', '.join(given)} given but no event type: fill in "
                    "the event_type (事件) column",
                    where=where("event_type"),
                )
            if sens:
                t.sensitivity = sens
            return
        t.events.append(self.event(t, get, where, sens or "public"))
        t.event_sensitivities.append(sens or "public")

    def target(self, name: str, case_id: str, where_name: str, where_id: str) -> _Target:
        if case_id:
            if not _UUID_RE.fullmatch(case_id):
                raise ValidationError(f"{quote(case_id)} is not a case id (a UUID)", where=where_id)
            cid = self.existing.get(case_id.lower()) or case_id.lower()
            t = self.targets.get(cid)
            if t is None:
                known = cid in self.existing_ids
                t = _Target(cid, None if known else self.new_case(name, cid))
                self.targets[cid] = t
            self.by_name.setdefault(name, t)
            return t
        if name in self.by_name:
            return self.by_name[name]
        if name in self.existing:
            cid = self.existing[name]
            if cid is None:
                raise ValidationError(
                    f"several cases are named {quote(name)}: add a case_id column to say which one",
                    where=where_name,
                )
            t = self.targets.setdefault(cid, _Target(cid))
        else:
            case = self.new_case(name, new_id())
            t = self.targets[case.id] = _Target(case.id, case)
        self.by_name[name] = t
        return t

    def new_case(self, name: str, case_id: str) -> Case:
        return Case(id=case_id, name=name, created=self.stamp, updated=self.stamp)

    def case_fields(self, t: _Target, get, where) -> None:
        native, lang = get("native_name"), get("lang")
        if lang and not native:
            raise ValidationError(
                "a language is given but no native_name (原名) in the same row", where=where("lang")
            )
        if lang and not _LANG_RE.fullmatch(lang):
            raise ValidationError(
                f"{quote(lang)} is not a language tag: expected one such as "
                "zh-Hans, zh-Hant, bo, ug",
                where=where("lang"),
            )
        if native:
            name = Name(value=native, lang=lang or _guess_lang(native))
            if all((n.value, n.lang) != (name.value, name.lang) for n in t.names):
                t.names.append(name)
        for tag in _split(get("tags")):
            if tag not in t.tags:
                t.tags.append(tag)

    def event(self, t: _Target, get, where, sens: str) -> Event:
        etype = vocab.event_type_id(get("event_type"))
        if etype is None:
            raise ValidationError(
                f"unknown event type {quote(get('event_type'))}: expected an "
                "id such as detention or rsdl, or its Chinese term such as "
                "刑事拘留",
                where=where("event_type"),
            )
        # Cells hold dates as researchers write them (2015年7月9日, 2015/7/9 from a Chinese
        # Excel sheet, 9 July 2015, late 2017): core.date_input turns them into EDTF, and
        # refuses an ambiguous 09/07/2015 with a message that says what to type.
        dates: dict[str, str | None] = {}
        for f in ("date", "end", "reported", "last_confirmed"):
            if f == "date" and not get(f):
                raise ValidationError(
                    "an event needs a date (e.g. 2015-07-09, 2015年7月9日, 2015-10, 2018)",
                    where=where(f),
                )
            dates[f] = None
            if get(f):
                try:
                    dates[f] = parse_date_input(get(f)).edtf
                except ValidationError as e:
                    raise ValidationError(bare_message(e), where=where(f)) from None
        note = future_warning(dates["date"] or "", date.today())
        if note:
            self.future.append(f"{where('date')}: {note}")
        sentence = None
        if get("sentence"):
            try:
                read_verdict(get("sentence"))  # `P3Y suspended P4Y`, `免予刑事处罚`, …
            except ValidationError as e:
                raise ValidationError(bare_message(e), where=where("sentence")) from None
            sentence = get("sentence")
        charges = [vocab.charge_id(c) or c for c in _split(get("charges"))]
        e = Event(
            case_id=t.case_id,
            type=etype,
            date=dates["date"] or "",
            end=dates["end"],
            place=get("place") or None,
            authority=get("authority") or None,
            charges=charges,
            sentence=sentence,
            note=get("note") or None,
            sensitivity=sens,
            seq=len(t.events),
            created=self.stamp,
            updated=self.stamp,
            **{f: (dates[f] if f in dates else get(f) or None) for f in _TIMELINE_COLUMNS},
        )
        for f in _TRANSLATED:
            for lang in ("en", "zh"):
                if get(f"{f}_{lang}"):
                    e.translations.setdefault(f, {})[lang] = get(f"{f}_{lang}")
        source_id = self.source(get, where, sens)
        if source_id:
            e.source_ids.append(source_id)
        try:
            return validate.validate_event(e)
        except ValidationError as err:
            raise ValidationError(
                bare_message(err), where=where(err.where or "date"), remedy=err.remedy
            ) from None

    def source(self, get, where, sens: str) -> str | None:
        title, url = get("source_title"), get("source_url") or None
        if url:
            check_url(url, where("source_url"))
        if not title and not url:
            return None
        key = (title or url, url)
        if key in self.existing_sources:
            return self.existing_sources[key]
        s = self.sources.get(key)
        if s is None:
            s = self.sources[key] = Source(
                title=key[0], url=url, sensitivity=sens, created=self.stamp, updated=self.stamp
            )
        elif vocab.SENSITIVITY_RANK[sens] > vocab.SENSITIVITY_RANK[s.sensitivity]:
            s.sensitivity = sens  # a source is as sensitive as the most sensitive fact it backs
        return s.id

    def result(self, warnings: list[str]) -> SpreadsheetImport:
        warnings = warnings + self.future
        new_cases, events_for_existing, updates = [], {}, {}
        for t in self.targets.values():
            if t.case is not None:
                c = t.case
                c.names, c.tags, c.events = t.names, t.tags, t.events
                # Without a case-only row saying otherwise, a case is as open as its most
                # open row: a case whose every row is confidential stays confidential.
                c.sensitivity = t.sensitivity or min(
                    t.event_sensitivities or ["public"], key=vocab.SENSITIVITY_RANK.__getitem__
                )
                try:
                    new_cases.append(validate.validate_case(c))
                except ValidationError as e:
                    raise ValidationError(
                        bare_message(e), where=f"case {quote(c.name)}", remedy=e.remedy
                    ) from None
                continue
            if t.events:
                events_for_existing[t.case_id] = t.events
            if t.names or t.tags or t.sensitivity:
                updates[t.case_id] = CaseUpdate(t.case_id, t.names, t.tags, t.sensitivity)
        return SpreadsheetImport(
            new_cases=new_cases,
            events_for_existing=events_for_existing,
            sources=list(self.sources.values()),
            warnings=warnings,
            row_count=self.row_count,
            updates_for_existing=updates,
        )


def _split(text: str) -> list[str]:
    """`;`-separated (ASCII or full-width ；) items, trimmed, empty ones and repeats dropped."""
    return list(dict.fromkeys(p.strip() for p in _LIST_SPLIT.split(text) if p.strip()))


def _guess_lang(text: str) -> str:
    """A language tag for a native name given without one, from its script."""
    for ch in text:
        cp = ord(ch)
        if 0x0F00 <= cp <= 0x0FFF:
            return "bo"
        if 0x0600 <= cp <= 0x06FF or 0xFB50 <= cp <= 0xFEFF:
            return "ug"
        if 0x1800 <= cp <= 0x18AF:
            return "mn-Mong"
        if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF:
            return "zh"
    return "und"
