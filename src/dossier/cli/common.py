"""What every command shares: store location, passphrases, output, error codes."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
from datetime import date
from pathlib import Path

import platformdirs

from dossier.core.errors import UnlockError, UsageError, ValidationError

CASE_HELP = (
    "a case id, a unique id prefix (6+ characters), or a name: the display name "
    "or any other name (王全璋), ignoring case"
)


def default_store() -> Path:
    return Path(platformdirs.user_data_dir("Dossier", appauthor=False)) / "dossier.db"


def store_path(args) -> Path:
    p = getattr(args, "store", None) or os.environ.get("DOSSIER_STORE")
    return Path(p).expanduser() if p else default_store()


def add_store_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("store")
    g.add_argument("--store", metavar="PATH", help="the encrypted store (env DOSSIER_STORE)")
    g.add_argument(
        "--passphrase-file",
        metavar="PATH",
        help="read the passphrase from the first line of PATH (env DOSSIER_PASSPHRASE)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    p.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)


def _first_line(path: str, what: str) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            line = fh.readline()
    except OSError as exc:
        raise UsageError(f"cannot read the {what} file {path}: {exc.strerror}") from exc
    line = line.rstrip("\r\n")
    if not line:
        raise UsageError(f"the {what} file {path} is empty")
    return line


def passphrase(
    args,
    *,
    confirm: bool = False,
    file_attr: str = "passphrase_file",
    env: str = "DOSSIER_PASSPHRASE",
    what: str = "passphrase",
) -> str:
    """From the file option, the environment, or a prompt (asked twice when creating)."""
    f = getattr(args, file_attr, None)
    if f:
        return _first_line(f, what)
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin or not sys.stdin.isatty():
        raise UnlockError(
            f"no {what} given",
            remedy=f"type it at a prompt, or use --{file_attr.replace('_', '-')} or {env}",
        )
    first = getpass.getpass(f"{what.capitalize()}: ")
    if confirm:
        again = getpass.getpass(f"{what.capitalize()} again: ")
        if first != again:
            raise UsageError(f"the two {what}s differ")
    if not first:
        raise UsageError(f"the {what} is empty")
    return first


MAX_FROM_FILE = 10 * 1024 * 1024


def add_from_file_option(p: argparse.ArgumentParser, fields: dict[str, bool]) -> None:
    """`--from-file FILE|-`: the command's text fields from a JSON object instead of the
    command line, where they would be visible in shell history and to `ps`. `fields`
    maps each accepted key (the long option's name) to whether it is a list."""
    keys = ", ".join(f"{k!r}" + (" (a list)" if lst else "") for k, lst in fields.items())
    p.add_argument(
        "--from-file",
        metavar="FILE",
        dest="from_file",
        help=f"read text fields from a JSON object in FILE ('-': standard input), "
        f"keeping case text out of shell history and the process list; keys: {keys}",
    )
    p.set_defaults(from_file_fields=fields)


def apply_from_file(args) -> None:
    """Fill args from --from-file (see add_from_file_option); a field given both on the
    command line and in the file is a usage error, so nothing is silently dropped."""
    src = getattr(args, "from_file", None)
    if not src:
        return
    fields: dict[str, bool] = args.from_file_fields
    try:
        if src == "-":
            raw = sys.stdin.read(MAX_FROM_FILE + 1)
        else:
            with open(src, encoding="utf-8") as fh:
                raw = fh.read(MAX_FROM_FILE + 1)
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"cannot read --from-file {src}: {getattr(exc, 'strerror', None) or exc}"
        ) from exc
    if len(raw) > MAX_FROM_FILE:
        raise UsageError(f"--from-file {src} is over {MAX_FROM_FILE // 2**20} MiB")
    try:
        doc = json.loads(raw)
    except ValueError as exc:
        raise UsageError(f"--from-file {src} is not a JSON object: {exc}") from None
    if not isinstance(doc, dict):
        raise UsageError(f'--from-file {src} is not a JSON object (e.g. {{"note": "…"}})')
    for key, value in doc.items():
        if key not in fields:
            raise UsageError(f"--from-file: unknown field {key!r} (expected: {', '.join(fields)})")
        dest = key.replace("-", "_")
        if fields[key]:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            ok = isinstance(value, str)
        if not ok:
            raise UsageError(
                f"--from-file: {key!r} must be " + ("a list of text" if fields[key] else "text")
            )
        if getattr(args, dest, None):
            raise UsageError(f"--{key} is given both on the command line and in --from-file")
        setattr(args, dest, value)


def require(args, *names: str) -> None:
    """UsageError for a required text option missing from both the command line and
    --from-file (argparse cannot require them itself once a file may give them)."""
    for n in names:
        if not getattr(args, n.replace("-", "_"), None):
            raise UsageError(
                f"the following arguments are required: --{n} (or {n!r} in --from-file)"
            )


def add_weak_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--weak-passphrase-ok",
        action="store_true",
        help="accept a passphrase the strength check calls weak (throwaway stores, "
        "scripts and tests; env DOSSIER_WEAK_PASSPHRASE_OK=1)",
    )


def new_passphrase(args, **kw) -> str:
    """A new passphrase (asked twice at a prompt), held to services.passphrase_policy:
    a weak one is refused unless --weak-passphrase-ok (or its environment variable)."""
    from dossier.services import passphrase_policy

    secret = passphrase(args, confirm=True, **kw)
    passphrase_policy.check(
        secret,
        weak_ok=getattr(args, "weak_passphrase_ok", False),
        what=kw.get("what", "passphrase"),
    )
    return secret


def _day(value: str, flag: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            f"{value!r} is not a day (expected YYYY-MM-DD, e.g. 2018-02-03)", where=flag
        ) from None


# What a terminal could act on instead of showing: C0 controls (ESC, CR, BS, BEL …)
# but tab and newline (the columns and lines of our own output), DEL, C1 controls (CSI),
# the bidi embeddings/overrides/isolates that reorder what follows, line and paragraph
# separators, and lone surrogates. Stored text should hold none of them (core.validate
# refuses them on the way in), but older stores, share metadata and file names may:
# everything the CLI prints goes through `printable`.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def printable(text: str, *, newlines: bool = True) -> str:
    """`text` safe for a terminal: every character it could act on, as `\\x1b` /
    `\\u202e`; right-to-left text (Uyghur, Arabic) and newlines (unless `newlines` is
    false) are kept as they are."""
    text = str(text)
    out = _UNSAFE.sub(_escape, text)
    return out if newlines else out.replace("\n", "\\n")


def _json_escape(m: re.Match) -> str:
    return f"\\u{ord(m.group()):04x}"


def as_of(args) -> date:
    """--as-of, else the --as-known-on day (what one could say that day), else today."""
    value = getattr(args, "as_of", None)
    if not value:
        known = known_on(args)
        return known if known is not None else date.today()
    return _day(value, "--as-of")


def known_on(args) -> date | None:
    """--as-known-on: leave out events reported after that day (None: all known now)."""
    value = getattr(args, "as_known_on", None)
    return _day(value, "--as-known-on") if value else None


def add_known_on(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as-known-on",
        metavar="DATE",
        help="only what was known (reported) on that day; --as-of defaults to it",
    )


def emit_json(obj) -> None:
    # json escapes C0 itself; DEL, C1 and the bidi controls it leaves raw become \uXXXX
    # (the same JSON to a parser, inert on a terminal).
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    sys.stdout.write(_UNSAFE.sub(_json_escape, text) + "\n")


def say(text: str) -> None:
    sys.stdout.write(printable(text) + "\n")


def warn(text: str) -> None:
    sys.stderr.write(f"dossier: warning: {printable(text)}\n")


def error_line(text: str) -> str:
    """An error message on one safe line (messages quote names and values)."""
    return printable(text, newlines=False)
