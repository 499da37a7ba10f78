"""`add-event` takes dates as researchers type them and warns about future ones
(issue #17 items 1 and 9), run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PASS = "pass phrase for typed dates"


def run(*args):
    env = dict(os.environ, DOSSIER_PASSPHRASE=PASS, DOSSIER_KDF_FAST="1")
    return subprocess.run(
        [sys.executable, "-m", "dossier", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("typed") / "s.db"
    assert run("init", "--store", str(path)).returncode == 0
    res = run("add-case", "--store", str(path), "--name", "Test Person")
    assert res.returncode == 0, res.stderr
    return path, res.stdout.strip()


def test_a_chinese_date_is_stored_as_edtf(store):
    path, cid = store
    res = run(
        "add-event",
        cid,
        "--store",
        str(path),
        "--type",
        "detention",
        "--date",
        "2015年7月9日",
        "--end",
        "late 2017",
        "--json",
    )
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert (doc["date"], doc["end"]) == ("2015-07-09", "2017-09/2017-12")
    assert res.stderr == ""


def test_a_future_date_is_kept_with_a_warning(store):
    path, cid = store
    res = run("add-event", cid, "--store", str(path), "--type", "detention", "--date", "2030-05-01")
    assert res.returncode == 0, res.stderr
    assert "warning" in res.stderr and "2030-05-01 is in the future" in res.stderr


def test_the_ambiguous_order_is_refused(store):
    path, cid = store
    res = run("add-event", cid, "--store", str(path), "--type", "detention", "--date", "09/07/2015")
    assert res.returncode == 1
    assert "ambiguous" in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
