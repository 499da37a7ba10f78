"""un-draft, un-sent: UN communication drafts and the record that one was sent."""

from __future__ import annotations

import dataclasses
import sys

from dossier.core.errors import ValidationError

from .common import add_store_options, as_of, emit_json, say, warn
from .store_cmds import open_dossier

_MECHANISMS = ("wgeid", "wgad", "ua")


def register(sub) -> None:
    p = sub.add_parser(
        "un-draft",
        help="a draft for a UN mechanism (WGEID, WGAD, urgent "
        "appeal), with a checklist of what is missing",
    )
    p.add_argument("case", metavar="CASE")
    p.add_argument("--mechanism", required=True, choices=_MECHANISMS)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="FILE.pdf or FILE.txt (default: the text on standard output)",
    )
    p.add_argument("--as-of", metavar="DATE")
    p.add_argument(
        "--include-confidential",
        action="store_true",
        help="let confidential records and protected sources into the draft",
    )
    p.add_argument("--organisation", help="the submitting organisation (name and address)")
    p.add_argument(
        "--public-submitter",
        action="store_true",
        help="the submitter may be named (default: ask for confidentiality)",
    )
    p.add_argument("--family-steps", help="steps the family or others took to find the person")
    p.add_argument("--remedies", help="domestic remedies tried (WGAD)")
    p.add_argument("--warrant", help="whether a warrant was shown, and who issued it (WGAD)")
    p.add_argument(
        "--category",
        action="append",
        choices=["I", "II", "III", "IV", "V"],
        help="a WGAD category claimed (repeat for several)",
    )
    p.add_argument(
        "--mandate",
        action="append",
        metavar="ID",
        help="a mandate the communication concerns (repeat; default: suggested)",
    )
    p.add_argument(
        "--account", help="the detailed account (default: the case summary and timeline)"
    )
    p.add_argument(
        "--consent",
        choices=["given", "refused", "not_asked"],
        help="record on the case whether the family agreed to the submission",
    )
    add_store_options(p)
    p.set_defaults(func=cmd_un_draft)

    p = sub.add_parser(
        "un-sent", help="log on the case that a UN communication was sent, with its reference"
    )
    p.add_argument("case", metavar="CASE")
    p.add_argument("--mechanism", required=True, choices=_MECHANISMS)
    p.add_argument("--date", required=True, metavar="EDTF")
    p.add_argument(
        "--reference", help='the UN reference, e.g. "UA CHN 5/2018" or "Opinion No. 62/2018"'
    )
    p.add_argument("--outcome", help="what came of it (reply received, opinion adopted…)")
    p.add_argument("--note")
    add_store_options(p)
    p.set_defaults(func=cmd_un_sent)


def _options(args, saved):
    given = {
        "organisation": args.organisation,
        "family_steps": args.family_steps,
        "remedies": args.remedies,
        "warrant": args.warrant,
        "account": args.account,
        "categories": tuple(args.category) if args.category else None,
        "mandates": tuple(args.mandate) if args.mandate else None,
        "confidential_submitter": False if args.public_submitter else None,
    }
    return dataclasses.replace(saved, **{k: v for k, v in given.items() if v is not None})


def cmd_un_draft(args) -> int:
    from dossier.briefing.un import MANDATES, draft_pdf, draft_text
    from dossier.services import un_drafts

    for m in args.mandate or ():
        if m not in MANDATES:
            raise ValidationError(
                f"unknown mandate {m!r}",
                where="--mandate",
                remedy="use one of: " + ", ".join(MANDATES),
            )
    with open_dossier(args) as d:
        cid = d.resolve_case(args.case)
        if args.consent:
            un_drafts.set_family_consent(d, cid, args.consent)
        opts = _options(args, un_drafts.draft_options(d, cid))
        draft = un_drafts.un_draft(
            d,
            cid,
            args.mechanism,
            opts,
            as_of=as_of(args),
            include_confidential=args.include_confidential,
        )
        un_drafts.save_draft_options(d, cid, opts)
    missing = [e.label for e in draft.checklist() if e.missing]
    if args.output:
        from dossier.core.fileio import atomic_write_bytes

        pdf = args.output.lower().endswith(".pdf")
        data = draft_pdf(draft) if pdf else draft_text(draft).encode("utf-8")
        atomic_write_bytes(args.output, data, mode=0o600)
        warn(f"{args.output} is NOT encrypted: anyone who gets the file can read it")
    if args.json:
        emit_json(
            {
                "mechanism": args.mechanism,
                "complete": draft.complete,
                "missing": missing,
                "output": args.output,
                "checklist": [
                    {"element": e.label, "filled": not e.missing} for e in draft.checklist()
                ],
            }
        )
    elif args.output:
        say(
            f"wrote {args.output}: "
            + (
                "every required element is filled"
                if not missing
                else f"{len(missing)} required elements missing"
            )
        )
    else:
        sys.stdout.write(draft_text(draft))
    return 0


def cmd_un_sent(args) -> int:
    from dossier.services import un_drafts

    with open_dossier(args) as d:
        cid = d.resolve_case(args.case)
        event = un_drafts.record_un_action(
            d,
            cid,
            args.mechanism,
            args.date,
            reference=args.reference,
            outcome=args.outcome,
            note=args.note,
        )
    if args.json:
        emit_json({"id": event.id})
    else:
        say(event.id)
    return 0
