"""No test runs the program through a virtual environment's path (issue #17 item 11):
`pip install -e ".[test]"` into any environment, then `pytest`, must work. Tests start
the program as `sys.executable -m dossier`."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Built from pieces so that this file does not match itself.
VENV_BIN = re.compile(r"""["']\.?venv["']\s*/\s*["'](?:bin|Scripts)["']|\.?venv/(?:bin|Scripts)/""")


def test_no_test_runs_a_venv_binary_by_path():
    offenders = []
    for path in TESTS.rglob("*.py"):
        if path == Path(__file__).resolve():
            continue
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if VENV_BIN.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(TESTS)}:{n}: {line.strip()}")
    assert not offenders, "use sys.executable -m dossier:\n" + "\n".join(offenders)
