"""What every command shares: store location, passphrases, output, error codes."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import date
from pathlib import Path

import platformdirs

from dossier.core.errors import UnlockError, UsageError, ValidationError


def default_store() -> Path:
    return Path(platformdirs.user_data_dir("Dossier", appauthor=False)) / "dossier.db"


def store_path(args) -> Path:
    p = getattr(args, "store", None) or os.environ.get("DOSSIER_STORE")
    return Path(p).expanduser() if p else default_store()


def add_store_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("store")
    g.add_argument("--store", metavar="PATH", help="the encrypted store (env DOSSIER_STORE)")
    g.add_argument("--passphrase-file", metavar="PATH", help="read the passphrase from the first line of PATH (env DOSSIER_PASSPHRASE)")
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


def passphrase(args, *, confirm: bool = False, file_attr: str = "passphrase_file",
               env: str = "DOSSIER_PASSPHRASE", what: str = "passphrase") -> str:  # fmt: skip
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


def _day(value: str, flag: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            f"{value!r} is not a day (expected YYYY-MM-DD, e.g. 2018-02-03)", where=flag
        ) from None


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
    p.add_argument("--as-known-on", metavar="DATE",
                   help="only what was known (reported) on that day; --as-of defaults to it")


def emit_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def warn(text: str) -> None:
    sys.stderr.write(f"dossier: warning: {text}\n")
