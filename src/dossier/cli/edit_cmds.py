"""edit-case, edit-event, edit-source, delete-event, delete-case, delete-source: the command line
changes and removes what it can add.

Every command is one transaction: a refused value (a bad date, an unknown type) leaves
the store exactly as it was. Deleting asks first at a terminal; a script says `--yes`.
An empty value (`--note ""`) clears an optional field.
"""

from __future__ import annotations

import argparse
import sys

from dossier.core import vocab
from dossier.core.errors import UsageError
from dossier.core.model import Name
from dossier.services import editing

from .case_cmds import case_json, event_json, source_json, vocab_epilog
from .common import CASE_HELP, add_store_options, emit_json, say
from .store_cmds import open_dossier

_EVENT_HELP = "an event id, or a unique start of it (6+ characters; `show CASE --json` lists them)"


def register(sub) -> None:
    p = sub.add_parser("edit-case", help="change a case's fields, names and tags")
    p.add_argument("case", metavar="CASE", help=CASE_HELP)
    p.add_argument("--name", help="the display name")
    p.add_argument(
        "--add-name", action="append", default=[], metavar="N", help="another name (王全璋)"
    )
    p.add_argument(
        "--lang",
        action="append",
        default=[],
        metavar="L",
        help="BCP 47 tag of the matching --add-name",
    )
    p.add_argument("--remove-name", action="append", default=[], metavar="N")
    p.add_argument("--add-tag", action="append", default=[], metavar="T")
    p.add_argument("--remove-tag", action="append", default=[], metavar="T")
    p.add_argument("--sensitivity", choices=list(vocab.SENSITIVITIES))
    for opt in ("summary", "gender", "birth-year", "occupation", "nationality"):
        p.add_argument(
            f"--{opt}",
            metavar="TEXT",
            help='"" clears it' if opt != "birth-year" else 'EDTF; "" clears it',
        )
    add_store_options(p)
    p.set_defaults(func=cmd_edit_case)

    p = sub.add_parser(
        "edit-event",
        help="change an event's fields",
        epilog=vocab_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("event", metavar="EVENT", help=_EVENT_HELP)
    p.add_argument("--type", help="an event type id or its Chinese term (listed below)")
    p.add_argument("--date", metavar="EDTF")
    for opt, meta in (
        ("end", "EDTF"),
        ("place", "P"),
        ("authority", "A"),
        ("sentence", "DURATION"),
        ("note", "TEXT"),
    ):
        p.add_argument(f"--{opt}", metavar=meta, help='"" clears it')
    p.add_argument(
        "--charge",
        action="append",
        metavar="C",
        help='replaces the charges (repeat it; --charge "" clears)',
    )
    p.add_argument(
        "--source",
        action="append",
        metavar="SOURCE_ID",
        help='replaces the sources (--source "" clears)',
    )
    p.add_argument("--confidence", choices=["confirmed", "reported", "disputed", ""])
    p.add_argument("--sensitivity", choices=list(vocab.SENSITIVITIES))
    add_store_options(p)
    p.set_defaults(func=cmd_edit_event)

    p = sub.add_parser("edit-source", help="change a source's fields")
    p.add_argument(
        "source", metavar="SOURCE", help="a source id, or a unique start of it (6+ characters)"
    )
    p.add_argument("--title")
    for opt, meta in (
        ("url", "URL"),
        ("date", "EDTF"),
        ("publisher", "P"),
        ("reliability", "R"),
        ("note", "TEXT"),
    ):
        p.add_argument(f"--{opt}", metavar=meta, help='"" clears it')
    prot = p.add_mutually_exclusive_group()
    prot.add_argument(
        "--protected",
        action="store_true",
        default=None,
        help="a source whose identity must be protected",
    )
    prot.add_argument("--not-protected", dest="protected", action="store_false")
    p.add_argument("--sensitivity", choices=list(vocab.SENSITIVITIES))
    add_store_options(p)
    p.set_defaults(func=cmd_edit_source)

    for what, ref_help in (
        ("event", _EVENT_HELP),
        ("case", CASE_HELP),
        ("source", "a source id, or a unique start of it (6+ characters)"),
    ):
        p = sub.add_parser(f"delete-{what}", help=f"delete a {what} (asks first; --yes in scripts)")
        p.add_argument("ref", metavar=what.upper(), help=ref_help)
        p.add_argument("-y", "--yes", action="store_true", help="do not ask")
        add_store_options(p)
        p.set_defaults(
            func={"event": cmd_delete_event, "case": cmd_delete_case, "source": cmd_delete_source}[
                what
            ]
        )


def _clear(value: str | None) -> str | None:
    return value if value is None or value.strip() else None


def confirm(args, question: str) -> None:
    """Ask at a terminal; without one, only --yes goes ahead (nothing is changed)."""
    if getattr(args, "yes", False):
        return
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(
            f"{question} — not confirmed", remedy="add --yes to go ahead without a question"
        )
    sys.stderr.write(f"{question} [y/N] ")
    sys.stderr.flush()
    if sys.stdin.readline().strip().lower() not in ("y", "yes"):
        raise UsageError("cancelled; nothing was changed")


def cmd_edit_case(args) -> int:
    if len(args.lang) > len(args.add_name):
        raise UsageError("each --lang goes with an --add-name before it")
    with open_dossier(args) as d:
        cid = d.resolve_case(args.case)
        case = d.get_case(cid)
        changes: dict = {}
        if args.name is not None:
            changes["name"] = args.name
        if args.sensitivity:
            changes["sensitivity"] = args.sensitivity
        for opt in ("summary", "gender", "birth_year", "occupation", "nationality"):
            value = getattr(args, opt)
            if value is not None:
                changes[opt] = _clear(value)
        if args.add_name or args.remove_name:
            missing = [n for n in args.remove_name if n not in {x.value for x in case.names}]
            if missing:
                raise UsageError(f"the case has no name {missing[0]!r} to remove")
            names = [n for n in case.names if n.value not in args.remove_name]
            names += [
                Name(value=n, lang=args.lang[i] if i < len(args.lang) else "und", kind="alias")
                for i, n in enumerate(args.add_name)
            ]
            changes["names"] = names
        if args.add_tag or args.remove_tag:
            changes["tags"] = [
                t for t in dict.fromkeys([*case.tags, *args.add_tag]) if t not in args.remove_tag
            ]
        if not changes:
            raise UsageError("nothing to change", remedy="see `dossier edit-case --help`")
        editing.edit_case(d, cid, changes)
        doc = case_json(d, cid, None)
    if args.json:
        emit_json(doc)
    else:
        say(cid)
    return 0


def cmd_edit_event(args) -> int:
    changes: dict = {}
    for opt in ("type", "date", "sensitivity"):
        if getattr(args, opt):
            changes[opt] = getattr(args, opt)
    for opt in ("end", "place", "authority", "sentence", "note", "confidence"):
        value = getattr(args, opt)
        if value is not None:
            changes[opt] = _clear(value)
    if args.charge is not None:
        changes["charges"] = [c for c in args.charge if c.strip()]
    if args.source is not None:
        changes["source_ids"] = [x for x in args.source if x.strip()]
    if not changes:
        raise UsageError("nothing to change", remedy="see `dossier edit-event --help`")
    with open_dossier(args) as d:
        eid = editing.resolve_event(d, args.event)
        if "source_ids" in changes:
            changes["source_ids"] = [editing.resolve_source(d, x) for x in changes["source_ids"]]
        _before, after = editing.edit_event(d, eid, changes)
    if args.json:
        emit_json(event_json(after))
    else:
        say(eid)
    return 0


def cmd_edit_source(args) -> int:
    changes: dict = {}
    if args.title is not None:
        changes["title"] = args.title
    for opt in ("url", "date", "publisher", "reliability", "note"):
        value = getattr(args, opt)
        if value is not None:
            changes[opt] = _clear(value)
    if args.protected is not None:
        changes["protected"] = args.protected
    if args.sensitivity:
        changes["sensitivity"] = args.sensitivity
    if not changes:
        raise UsageError("nothing to change", remedy="see `dossier edit-source --help`")
    with open_dossier(args) as d:
        sid = editing.resolve_source(d, args.source)
        _before, after = editing.edit_source(d, sid, changes)
    if args.json:
        emit_json(source_json(after))
    else:
        say(sid)
    return 0


def cmd_delete_event(args) -> int:
    with open_dossier(args) as d:
        eid = editing.resolve_event(d, args.ref)
        ev = d.get_event(eid)
        name = d.get_case(ev.case_id).name
        confirm(args, f"delete the {ev.type} of {ev.date} from {name}'s case?")
        d.delete_event(eid)
    if args.json:
        emit_json({"deleted": "event", **event_json(ev), "case_id": ev.case_id})
    else:
        say(f"deleted the {ev.type} of {ev.date} from {name}'s case")
    return 0


def cmd_delete_case(args) -> int:
    with open_dossier(args) as d:
        cid = d.resolve_case(args.ref)
        case = d.get_case(cid)
        confirm(
            args, f"delete the case {case.name} ({cid[:8]}) with its {len(case.events)} events?"
        )
        d.delete_case(cid)
    if args.json:
        emit_json({"deleted": "case", "id": cid, "name": case.name, "events": len(case.events)})
    else:
        say(f"deleted the case {case.name} ({cid}) with its {len(case.events)} events")
    return 0


def cmd_delete_source(args) -> int:
    with open_dossier(args) as d:
        sid = editing.resolve_source(d, args.ref)
        src = d.get_source(sid)
        files = f" and its {len(src.attachments)} attached files" if src.attachments else ""
        confirm(args, f"delete the source {src.title!r}{files}?")
        d.delete_source(sid, with_attachments=True)
    if args.json:
        emit_json({"deleted": "source", **source_json(src)})
    else:
        say(f"deleted the source {src.title!r} ({sid})")
    return 0
