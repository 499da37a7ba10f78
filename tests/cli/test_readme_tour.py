"""Issue #17 item 7: the README's command-line tour, run exactly as written.

Every line of the tour's `sh` block runs in bash on a fresh store in a temporary home
(so `~/dossier-demo.db` lands there), with `dossier` being this Python's
`-m dossier` and nothing else changed but what the README tells users to set: the
store's and the share file's passphrase in the environment.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
PASS = "a passphrase for the tour"


def tour_lines() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## A five-minute tour (command line)") :]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [ln for ln in block.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def test_the_tour_has_the_commands_the_issue_names():
    lines = tour_lines()
    assert any("share export" in ln for ln in lines)
    assert not any("identity create && dossier identity show" in ln for ln in lines)


def test_the_readme_tour_runs_as_written(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = dict(
        os.environ,
        HOME=str(home),
        DOSSIER_PASSPHRASE=PASS,
        DOSSIER_SHARE_PASSPHRASE="for anna",
        DOSSIER_KDF_FAST="1",
        DOSSIER_STATE_DIR=str(tmp_path / "state"),
    )
    env.pop("DOSSIER_STORE", None)
    prelude = f'dossier() {{ {shlex.quote(sys.executable)} -m dossier "$@"; }}\nset -o pipefail\n'
    outputs = []
    script = prelude
    for n, line in enumerate(tour_lines()):
        # each line's output between markers, so a failure names the line
        script += f"echo '@@{n}'\n{line} || {{ echo \"@@failed {n} rc=$?\"; exit 1; }}\n"
    res = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
    )
    lines = tour_lines()
    assert res.returncode == 0, (
        lines[int(res.stdout.rsplit("@@failed ", 1)[1].split()[0])]
        if "@@failed" in res.stdout
        else "",
        res.stdout[-2000:],
        res.stderr[-2000:],
    )
    parts = re.split(r"^@@(\d+)\n", res.stdout, flags=re.M)
    outputs = {lines[int(parts[i])]: parts[i + 1] for i in range(1, len(parts), 2)}
    assert "Traceback" not in res.stderr
    assert (home / "dossier-demo.db").exists() and (home / "backup.db").exists()
    assert (tmp_path / "hrc37.pdf").read_bytes()[:5] == b"%PDF-"
    assert (tmp_path / "for-anna.age").stat().st_size > 0
    ident = next(out for ln, out in outputs.items() if "identity create" in ln)
    assert ident.count("recipient:") == 1, ident  # the identity printed once
    shown = next(out for ln, out in outputs.items() if "show 王全璋" in ln)
    assert shown.startswith("Wang Quanzhang")
