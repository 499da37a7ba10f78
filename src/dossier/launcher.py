"""The `dossier` entry point: the window for `dossier` / `dossier gui`, else the CLI.

It sits outside both front ends so that the command line never imports Qt (the
import-linter contract) while one program name serves both.
"""

from __future__ import annotations

import sys


def _run_gui(args) -> int:
    from dossier.gui.app import run  # Qt is imported only on this path

    return run(args)


def main(argv: list[str] | None = None) -> int:
    from dossier.cli import main as cli_main

    return cli_main(sys.argv[1:] if argv is None else argv, gui=_run_gui)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
