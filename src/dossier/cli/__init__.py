"""The `dossier` command line (spec/cli.md): argparse front end over the services.

Every expected failure is a DossierError: one line on stderr and the exit code the
spec gives it; a traceback only with --debug.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from types import ModuleType

from dossier import __version__
from dossier.core.errors import DossierError, present


def _command_modules() -> list[ModuleType]:
    """The modules that add commands, in the order `--help` lists them.

    Imported here, when a command is parsed, not at the top: opening the window (no
    arguments, or `gui ...`) then does not load the importers, reportlab or the share
    engine — about a second of a cold start on a slow machine."""
    from . import (
        briefing_cmds,
        case_cmds,
        draft_cmds,
        edit_cmds,
        merge_cmds,
        people_cmds,
        share_cmds,
        store_cmds,
        transfer_cmds,
        un_cmds,
    )

    return [
        store_cmds,
        case_cmds,
        edit_cmds,
        merge_cmds,
        transfer_cmds,
        draft_cmds,
        un_cmds,
        people_cmds,
        briefing_cmds,
        share_cmds,
    ]


def _pipe_closed() -> int:
    """The reader went away (`dossier show … | head`): not an error of ours. Point stdout
    at /dev/null so the interpreter's last flush stays quiet, and exit as a program
    stopped by SIGPIPE would (141), without a message."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 141


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, as the spec asks
        from .common import error_line

        sys.stderr.write(f"dossier: error: {error_line(message)} (see `{self.prog} --help`)\n")
        sys.exit(2)


def build_parser(*, gui_only: bool = False) -> argparse.ArgumentParser:
    """The whole command line; with gui_only, just `gui` (what starting the window needs)."""
    parser = _Parser(
        prog="dossier", description="Encrypted case dossiers on detained and disappeared people."
    )
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    g = sub.add_parser("gui", help="open the desktop window (the default)")
    g.add_argument("store_arg", nargs="?", metavar="STORE")
    g.add_argument("--demo", action="store_true", help="open the demo store")
    g.add_argument("--screenshot", metavar="PNG", help="render the main window to PNG and exit")
    g.add_argument(
        "--view", choices=["case", "overview", "welcome"], default="case", help=argparse.SUPPRESS
    )
    g.add_argument("--lang", help="interface language (en, zh_CN)")
    g.add_argument("--store", metavar="PATH")
    g.add_argument("--passphrase-file", metavar="PATH")
    g.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    g.set_defaults(func=None)
    if not gui_only:
        for mod in _command_modules():
            mod.register(sub)
    return parser


def main(argv: list[str], gui: Callable | None = None) -> int:
    parser = build_parser(gui_only=not argv or argv[0] == "gui")
    try:
        args = parser.parse_args(argv)
    except BrokenPipeError:  # `dossier add-event --help | head`
        return _pipe_closed()
    if args.command is None or args.command == "gui":
        if args.command is None:
            args = parser.parse_args(["gui", *argv])
        if gui is None:
            sys.stderr.write("dossier: error: the window is not available here\n")
            return 1
        return gui(args)
    try:
        code = args.func(args) or 0
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:
        return _pipe_closed()
    except DossierError as exc:
        if getattr(args, "debug", False):
            raise
        from .common import error_line

        sys.stderr.write(f"dossier: error: {error_line(present(exc))}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("dossier: interrupted\n")
        return 130
    except Exception as exc:  # an unexpected failure: still one line, no case data
        if getattr(args, "debug", False):
            raise
        sys.stderr.write(f"dossier: {present(exc)} Run again with --debug for details.\n")
        return 1
