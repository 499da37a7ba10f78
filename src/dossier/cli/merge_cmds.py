"""duplicates, merge: one person entered twice, found and folded into one case.

`merge A B` keeps case A (its id) and folds B into it. Fields both cases fill
differently are conflicts: choose with `--keep FIELD=A|B` (or `--keep A` / `--keep B`
for all of them), or answer at the prompt; without a terminal and with a choice
missing, the conflicts are listed (`--json`: as a document on stdout) and nothing is
written (exit 2). `--dry-run` shows the plan and writes nothing.
"""

from __future__ import annotations

import sys

from dossier.core.errors import UsageError
from dossier.services import merging

from .common import CASE_HELP, add_store_options, emit_json, say
from .edit_cmds import confirm
from .store_cmds import open_dossier


def register(sub) -> None:
    p = sub.add_parser("duplicates", help="pairs of cases that look like one person (by pinyin)")
    p.add_argument(
        "--threshold",
        type=int,
        default=90,
        metavar="N",
        help="how alike two names must be, 0–100 (default 90; 100: the same spelling)",
    )
    add_store_options(p)
    p.set_defaults(func=cmd_duplicates)

    p = sub.add_parser("merge", help="fold case B into case A (names, events, sources united)")
    p.add_argument("keep", metavar="A", help="the case that stays: " + CASE_HELP)
    p.add_argument(
        "other", metavar="B", help="the case folded into A (its id keeps working in shares)"
    )
    p.add_argument(
        "--keep",
        action="append",
        default=[],
        dest="choices",
        metavar="FIELD=A|B",
        help=f"which value of a conflicting field to keep ({', '.join(merging.CASE_FIELDS)}); "
        "`--keep A` or `--keep B` for every field",
    )
    p.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")
    p.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")
    add_store_options(p)
    p.set_defaults(func=cmd_merge)


def cmd_duplicates(args) -> int:
    if not 0 <= args.threshold <= 100:
        raise UsageError("--threshold is a number from 0 to 100")
    with open_dossier(args) as d:
        pairs = merging.find_duplicates(d, threshold=args.threshold)
    if args.json:
        emit_json(
            [
                {
                    "a": {"id": p.incoming_id, "name": p.incoming_name},
                    "b": {"id": p.local_id, "name": p.local_name},
                    "score": p.score,
                    "reason": p.reason,
                }
                for p in pairs
            ]
        )
        return 0
    for p in pairs:
        say(
            "\t".join(
                [
                    str(p.score),
                    p.incoming_id[:8],
                    p.incoming_name,
                    p.local_id[:8],
                    p.local_name,
                    p.reason,
                ]
            )
        )
    if not pairs:
        say("no likely duplicates")
    return 0


def _choices(given: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in given:
        item = item.strip()
        if item.upper() in ("A", "B"):
            out.update({f: item.upper() for f in merging.CASE_FIELDS if f not in out})
            continue
        field, sep, side = item.partition("=")
        if not sep or side.strip().upper() not in ("A", "B"):
            raise UsageError(
                f"--keep {item!r}: expected FIELD=A or FIELD=B (or A / B for every field)"
            )
        out[merging.check_choice_field(field.strip().replace("-", "_"))] = side.strip().upper()
    return out


def _show(v) -> str:
    text = "—" if v is None else str(v).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "…"


def cmd_merge(args) -> int:
    choices = _choices(args.choices)
    with open_dossier(args) as d:
        a, b = d.resolve_case(args.keep), d.resolve_case(args.other)
        if a == b:
            raise UsageError("A and B are the same case")
        plan = merging.plan_merge(d, a, b, choices)
        if (
            plan.undecided
            and sys.stdin
            and sys.stdin.isatty()
            and not args.json
            and not args.dry_run
        ):
            say(f"A: {plan.a.name} ({a[:8]})   B: {plan.b.name} ({b[:8]})")
            for c in plan.undecided:
                say(f"  {c.field}:  A = {_show(c.a)}   |   B = {_show(c.b)}")
                while True:
                    sys.stderr.write(f"keep which {c.field}? [A/B] ")
                    sys.stderr.flush()
                    raw = sys.stdin.readline()
                    if not raw:  # end of input
                        raise UsageError("cancelled; nothing was changed")
                    if raw.strip().upper() in ("A", "B"):
                        choices[c.field] = raw.strip().upper()
                        break
            plan = merging.plan_merge(d, a, b, choices)
        if args.dry_run or plan.undecided:
            if args.json:
                emit_json({**plan.to_json(), "merged": False})
            else:
                say(f"A (kept): {plan.a.name} ({a})")
                say(
                    f"B (folded into A): {plan.b.name} ({b}), {len(plan.b.events)} events move to A"
                )
                for c in plan.conflicts:
                    chosen = f"  → {c.choice}" if c.choice else "  → choose with --keep"
                    say(f"  {c.field}:  A = {_show(c.a)}   |   B = {_show(c.b)}{chosen}")
            if plan.undecided:
                fields = ", ".join(c.field for c in plan.undecided)
                raise UsageError(
                    f"the cases differ in {fields}; nothing was merged",
                    remedy="choose with --keep FIELD=A|B, or --keep A / --keep B",
                )
            return 0
        confirm(args, f"merge {plan.b.name} ({b[:8]}) into {plan.a.name} ({a[:8]})?")
        res = merging.merge_cases(d, a, b, choices)
    if args.json:
        emit_json({**res.plan.to_json(), "merged": True})
    else:
        say(
            f"merged {res.b_before.name} ({b}) into {res.plan.merged.name} ({a}): "
            f"{len(res.b_before.events)} events moved; the old id now leads to {a[:8]}"
        )
    return 0
