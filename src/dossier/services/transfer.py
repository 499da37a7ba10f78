"""Files in and out of a store: spreadsheet and JSON import, interchange export.

Imports parse and validate the whole file first (interchange raises on the first
bad row), then write everything in one transaction: all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from dossier.core import validate
from dossier.core.errors import ValidationError
from dossier.core.model import Case, Source
from dossier.interchange import json_format, spreadsheet, uwazi
from dossier.store import repo
from dossier.store.schema import CaseRow, SourceRow

from .dossier import Dossier

MAX_IMPORT_BYTES = 512 * 1024 * 1024


@dataclass
class ImportReport:
    cases_added: int = 0
    cases_updated: int = 0
    events_added: int = 0
    sources_added: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return self.__dict__.copy()


def import_file(d: Dossier, path: str | Path) -> ImportReport:
    path = Path(path)
    if not path.is_file():
        raise ValidationError(f"no such file: {path}")
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise ValidationError(f"{path.name} is larger than {MAX_IMPORT_BYTES // 2**20} MiB")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".xlsx"):
        return _import_spreadsheet(d, path)
    if suffix == ".json":
        return import_bundle(d, json_format.load(path.read_bytes()))
    raise ValidationError(
        f"cannot import {path.name}: expected a .csv, .xlsx or .json file", where=str(path)
    )


def _existing(d: Dossier) -> tuple[dict[str, str | None], dict[tuple[str, str | None], str]]:
    """Case ids by id and exact name (None where a name is shared), sources by (title, url)."""
    with d.store.read() as s:
        rows = s.execute(select(CaseRow.id, CaseRow.name)).all()
        srcs = s.execute(select(SourceRow.id, SourceRow.title, SourceRow.url)).all()
    cases: dict[str, str | None] = {}
    for cid, name in rows:
        cases[cid] = cid
        cases[name] = None if name in cases and cases[name] != cid else cid
    return cases, {(title, url): sid for sid, title, url in srcs}


def _import_spreadsheet(d: Dossier, path: Path) -> ImportReport:
    existing_cases, existing_sources = _existing(d)
    result = spreadsheet.parse_spreadsheet(path, existing_cases, existing_sources=existing_sources)
    rep = ImportReport(warnings=list(result.warnings))
    for c in result.new_cases:
        validate.validate_case(c)
        for e in c.events:
            validate.validate_event(e)
    for evs in result.events_for_existing.values():
        for e in evs:
            validate.validate_event(e)
    with d.store.write(f"import {path.name}") as s:
        remap = _put_sources(s, result.sources, rep, d.author)
        touched: list[str] = []
        for c in result.new_cases:
            c.author = c.author or d.author
            repo.put_case_row(s, c)
            for e in c.events:
                e.case_id = c.id
                e.source_ids = [remap.get(x, x) for x in e.source_ids]
                repo.put_event(s, e)
                rep.events_added += 1
            touched.append(c.id)
            rep.cases_added += 1
            repo.log(
                s,
                "case",
                c.id,
                c.id,
                "create",
                f"imported case {c.name} from {path.name}",
                d.author,
            )
        for cid, evs in result.events_for_existing.items():
            base = repo.next_seq(s, cid)
            for i, e in enumerate(evs):
                e.case_id = cid
                e.seq = base + i
                e.source_ids = [remap.get(x, x) for x in e.source_ids]
                repo.put_event(s, e)
                rep.events_added += 1
            touched.append(cid)
            repo.log(
                s,
                "case",
                cid,
                cid,
                "update",
                f"imported {len(evs)} events from {path.name}",
                d.author,
            )
        for cid, upd in result.updates_for_existing.items():
            case = repo.get_case(s, cid, with_events=False)
            have = {(n.value, n.lang) for n in case.names}
            case.names += [n for n in upd.names if (n.value, n.lang) not in have]
            case.tags += [t for t in upd.tags if t not in case.tags]
            if upd.sensitivity:
                case.sensitivity = upd.sensitivity
            repo.put_case_row(s, validate.validate_case(case))
            touched.append(cid)
        rep.cases_updated = len(set(touched)) - rep.cases_added
    return rep


def _put_sources(s, sources: list[Source], rep: ImportReport, author) -> dict[str, str]:
    """Insert new sources; reuse an existing one with the same title and URL."""
    remap: dict[str, str] = {}
    for src in sources:
        validate.validate_source(src)
        found = repo.find_source(s, src.title, src.url)
        if found:
            remap[src.id] = found
            continue
        if repo.source_exists(s, src.id):
            continue
        src.author = src.author or author
        repo.put_source(s, src)
        rep.sources_added += 1
    return remap


def import_bundle(d: Dossier, bundle: json_format.Bundle) -> ImportReport:
    """Add the bundle's records; a record that exists with other content is refused
    (merging two versions is what `share import` does, with a conflict report)."""
    rep = ImportReport()
    with d.store.write("import json") as s:
        for o in bundle.organisations:
            repo.put_organisation(s, o)
        for src in bundle.sources:
            if repo.source_exists(s, src.id):
                rep.skipped += 1
                continue
            repo.put_source(s, validate.validate_source(src))
            rep.sources_added += 1
        for c in bundle.cases:
            if repo.case_exists(s, c.id):
                mine = repo.get_case(s, c.id)
                if _same_case(mine, c):
                    rep.skipped += 1
                    continue
                raise ValidationError(
                    f"case {c.name!r} ({c.id}) already exists here with other content",
                    remedy="use `dossier share import` to merge two versions of a case",
                )
            validate.validate_case(c)
            repo.put_case_row(s, c)
            for e in c.events:
                e.case_id = c.id
                validate.validate_event(e)
                repo.put_event(s, e)
                rep.events_added += 1
            rep.cases_added += 1
            repo.log(s, "case", c.id, c.id, "create", f"imported case {c.name}", d.author)
    return rep


def _same_case(a: Case, b: Case) -> bool:
    def key(c: Case) -> tuple:
        return (
            c.name,
            c.sensitivity,
            sorted(c.tags),
            [(e.id, e.type, e.date) for e in sorted(c.events, key=lambda e: e.id)],
        )

    return key(a) == key(b)


def export_bundle(
    d: Dossier, case_ids: list[str] | None, audience: str | None
) -> json_format.Bundle:
    """The chosen cases (None: all) with the sources their events cite, unfiltered;
    json_format.dump applies the audience."""
    ids = case_ids if case_ids is not None else d.all_case_ids()
    with d.store.read() as s:
        cases = [repo.get_case(s, cid) for cid in ids]
        cited = {sid for c in cases for e in c.events for sid in e.source_ids}
        sources = list(repo.get_sources(s, cited).values())
        orgs = repo.get_organisations(s)
    return json_format.Bundle(cases=cases, sources=sources, organisations=orgs)


def export_json(d: Dossier, case_ids: list[str] | None, audience: str | None) -> bytes:
    return json_format.dumps(export_bundle(d, case_ids, audience), audience=audience)


def export_uwazi(
    d: Dossier, folder: str | Path, case_ids: list[str] | None, audience: str | None
) -> list[Path]:
    """cases.csv, events.csv and sources.csv for Uwazi's CSV import, redacted for
    `audience` exactly as `export-json` is (see interchange/uwazi.py)."""
    doc = json_format.dump(export_bundle(d, case_ids, audience), audience=audience)
    return uwazi.write_folder(doc, folder)


def import_uwazi(d: Dossier, path: str | Path) -> ImportReport:
    """Records from Uwazi CSV files (or Dossier's own export of them); all or nothing."""
    return import_bundle(d, uwazi.read_folder(path))
