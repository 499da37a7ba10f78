"""`dossier` with no display (ssh, a server): a clear line and a clean exit, not Qt's
abort (issue #17 item 8). Run as a real process with every display variable removed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from dossier.launcher import no_display


@pytest.mark.parametrize("argv", [[], ["gui"], ["gui", "--demo"]])
def test_without_a_display_it_says_so_and_exits_cleanly(tmp_path, argv):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(XDG_CONFIG_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path))
    res = subprocess.run(
        [sys.executable, "-m", "dossier", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert res.returncode == 1, (res.returncode, res.stderr)
    assert res.stderr == "dossier: no display found — use the command line (`dossier --help`)\n"
    assert res.stdout == ""


def test_what_counts_as_no_display():
    assert no_display({}, "linux")
    assert not no_display({"DISPLAY": ":0"}, "linux")
    assert not no_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not no_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not no_display({}, "darwin") and not no_display({}, "win32")
