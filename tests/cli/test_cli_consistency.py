"""Issue #17 item 6: names in any script and any case, `init PATH`, a missing store
reported before a passphrase, the vocabulary in `add-event --help`, charge labels in
`show`, and a closed pipe that is not an internal error."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from dossier.core import vocab

from .test_cli import PASS, assert_clean_failure, digest, run


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("names") / "s.db"
    assert run("init", str(path)).returncode == 0  # init PATH, like demo PATH
    ids = {}
    for name, native in (("Jiang Tianyong", "江天勇"), ("Liu Xia", "刘霞"), ("liu xia", None)):
        extra = ["--native-name", native, "--lang", "zh-Hans"] if native else []
        res = run("add-case", "--store", str(path), "--name", name, *extra)
        assert res.returncode == 0, res.stderr
        ids[name] = res.stdout.strip()
    res = run(
        "add-event",
        "江天勇",
        "--store",
        str(path),
        "--type",
        "刑事拘留",
        "--date",
        "2016-11-21",
        "--charge",
        "inciting_subversion",
        "--charge",
        "寻衅滋事罪",
        "--charge",
        "something else",
    )
    assert res.returncode == 0, res.stderr
    return path, ids


def test_init_takes_the_path_as_an_argument(store):
    path, _ = store
    assert path.exists() and path.with_name(path.name + ".key").exists()


def test_show_by_native_name_and_any_case(store):
    path, ids = store
    for ref in ("江天勇", "jiang tianyong", "JIANG TIANYONG", ids["Jiang Tianyong"][:8]):
        res = run("show", ref, "--json", "--store", str(path))
        assert res.returncode == 0, (ref, res.stderr)
        assert res.stdout and '"Jiang Tianyong"' in res.stdout


def test_exact_spelling_wins_over_case_folding(store):
    path, ids = store
    res = run("show", "Liu Xia", "--json", "--store", str(path))
    assert res.returncode == 0, res.stderr
    assert ids["Liu Xia"] in res.stdout


def test_several_matches_list_the_choice(store):
    path, ids = store
    before = digest(path)
    res = run(
        "add-event", "LIU XIA", "--store", str(path), "--type", "release", "--date", "2018-07-10"
    )
    assert_clean_failure(res, 1, "2 cases match", ids["Liu Xia"][:8], ids["liu xia"][:8])
    assert digest(path) == before


def test_missing_store_is_reported_before_the_passphrase(tmp_path):
    # no passphrase anywhere and no terminal: had it asked first, it would say so instead
    env = {k: v for k, v in os.environ.items() if k != "DOSSIER_PASSPHRASE"}
    res = subprocess.run(
        [sys.executable, "-m", "dossier", "show", "x", "--store", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert_clean_failure(res, 3, "no store at", "none.db", "dossier init")


def test_init_refuses_an_existing_store_before_the_passphrase(store):
    path, _ = store
    env = {k: v for k, v in os.environ.items() if k != "DOSSIER_PASSPHRASE"}
    res = subprocess.run(
        [sys.executable, "-m", "dossier", "init", str(path)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert_clean_failure(res, 1, "already exists")


def test_add_event_help_lists_every_type_and_charge_in_both_languages():
    res = run("add-event", "--help")
    assert res.returncode == 0
    for t in [*vocab.EVENT_TYPES.values(), *vocab.CHARGES.values()]:
        line = next((ln for ln in res.stdout.splitlines() if ln.split()[:1] == [t.id]), None)
        assert line is not None, t.id
        assert t.zh in line and t.en in line


def test_show_prints_charge_labels(store):
    path, _ = store
    res = run("show", "Jiang Tianyong", "--as-of", "2017-01-01", "--store", str(path))
    assert res.returncode == 0, res.stderr
    line = next(ln for ln in res.stdout.splitlines() if "charges:" in ln)
    assert "Inciting subversion of state power (煽动颠覆国家政权罪)" in line
    assert "寻衅滋事罪" in line and "something else" in line
    assert "inciting_subversion" not in line and "picking_quarrels" not in line


def test_a_closed_pipe_is_not_an_internal_error(store):
    path, _ = store
    env = dict(os.environ, DOSSIER_PASSPHRASE=PASS, DOSSIER_KDF_FAST="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dossier", "add-event", "--help"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    proc.stdout.close()  # the reader went away before a byte was read (`| head -0`)
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "internal error" not in err and "Traceback" not in err
    script = (
        f"import subprocess, sys; p = subprocess.Popen([sys.executable, '-m', 'dossier', 'show', "
        f"'Jiang Tianyong', '--store', {str(path)!r}], stdout=subprocess.PIPE, stderr=subprocess.PIPE); "
        "p.stdout.close(); e = p.stderr.read(); sys.stderr.buffer.write(e); sys.exit(p.wait())"
    )
    res = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert "internal error" not in res.stderr and "Traceback" not in res.stderr, res.stderr
    assert res.returncode in (0, 141), (res.returncode, res.stderr)
