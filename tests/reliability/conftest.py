"""Fixtures for the reliability tests, and the figures they print.

Each test reports its figures with `figures(...)` (kills, lost commits, flipped bytes,
refusals, injected faults...). They travel as pytest user properties, so they survive
pytest-xdist, and the terminal summary adds them up into the lines the issue asks for
("300 kills, 0 lost commits, 0 corrupt stores"; "N flipped bytes, N refused").

Quick versions run in `make test`; the long ones are marked `slow` and run by
`make test-reliability` (DOSSIER_RELIABILITY=full).
"""

from __future__ import annotations

import os
from collections import defaultdict

import pytest

FULL = os.environ.get("DOSSIER_RELIABILITY") == "full"
_PROPERTY = "reliability_figures"
_TOTALS: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
_printed = False


@pytest.fixture(autouse=True)
def _private_state_dir(tmp_path_factory, monkeypatch: pytest.MonkeyPatch):
    """The rollback guard's records go to a temp folder, never the tester's home."""
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("DOSSIER_STATE_DIR", str(state))
    monkeypatch.setenv("DOSSIER_KDF_FAST", "1")
    return state


@pytest.fixture
def figures(record_property):
    """figures(group, **counts): add counts to a named group of the printed summary."""

    def add(group: str, **counts: int) -> None:
        record_property(_PROPERTY, {"group": group, **counts})
        print(f"{group}: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))

    return add


def pytest_runtest_logreport(report) -> None:
    if report.when != "call":
        return
    for name, value in getattr(report, "user_properties", []):
        if name == _PROPERTY:
            group = value["group"]
            for k, v in value.items():
                if k != "group":
                    _TOTALS[group][k] += int(v)


def pytest_terminal_summary(terminalreporter) -> None:
    global _printed
    if _printed or not _TOTALS:
        return
    _printed = True
    terminalreporter.section("reliability figures")
    for group in sorted(_TOTALS):
        counts = _TOTALS[group]
        text = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
        terminalreporter.write_line(f"{group}: {text}")
