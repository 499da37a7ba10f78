"""The `dossier` entry point: the window for `dossier` / `dossier gui`, else the CLI.

It sits outside both front ends so that the command line never imports Qt (the
import-linter contract) while one program name serves both.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

NO_DISPLAY = "dossier: no display found — use the command line (`dossier --help`)\n"


def no_display(env: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """True on a Unix desktop-less session (ssh, a server, a container): no X11 or
    Wayland display and no Qt platform chosen. Qt would otherwise abort the process
    (rc 134) with a message about a missing xcb package that is beside the point."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "darwin", "cygwin")):
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"))


def _run_gui(args) -> int:
    if no_display() and not getattr(args, "screenshot", None):  # a PNG needs no screen
        sys.stderr.write(NO_DISPLAY)
        return 1
    from dossier.gui.app import run  # Qt is imported only on this path

    return run(args)


def main(argv: list[str] | None = None) -> int:
    # A frozen bundle is also the program the list's derive processes start as
    # (services/day_facts.py, 'spawn'): this runs the child's work and exits there.
    multiprocessing.freeze_support()
    args = sys.argv[1:] if argv is None else argv
    _harden()
    if args[:1] == ["--self-test"]:
        from dossier.selftest import run_self_test

        return run_self_test(verbose="-v" in args[1:])
    from dossier.cli import main as cli_main

    return cli_main(args, gui=_run_gui)


def _harden() -> None:
    """No core dumps of a process that holds keys (SECURITY.md item 10)."""
    try:
        from dossier.core.hardening import harden_process
    except ImportError:  # pragma: no cover
        return
    harden_process()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
