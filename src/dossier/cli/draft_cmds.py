"""`dossier draft FILE`: draft cases from a statement; `--apply` writes them after a summary."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from dossier.core.errors import UsageError, ValidationError

from .common import add_store_options, emit_json, say
from .store_cmds import open_dossier

MAX_BYTES = 2_000_000  # a statement, not a book: larger files are refused with a message


def register(sub) -> None:
    p = sub.add_parser("draft", help="draft cases and events from a statement (English or Chinese)")
    p.add_argument("file", metavar="FILE", help="the statement, as UTF-8 text")
    p.add_argument(
        "--date", metavar="DAY", help="the statement's own date (YYYY-MM-DD), for relative dates"
    )
    p.add_argument("--apply", action="store_true", help="write the drafts after showing a summary")
    p.add_argument("--yes", action="store_true", help="with --apply: do not ask")
    p.add_argument(
        "--title", help="title of the source the statement is saved as (default: its first line)"
    )
    p.add_argument("--publisher", help="publisher of the statement")
    p.add_argument("--url", help="where the statement was published")
    p.add_argument(
        "--no-store", action="store_true", help="draft without opening the store (no matching)"
    )
    add_store_options(p)
    p.set_defaults(func=cmd_draft)


def read_statement(path: str) -> str:
    f = Path(path)
    if not f.is_file():
        raise ValidationError(f"no such file: {path}", where="FILE")
    if f.stat().st_size > MAX_BYTES:
        raise ValidationError(
            f"{path} is larger than {MAX_BYTES // 1_000_000} MB; draft one statement at a time",
            where="FILE",
        )
    try:
        return f.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 first", where="FILE"
        ) from None


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            f"{value!r} is not a day (expected YYYY-MM-DD)", where="--date"
        ) from None


def default_title(text: str, path: str) -> str:
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return (first[:117] + "…") if len(first) > 120 else (first or Path(path).name)


def cmd_draft(args) -> int:
    from dossier.services import drafting

    if args.apply and args.no_store:
        raise UsageError("--apply writes to the store; it cannot go with --no-store")
    if args.yes and not args.apply:
        raise UsageError("--yes only goes with --apply")
    text = read_statement(args.file)
    day = _day(args.date)
    if args.no_store:
        draft = drafting.draft_statement(None, text, day)
        _show(args, draft)
        return 0
    with open_dossier(args) as d:
        draft = drafting.draft_statement(d, text, day)
        if not args.apply:
            _show(args, draft)
            return 0
        p = drafting.plan(
            draft,
            title=args.title or default_title(text, args.file),
            publisher=args.publisher,
            url=args.url,
            filename=Path(args.file).name,
        )
        if not args.json or not args.yes:
            _summary(draft, p, out=sys.stderr if args.json else sys.stdout)
        if not args.yes:
            if not sys.stdin or not sys.stdin.isatty():
                raise UsageError("not at a terminal: add --yes to write without asking")
            answer = input("Write these to the store? [y/N] ").strip().lower()
            if answer not in ("y", "yes", "是"):
                say("Nothing was written.")
                return 1
        drafting.apply(d, p)
    if args.json:
        emit_json(p.summary())
    else:
        say(
            f"Written: source {p.source.id}, {len(p.new_cases)} new case(s), "
            f"{len(p.added)} updated, {p.event_count} event(s)."
        )
    return 0


def _show(args, draft) -> None:
    if args.json:
        emit_json(draft.to_json())
        return
    say(f"Statement date: {draft.statement_date or 'not found (give --date for relative dates)'}")
    for c in draft.cases:
        who = f"existing case {c.match_name} ({c.match_id[:8]})" if c.match_id else "new case"
        native = f" ({c.native_name})" if c.native_name and c.native_name != c.name else ""
        say(f"\n{c.name}{native} — {who}")
        for e in c.events:
            extra = "".join(
                f" {k}={v}"
                for k, v in (
                    ("sentence", e.sentence),
                    ("outcome", e.outcome),
                    ("charges", ",".join(e.charges)),
                )
                if v
            )
            say(
                f"  {e.date or '(no date)':<24} {e.type:<22} {round(e.confidence * 100):>3}%  "
                f"“{e.trigger.text if e.trigger else ''}”{extra}"
            )
    if draft.not_used:
        say("\nNot used:")
        for s in draft.not_used:
            say(f"  [{s.index + 1}] {s.text}")


def _summary(draft, p, out) -> None:
    lines = [
        f"Source: {p.source.title} ({p.source.date or 'no date'}), the text attached as {p.filename}"
    ]
    lines += [f"New case: {c.name} — {len(c.events)} event(s)" for c in p.new_cases]
    names = {c.match_id: c.match_name for c in draft.cases if c.match_id}
    lines += [
        f"Existing case: {names.get(cid, cid)} — {len(evs)} event(s) added"
        for cid, evs in p.added.items()
    ]
    lines += [f"Not written ({s.reason}): {s.case}, {s.event_type} “{s.words}”" for s in p.skipped]
    lines.append(f"Not used: {len(draft.not_used)} sentence(s)")
    out.write("\n".join(lines) + "\n")
