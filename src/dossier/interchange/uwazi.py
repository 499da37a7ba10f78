"""Uwazi-compatible CSV: records move both ways between Dossier and HURIDOCS' Uwazi.

Organisations that keep their collection in Uwazi import CSV files per template
(https://uwazi.readthedocs.io, "Import CSV"): a `title` column, one column per property
named as the property (headers are matched case-insensitively, spaces as `_`), several
values in one cell separated by `|`, dates as `YYYY/MM/DD` and date ranges as
`start:end`. Dossier writes three files, one per template — `cases.csv` (people),
`events.csv` (their timelines: `case` is a relationship to the person by title) and
`sources.csv` — and reads the same files back.

Two rules keep a round trip exact:
* Every vague date travels twice: as an Uwazi date or date range (`date`, what Uwazi can
  filter on) and as its EDTF text (`date_edtf`), which the import prefers.
* Every record carries its Dossier id (`dossier_id`), so importing a file again, or a
  file that went through Uwazi and back, finds the same records.

Export starts from the interchange document (`json_format.dump`, already redacted for
the audience); import builds an interchange document and hands it to
`json_format.load`, so a CSV gets exactly the hostile-input checks a JSON file gets.
Errors name the file, the row (as a spreadsheet numbers it) and the column.
Attachments do not travel (Uwazi takes them in a ZIP beside the CSV; a later step).
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

from dossier.core import vocab
from dossier.core.bilingual import NARRATIVE_FIELDS
from dossier.core.dates import try_parse_edtf
from dossier.core.errors import ValidationError
from dossier.core.huridocs import event_type_term
from dossier.core.model import now_iso
from dossier.interchange import json_format, limits

FILES = ("cases.csv", "events.csv", "sources.csv")
_SEP = "|"
# Event keys written as their own columns; any other scalar key of the interchange
# event (fields added by later schema versions) is written under its own name.
_EVENT_OWN = ("id", "type", "date", "end", "charges", "source_ids", "created", "updated")
_CASE_SCALARS = ("sensitivity", "summary", "gender", "birth_year", "occupation", "nationality")
_SOURCE_SCALARS = ("publisher", "reliability", "sensitivity", "note")
# A stable namespace for ids made from Uwazi rows that never had a Dossier id.
_NS = uuid.UUID("3f0f6c7e-8c1b-4d0e-9a55-5d6f1c1e2a77")


# --- export -------------------------------------------------------------------------


def export_tables(doc: dict) -> dict[str, str]:
    """CSV text of the three files for an interchange document (`json_format.dump`)."""
    sources = {s["id"]: s for s in doc["sources"]}
    cases_rows, event_rows, source_rows = [], [], []
    extra: list[str] = []
    for c in doc["cases"]:
        cases_rows.append(
            {
                "title": c["name"],
                "dossier_id": c["id"],
                "names": _join(n["value"] for n in c["names"]),
                "names_lang": _join(n["lang"] for n in c["names"]),
                "names_kind": _join(n["kind"] for n in c["names"]),
                "tags": _join(c["tags"]),
                **{k: c.get(k) or "" for k in _CASE_SCALARS},
                # Asks and related people: one per line, for people reading them in Uwazi; the
                # whole records (ids, addressees, notes, links) in `dossier_extra` (JSON), which
                # the import prefers, so nothing is lost on the way back.
                "asks": "\n".join(a["text"] for a in c["asks"]),
                "related_people": "\n".join(
                    f"{r['name']} ({r['relation']})" if r["relation"] else r["name"]
                    for r in c["relations"]
                ),
                "dossier_extra": json.dumps(
                    {"asks": c["asks"], "relations": c["relations"]},
                    ensure_ascii=False,
                    sort_keys=True,
                ),
                **_lang_cells(c),
            }
        )
        for e in c["events"]:
            row = {
                "title": f"{c['name']} — {_type_label(e['type'])} — {e['date']}",
                "dossier_id": e["id"],
                "case": c["name"],
                "case_dossier_id": c["id"],
                "event_type": _type_label(e["type"]),
                "event_type_id": e["type"],
                "huridocs": event_type_term(e["type"]),
                "date": uwazi_date(e["date"]),
                "date_edtf": e["date"],
                "end": uwazi_date(e["end"]),
                "end_edtf": e["end"] or "",
                "charges": _join(_charge_label(x) for x in e["charges"]),
                "charge_ids": _join(e["charges"]),
                "sources": _join(sources[s]["title"] for s in e["source_ids"] if s in sources),
                "source_ids": _join(e["source_ids"]),
                **_lang_cells(e),
            }
            for k, v in e.items():
                if k in _EVENT_OWN or k in row or isinstance(v, (list, dict)):
                    continue
                row[k] = "" if v is None else str(v)
                if k not in extra:
                    extra.append(k)
            event_rows.append(row)
    for s in doc["sources"]:
        source_rows.append(
            {
                "title": s["title"],
                "dossier_id": s["id"],
                "url": s["url"] or "",
                "date": uwazi_date(s["date"]),
                "date_edtf": s["date"] or "",
                "protected": "yes" if s["protected"] else "",
                **{k: s.get(k) or "" for k in _SOURCE_SCALARS},
                **_lang_cells(s),
            }
        )
    event_head = [
        "title",
        "dossier_id",
        "case",
        "case_dossier_id",
        "event_type",
        "event_type_id",
        "huridocs",
        "date",
        "date_edtf",
        "end",
        "end_edtf",
        "charges",
        "charge_ids",
        "sources",
        "source_ids",
        *extra,
        *_lang_columns(event_rows),
    ]
    case_head = [
        "title",
        "dossier_id",
        "names",
        "names_lang",
        "names_kind",
        "tags",
        *_CASE_SCALARS,
        "asks",
        "related_people",
        "dossier_extra",
        *_lang_columns(cases_rows),
    ]
    source_head = [
        "title",
        "dossier_id",
        "url",
        "date",
        "date_edtf",
        "protected",
        *_SOURCE_SCALARS,
        *_lang_columns(source_rows),
    ]
    return {
        "cases.csv": _csv(case_head, cases_rows),
        "events.csv": _csv(event_head, event_rows),
        "sources.csv": _csv(source_head, source_rows),
    }


def _lang_cells(record: dict) -> dict[str, str]:
    """Versions by language as Uwazi's multilingual columns: `note__zh`, `summary__en`."""
    return {
        f"{field}__{lang}": text
        for field, versions in (record.get("translations") or {}).items()
        for lang, text in versions.items()
    }


def _lang_columns(rows: list[dict]) -> list[str]:
    return sorted({k for r in rows for k in r if "__" in k})


def write_folder(doc: dict, folder: str | Path) -> list[Path]:
    """Write the three files into `folder` (created if missing), each atomically."""
    from dossier.core.fileio import atomic_write_bytes

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in export_tables(doc).items():
        atomic_write_bytes(out / name, text.encode("utf-8"))
        paths.append(out / name)
    return paths


def uwazi_date(edtf: str | None) -> str:
    """An Uwazi date (`2015/07/09`) or date range (`2015/07/01:2015/07/31`); open ends
    stay blank, as Uwazi writes a missing end."""
    r = try_parse_edtf(edtf) if edtf else None
    if r is None:
        return ""
    a = "" if r.earliest.year <= 1 else r.earliest.strftime("%Y/%m/%d")
    b = "" if r.latest.year >= 9999 else r.latest.strftime("%Y/%m/%d")
    return a if r.exact else f"{a}:{b}"


def _csv(head: list[str], rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=head, extrasaction="raise", lineterminator="\r\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: r.get(k, "") for k in head})
    return buf.getvalue()


def _join(values: Iterable[str]) -> str:
    vals = [v for v in values if v]
    for v in vals:
        if _SEP in v:
            raise ValidationError(
                f"{v!r} holds {_SEP!r}, which Uwazi reads as a separator between values",
                remedy="replace it before exporting",
            )
    return _SEP.join(vals)


def _type_label(type_id: str) -> str:
    t = vocab.EVENT_TYPES.get(type_id)
    return t.en if t else type_id


def _charge_label(charge: str) -> str:
    t = vocab.CHARGES.get(charge)
    return t.en if t else charge


# --- import -------------------------------------------------------------------------


def read_folder(path: str | Path) -> json_format.Bundle:
    """A validated Bundle from `cases.csv` (and `events.csv`, `sources.csv` if present)
    in a folder; ValidationError naming file, row and column otherwise."""
    folder = Path(path)
    if folder.is_file():
        folder = folder.parent
    tables: dict[str, str] = {}
    for name in FILES:
        p = folder / name
        if p.exists():
            if p.stat().st_size > limits.MAX_SPREADSHEET_BYTES:
                raise ValidationError(
                    f"{name} is larger than {limits.MAX_SPREADSHEET_BYTES // 2**20} MiB"
                )
            try:
                tables[name] = p.read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError as e:
                raise ValidationError(f"{name} is not UTF-8 text (byte {e.start})") from None
    if "cases.csv" not in tables:
        raise ValidationError(
            f"no cases.csv in {folder}",
            remedy="point at the folder `dossier export-uwazi` wrote, or at "
            "an Uwazi export of the people template saved as cases.csv",
        )
    return import_tables(tables)


def import_tables(tables: dict[str, str]) -> json_format.Bundle:
    rows = {name: _rows(name, text) for name, text in tables.items()}
    sources, source_by_title = [], {}
    for n, r in rows.get("sources.csv", []):
        w = _Where("sources.csv", n)
        sid = r.get("dossier_id") or _made_id("source", r.get("title", ""), n)
        source_by_title[r.get("title", "")] = sid
        sources.append(
            {
                "id": sid,
                "title": w.required(r, "title"),
                "url": r.get("url") or None,
                "date": _edtf(r, "date", w),
                "protected": r.get("protected", "").lower() in ("yes", "true", "1", "x"),
                **{k: r.get(k) or None for k in _SOURCE_SCALARS if k != "sensitivity"},
                "sensitivity": r.get("sensitivity") or "public",
                "attachments": [],
                "created": now_iso(),
                "updated": now_iso(),
                **_translations(r, "source"),
            }
        )
    cases, by_id, by_title = [], {}, {}
    for n, r in rows["cases.csv"]:
        w = _Where("cases.csv", n)
        title = w.required(r, "title")
        cid = r.get("dossier_id") or _made_id("case", title, n)
        values, langs, kinds = (_split(r.get(k, "")) for k in ("names", "names_lang", "names_kind"))
        case = {
            "id": cid,
            "name": title,
            "names": [
                {
                    "value": v,
                    "lang": langs[i] if i < len(langs) else "und",
                    "kind": kinds[i] if i < len(kinds) else "legal",
                }
                for i, v in enumerate(values)
            ],
            "tags": _split(r.get("tags", "")),
            **{k: r.get(k) or None for k in _CASE_SCALARS if k != "sensitivity"},
            "sensitivity": r.get("sensitivity") or "public",
            "birth_year": r.get("birth_year") or None,
            "asks": _asks(r, cid, n),
            "relations": _relations(r, cid, n),
            "events": [],
            "created": now_iso(),
            "updated": now_iso(),
            **_translations(r, "case"),
        }
        cases.append(case)
        by_id[cid] = case
        by_title.setdefault(title, case)
    for n, r in rows.get("events.csv", []):
        w = _Where("events.csv", n)
        case = by_id.get(r.get("case_dossier_id", "")) or by_title.get(r.get("case", ""))
        if case is None:
            raise ValidationError(
                f"{w}, column case: no person titled {r.get('case', '')!r} in cases.csv"
            )
        event = {
            k: v or None for k, v in r.items() if k not in _EVENT_COLUMNS_READ and "__" not in k
        }
        event.update(
            {
                "id": r.get("dossier_id") or _made_id("event", case["id"] + str(n), n),
                "type": _event_type(r, w),
                "date": _edtf(r, "date", w, required=True),
                "end": _edtf(r, "end", w),
                "charges": _split(r.get("charge_ids", ""))
                or [vocab.charge_id(c) or c for c in _split(r.get("charges", ""))],
                "source_ids": _split(r.get("source_ids", ""))
                or [
                    source_by_title[t] for t in _split(r.get("sources", "")) if t in source_by_title
                ],
                "seq": _int(r.get("seq"), len(case["events"]), w),
                "sensitivity": r.get("sensitivity") or "public",
                "created": now_iso(),
                "updated": now_iso(),
                **_translations(r, "event"),
            }
        )
        case["events"].append(event)
    doc = {
        "format": json_format.FORMAT,
        "version": json_format.VERSION,
        "cases": cases,
        "sources": sources,
        "organisations": [],
    }
    try:
        return json_format.load(doc)
    except ValidationError as exc:
        raise _located(exc, rows) from None


# Columns of events.csv that are read into other keys (or are Uwazi's own).
_EVENT_COLUMNS_READ = frozenset(
    {
        "title",
        "dossier_id",
        "case",
        "case_dossier_id",
        "event_type",
        "event_type_id",
        "huridocs",
        "date",
        "date_edtf",
        "end",
        "end_edtf",
        "charges",
        "charge_ids",
        "sources",
        "source_ids",
        "seq",
        "sensitivity",
        "date_added",
        "template",
        "language",
        "shared_id",
    }
)


class _Where:
    def __init__(self, file: str, row: int) -> None:
        self.file, self.row = file, row

    def __str__(self) -> str:
        return f"{self.file} row {self.row}"

    def required(self, r: dict, key: str) -> str:
        v = r.get(key, "").strip()
        if not v:
            raise ValidationError(f"{self}, column {key}: a value is required")
        return v


def _translations(r: dict, record_type: str) -> dict:
    """`field__lang` columns (Uwazi's multilingual properties) as versions by language."""
    out: dict[str, dict[str, str]] = {}
    for key, text in r.items():
        field, sep, lang = key.partition("__")
        if sep and text and field in NARRATIVE_FIELDS[record_type]:
            out.setdefault(field, {})[lang] = text
    return {"translations": out} if out else {}


def _header(h: str) -> str:
    """Uwazi's matching of a header to a property name: `My Property` → `my_property`."""
    return re.sub(r"\s+", "_", h.strip().lower())


def _rows(name: str, text: str) -> list[tuple[int, dict[str, str]]]:
    try:
        sample = text[:4096]
        dialect = csv.Sniffer().sniff(sample, delimiters=",;") if sample else csv.excel
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        head = [_header(h) for h in next(reader)]
    except StopIteration:
        raise ValidationError(
            f"{name} is empty: expected a header row with a title column"
        ) from None
    if "title" not in head:
        raise ValidationError(f"{name} has no title column (Uwazi requires one)")
    out = []
    for i, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(out) >= limits.MAX_EVENTS:
            raise ValidationError(f"{name} has more than {limits.MAX_EVENTS:,} rows")
        out.append((i, {h: c.strip() for h, c in zip(head, cells, strict=False) if h}))
    return out


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(_SEP) if v.strip()]


def _lines(cell: str) -> list[str]:
    return [ln.strip() for ln in cell.splitlines() if ln.strip()]


def _extra(r: dict, key: str, w: _Where) -> list | None:
    """`dossier_extra`'s list under `key`, or None when the row has none (an Uwazi row)."""
    raw = r.get("dossier_extra", "")
    if not raw:
        return None
    try:
        value = json.loads(raw).get(key)
    except (ValueError, AttributeError):
        raise ValidationError(f"{w}, column dossier_extra: not the JSON Dossier wrote") from None
    return value if isinstance(value, list) else None


def _asks(r: dict, case_id: str, n: int) -> list:
    found = _extra(r, "asks", _Where("cases.csv", n))
    if found is not None:
        return found
    return [{"id": _made_id("ask", case_id + t, n), "text": t} for t in _lines(r.get("asks", ""))]


def _relations(r: dict, case_id: str, n: int) -> list:
    found = _extra(r, "relations", _Where("cases.csv", n))
    if found is not None:
        return found
    out = []
    for line in _lines(r.get("related_people", "")):
        m = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", line)
        name, relation = (m.group(1), m.group(2)) if m else (line, "")
        out.append(
            {"id": _made_id("relation", case_id + line, n), "name": name, "relation": relation}
        )
    return out


def _made_id(kind: str, text: str, n: int) -> str:
    return str(uuid.uuid5(_NS, f"{kind}:{n}:{text}"))


def _int(v: str | None, default: int, w: _Where) -> int:
    if not v:
        return default
    try:
        return int(v)
    except ValueError:
        raise ValidationError(f"{w}, column seq: {v!r} is not a whole number") from None


def _event_type(r: dict, w: _Where) -> str:
    tid = r.get("event_type_id", "")
    if tid in vocab.EVENT_TYPES:
        return tid
    label = r.get("event_type", "")
    found = vocab.event_type_id(label) if label else None
    if found is None:
        raise ValidationError(
            f"{w}, column event_type: {label or tid!r} is not an event type "
            f"(expected one of: {', '.join(t.en for t in vocab.EVENT_TYPES.values())})"
        )
    return found


_UWAZI_DAY = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})")


def _edtf(r: dict, key: str, w: _Where, *, required: bool = False) -> str | None:
    """The EDTF of a date column: its `_edtf` twin if filled, else the Uwazi date or
    range turned into EDTF (a range that is exactly a month or a year reads back so)."""
    text = r.get(f"{key}_edtf", "")
    if text:
        if try_parse_edtf(text) is None:
            raise ValidationError(f"{w}, column {key}_edtf: {text!r} is not an EDTF date")
        return text
    cell = r.get(key, "")
    if not cell:
        if required:
            raise ValidationError(f"{w}, column {key}: a date is required")
        return None
    parts = cell.split(":") if ":" in cell else [cell]
    if len(parts) > 2:
        raise ValidationError(f"{w}, column {key}: {cell!r} is not a date or a date range")
    days = [_day(p, key, w) if p.strip() else None for p in parts]
    if len(days) == 1:
        return days[0].isoformat()
    a, b = days
    if (
        a
        and b
        and a.day == 1
        and a.month == 1
        and (b.month, b.day) == (12, 31)
        and a.year == b.year
    ):
        return str(a.year)
    if a and b and a.day == 1 and (a.year, a.month) == (b.year, b.month) and _month_end(b):
        return f"{a.year:04d}-{a.month:02d}"
    return f"{a.isoformat() if a else '..'}/{b.isoformat() if b else '..'}"


def _month_end(d: date) -> bool:
    return (d + timedelta(days=1)).month != d.month


def _day(text: str, key: str, w: _Where) -> date:
    m = _UWAZI_DAY.fullmatch(text.strip())
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return datetime.strptime(text.strip(), "%B %d, %Y").date()
    except ValueError:
        raise ValidationError(
            f"{w}, column {key}: {text!r} is not a date (write 2015/07/09, "
            "2015-07-09 or July 9, 2015)"
        ) from None


_PATH = re.compile(r"^(cases|sources)\[(\d+)\](?:\.events\[(\d+)\])?")


def _located(exc: ValidationError, rows: dict) -> ValidationError:
    """The interchange reader's path (`cases[2].events[0].place`) as file, row, column."""
    where = getattr(exc, "where", None) or ""
    m = _PATH.match(where)
    if not m:
        return exc
    kind, i, j = m.group(1), int(m.group(2)), m.group(3)
    column = where[m.end() :].lstrip(".") or "?"
    if kind == "sources":
        loc = f"sources.csv row {rows['sources.csv'][i][0]}"
    elif j is None:
        loc = f"cases.csv row {rows['cases.csv'][i][0]}"
    else:
        case_rows = rows["cases.csv"]
        case_id = case_rows[i][1].get("dossier_id")
        title = case_rows[i][1].get("title")
        mine = [
            n
            for n, r in rows.get("events.csv", [])
            if r.get("case_dossier_id") == case_id
            or (not r.get("case_dossier_id") and r.get("case") == title)
        ]
        loc = f"events.csv row {mine[int(j)]}" if int(j) < len(mine) else "events.csv"
    bare = exc.message
    if bare.startswith(where + ": "):
        bare = bare[len(where) + 2 :]
    return ValidationError(f"{loc}, column {column}: {bare}", remedy=exc.remedy)
