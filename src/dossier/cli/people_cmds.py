"""link, unlink, lawyer add|list|role|remove: the people around a case (issue #11 item 7)."""

from __future__ import annotations

from dossier.core import vocab
from dossier.services import people

from .common import add_store_options, emit_json, say
from .store_cmds import open_dossier

ROLE_HELP = "; ".join(f"{t.id} ({t.en}, {t.zh})" for t in vocab.LAWYER_ROLES.values())


def register(sub) -> None:
    p = sub.add_parser("link", help="link two related cases (a wife's case and her husband's)")
    p.add_argument("case", metavar="CASE")
    p.add_argument("other", metavar="OTHER")
    p.add_argument(
        "--relation", required=True, help="how OTHER is related to CASE: spouse, lawyer, sibling, …"
    )
    p.add_argument("--note")
    p.add_argument("--one-way", action="store_true", help="do not add the reciprocal link to OTHER")
    add_store_options(p)
    p.set_defaults(func=cmd_link)

    p = sub.add_parser("unlink", help="remove the links between two cases, both ways")
    p.add_argument("case", metavar="CASE")
    p.add_argument("other", metavar="OTHER")
    add_store_options(p)
    p.set_defaults(func=cmd_unlink)

    lawyer = sub.add_parser("lawyer", help="lawyers on a case and their standing")
    lsub = lawyer.add_subparsers(
        dest="lawyer_command", metavar="ACTION", required=True, parser_class=type(lawyer)
    )
    p = lsub.add_parser("add", help="record a lawyer on CASE; prints the relation id")
    p.add_argument("case", metavar="CASE")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", choices=list(vocab.LAWYER_ROLES), help=ROLE_HELP)
    p.add_argument("--note")
    p.add_argument(
        "--case-of", metavar="OTHER", help="the lawyer's own case, when they have one in this store"
    )
    add_store_options(p)
    p.set_defaults(func=cmd_lawyer_add)

    p = lsub.add_parser("list", help="the people around CASE, lawyers first")
    p.add_argument("case", metavar="CASE")
    add_store_options(p)
    p.set_defaults(func=cmd_lawyer_list)

    p = lsub.add_parser("role", help="change a lawyer's standing (e.g. dismissed, disbarred)")
    p.add_argument("case", metavar="CASE")
    p.add_argument("lawyer", metavar="NAME_OR_ID")
    p.add_argument(
        "--role",
        required=True,
        choices=[*vocab.LAWYER_ROLES, "none"],
        help=ROLE_HELP + "; none clears it",
    )
    add_store_options(p)
    p.set_defaults(func=cmd_lawyer_role)

    p = lsub.add_parser("remove", help="take a lawyer (or any related person) off CASE")
    p.add_argument("case", metavar="CASE")
    p.add_argument("lawyer", metavar="NAME_OR_ID")
    add_store_options(p)
    p.set_defaults(func=cmd_lawyer_remove)


def relation_json(r, other_name: str | None = None) -> dict:
    """One related person in `show --json` and these commands' --json."""
    return {
        "id": r.id,
        "name": r.name,
        "relation": r.relation,
        "role": r.role,
        "other_case_id": r.other_case_id,
        "other_case": other_name,
        "note": r.note,
    }


def person_line(row: people.PersonRow) -> str:
    r = row.relation
    bits = [r.relation or "related", r.name]
    if r.role:
        bits.append(f"[{r.role}]")
    if r.other_case_id:
        bits.append(f"→ case {row.other_name or '(gone)'} {r.other_case_id[:8]}")
    if r.note:
        bits.append(f"· {r.note}")
    return " ".join(bits)


def cmd_link(args) -> int:
    with open_dossier(args) as d:
        a, b = d.resolve_case(args.case), d.resolve_case(args.other)
        made, _ = people.link_cases(
            d, a, b, args.relation, note=args.note, both_ways=not args.one_way
        )
    if args.json:
        emit_json([relation_json(r) for r in made])
    else:
        say(made[0].id)
    return 0


def cmd_unlink(args) -> int:
    with open_dossier(args) as d:
        a, b = d.resolve_case(args.case), d.resolve_case(args.other)
        changed = people.unlink_cases(d, a, b)
    if args.json:
        emit_json({"unlinked": [c.id for c in changed]})
    return 0


def cmd_lawyer_add(args) -> int:
    with open_dossier(args) as d:
        cid = d.resolve_case(args.case)
        other = d.resolve_case(args.case_of) if args.case_of else None
        rel, _ = people.add_lawyer(
            d, cid, args.name, args.role, note=args.note, other_case_id=other
        )
    if args.json:
        emit_json(relation_json(rel))
    else:
        say(rel.id)
    return 0


def cmd_lawyer_list(args) -> int:
    with open_dossier(args) as d:
        rows = people.people(d, d.resolve_case(args.case))
    if args.json:
        emit_json([relation_json(p.relation, p.other_name) for p in rows])
        return 0
    for p in rows:
        say(f"{p.relation.id[:8]}  {person_line(p)}")
    return 0


def cmd_lawyer_role(args) -> int:
    role = None if args.role == "none" else args.role
    with open_dossier(args) as d:
        rel, _ = people.set_role(d, d.resolve_case(args.case), args.lawyer, role)
    if args.json:
        emit_json(relation_json(rel))
    return 0


def cmd_lawyer_remove(args) -> int:
    with open_dossier(args) as d:
        rel, _ = people.remove_relation(d, d.resolve_case(args.case), args.lawyer)
    if args.json:
        emit_json(relation_json(rel))
    return 0
