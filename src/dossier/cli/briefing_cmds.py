"""briefing: the PDF packet for diplomats."""

from __future__ import annotations

from datetime import datetime

from dossier.core import vocab
from dossier.core.errors import ValidationError
from dossier.services.briefing import (
    DEFAULT_AUDIENCE,
    DEFAULT_LANG,
    PACKET_LANGUAGES,
    CoverSettings,
    choose_cases,
    cover_settings,
    make_briefing,
    remember_cover,
)

from .common import add_known_on, add_store_options, as_of, emit_json, known_on, say, warn
from .store_cmds import open_dossier
from .transfer_cmds import resolve_ids


def register(sub) -> None:
    p = sub.add_parser("briefing", help="the briefing packet PDF")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--cases", metavar="IDS", help="comma-separated case ids or names")
    which.add_argument("--tag", metavar="T")
    which.add_argument("--all", action="store_true")
    p.add_argument("--audience", choices=list(vocab.AUDIENCES), default=DEFAULT_AUDIENCE)
    p.add_argument("--lang", choices=list(PACKET_LANGUAGES), default=DEFAULT_LANG)
    p.add_argument("--as-of", metavar="DATE")
    add_known_on(p)
    p.add_argument(
        "--title",
        default=None,
        help='the occasion, e.g. "Human Rights Council, 37th session" '
        "(default: the last packet's title)",
    )
    p.add_argument(
        "--organisation",
        action="append",
        default=None,
        metavar="ORG",
        help="an issuing organisation, for the cover (repeat for several; "
        "default: the last packet's)",
    )
    p.add_argument(
        "--ask",
        action="append",
        default=None,
        metavar="TEXT",
        help="a key ask printed on the cover (repeat for several; default: the last packet's)",
    )
    p.add_argument("--created", metavar="ISO", help="fix the creation time (reproducible output)")
    add_store_options(p)
    p.set_defaults(func=cmd_briefing)


def cmd_briefing(args) -> int:
    created = None
    if args.created:
        try:
            created = datetime.fromisoformat(args.created)
        except ValueError:
            raise ValidationError(
                f"{args.created!r} is not an ISO date-time", where="--created"
            ) from None
    with open_dossier(args) as d:
        ids = choose_cases(d, resolve_ids(d, args.cases), args.tag, args.all)
        last = cover_settings(d)
        cover = CoverSettings(
            title=args.title if args.title is not None else last.title,
            organisation="; ".join(args.organisation)
            if args.organisation is not None
            else last.organisation,
            asks=tuple(args.ask) if args.ask is not None else last.asks,
        )
        res = make_briefing(
            d,
            args.output,
            ids,
            title=cover.title,  # empty: the default title, in the packet's language
            organisation=cover.organisation or None,
            asks=cover.asks,
            audience=args.audience,
            lang=args.lang,
            as_of=as_of(args),
            created=created,
            known_on=known_on(args),
        )
        remember_cover(d, cover)
    # Like export-json: the packet is plain PDF, whatever the store's encryption.
    warn(f"{res.path} is NOT encrypted: anyone who gets the file can read it")
    if args.json:
        emit_json(
            {
                "output": str(res.path),
                "pages": res.page_count,
                "cases": res.case_count,
                "document_id": res.document_id,
            }
        )
    else:
        say(
            f"wrote {res.path}: {res.case_count} cases, {res.page_count} pages, document {res.document_id}"
        )
    return 0
