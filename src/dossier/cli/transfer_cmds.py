"""import, export-json, export-uwazi, import-uwazi."""

from __future__ import annotations

from dossier.core import vocab
from dossier.core.fileio import atomic_write_bytes
from dossier.services import transfer

from .common import add_store_options, emit_json, say, warn
from .store_cmds import open_dossier


def register(sub) -> None:
    p = sub.add_parser("import", help="import .csv, .xlsx or .json (all or nothing)")
    p.add_argument("file", metavar="FILE")
    add_store_options(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export-json", help="the interchange format, unencrypted")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--cases", metavar="IDS", help="comma-separated case ids or names")
    p.add_argument("--audience", choices=list(vocab.AUDIENCES), default="internal")
    add_store_options(p)
    p.set_defaults(func=cmd_export_json)

    p = sub.add_parser(
        "export-uwazi", help="cases, events and sources as Uwazi CSV files (unencrypted)"
    )
    p.add_argument("-o", "--output", required=True, metavar="FOLDER")
    p.add_argument("--cases", metavar="IDS", help="comma-separated case ids or names")
    p.add_argument("--audience", choices=list(vocab.AUDIENCES), default="internal")
    add_store_options(p)
    p.set_defaults(func=cmd_export_uwazi)

    p = sub.add_parser(
        "import-uwazi",
        help="cases.csv / events.csv / sources.csv from Uwazi or export-uwazi (all or nothing)",
    )
    p.add_argument("folder", metavar="FOLDER")
    add_store_options(p)
    p.set_defaults(func=cmd_import_uwazi)


def cmd_import(args) -> int:
    with open_dossier(args) as d:
        rep = transfer.import_file(d, args.file)
    for w in rep.warnings:
        warn(w)
    if args.json:
        emit_json(rep.to_json())
    else:
        say(
            f"imported: {rep.cases_added} new cases, {rep.cases_updated} updated, "
            f"{rep.events_added} events, {rep.sources_added} sources"
        )
    return 0


def resolve_ids(d, text: str | None) -> list[str] | None:
    if not text:
        return None
    return [d.resolve_case(part) for part in text.split(",") if part.strip()]


def cmd_export_json(args) -> int:
    with open_dossier(args) as d:
        data = transfer.export_json(d, resolve_ids(d, args.cases), args.audience)
    atomic_write_bytes(args.output, data, mode=0o600)
    warn(f"{args.output} is NOT encrypted: anyone who gets the file can read it")
    if args.json:
        emit_json({"output": args.output, "bytes": len(data)})
    else:
        say(f"wrote {args.output}")
    return 0


def cmd_export_uwazi(args) -> int:
    with open_dossier(args) as d:
        paths = transfer.export_uwazi(d, args.output, resolve_ids(d, args.cases), args.audience)
    warn(f"the files in {args.output} are NOT encrypted: anyone who gets them can read them")
    if args.json:
        emit_json({"output": [str(p) for p in paths]})
    else:
        say("wrote " + ", ".join(str(p) for p in paths))
    return 0


def cmd_import_uwazi(args) -> int:
    with open_dossier(args) as d:
        rep = transfer.import_uwazi(d, args.folder)
    if args.json:
        emit_json(rep.to_json())
    else:
        say(
            f"imported: {rep.cases_added} new cases, {rep.events_added} events, "
            f"{rep.sources_added} sources ({rep.skipped} already here)"
        )
    return 0
