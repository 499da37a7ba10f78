"""`identity`, `contacts` and `share` as spec/cli.md promises them: output lines and
--json keys, exit codes 3 and 4, one-line errors, stores unchanged.

Most calls run `dossier.cli.main` in this process (the same code path as the console
script, minus ~1 s of interpreter start per call); `test_as_a_real_process` runs the
program as a separate process (`sys.executable -m dossier`, whatever the environment
is called or wherever it lives) for the exit codes and output a user sees.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

from dossier.cli import main

DOSSIER = [sys.executable, "-m", "dossier"]  # never a venv path: tests run in any environment
PASS = {"alice": "alice cli passphrase", "bob": "bob cli passphrase"}


def _env(who: str, folder: Path, env_extra=None) -> dict:
    env = dict(
        os.environ,
        DOSSIER_PASSPHRASE=PASS[who],
        DOSSIER_KDF_FAST="1",
        DOSSIER_STORE=str(folder / f"{who}.db"),
    )
    env.pop("DOSSIER_SHARE_PASSPHRASE", None)
    env.update(env_extra or {})
    return env


def run(who: str, folder: Path, *args, env_extra=None):
    """`dossier ARGS` in this process, as `who`; a CompletedProcess-like result."""
    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.dict(os.environ, _env(who, folder, env_extra), clear=True),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def run_process(who: str, folder: Path, *args):
    return subprocess.run(
        [*DOSSIER, *args], capture_output=True, text=True, env=_env(who, folder), timeout=120
    )


def ok(res) -> str:
    assert res.returncode == 0, (res.returncode, res.stdout, res.stderr)
    return res.stdout


def clean_failure(res, code: int, *words: str) -> None:
    assert res.returncode == code, (res.returncode, res.stdout, res.stderr)
    err = res.stderr.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    for w in words:
        assert w.lower() in err.lower(), err


def digest(folder: Path, who: str) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.iterdir()):
        if p.name.startswith(f"{who}.db"):
            h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Alice and Bob with identities and each other as contacts; Alice has two cases."""
    f = tmp_path_factory.mktemp("sharecli")
    for who in PASS:
        ok(run(who, f, "init"))
    res = run("alice", f, "identity", "show")
    clean_failure(res, 1, "no identity yet", "identity create")
    ids = {who: json.loads(ok(run(who, f, "identity", "create", "--json"))) for who in PASS}
    ok(
        run(
            "alice",
            f,
            "contacts",
            "add",
            "Bob",
            ids["bob"]["recipient"],
            "--signing-key",
            ids["bob"]["signing_key"],
            "--verified",
        )
    )
    ok(
        run(
            "bob",
            f,
            "contacts",
            "add",
            "Alice",
            ids["alice"]["recipient"],
            "--signing-key",
            ids["alice"]["signing_key"],
        )
    )
    (f / "scan.bin").write_bytes(os.urandom(100_000))
    wang = ok(
        run(
            "alice",
            f,
            "add-case",
            "--name",
            "Wang Quanzhang",
            "--native-name",
            "王全璋",
            "--lang",
            "zh-Hans",
            "--tag",
            "lawyers",
        )
    ).strip()
    ok(
        run(
            "alice",
            f,
            "add-event",
            wang,
            "--type",
            "disappearance",
            "--date",
            "2015-08-03",
            "--place",
            "Tianjin",
            "--charge",
            "subversion",
        )
    )
    jiang = ok(run("alice", f, "add-case", "--name", "Jiang Tianyong", "--tag", "lawyers")).strip()
    ok(run("alice", f, "add-event", jiang, "--type", "disappearance", "--date", "2016-11-21"))
    ok(run("alice", f, "add-case", "--name", "Private", "--tag", "other"))
    share = f / "two.age"
    out = ok(
        run(
            "alice",
            f,
            "share",
            "export",
            "-o",
            str(share),
            "--cases",
            f"{wang},{jiang}",
            "--to",
            "Bob",
        )
    )
    assert "2 cases" in out and "Bob" in out
    return dict(f=f, ids=ids, wang=wang, jiang=jiang, share=share)


def test_identity_show_lines_and_json_keys(world):
    out = ok(run("alice", world["f"], "identity", "show"))
    lines = out.splitlines()
    assert re.fullmatch(r"recipient: age1[0-9a-z]+", lines[0])
    assert re.fullmatch(r"signing-key: ed25519:[A-Za-z0-9+/]+=*", lines[1])
    assert re.fullmatch(r"fingerprint: [0-9A-Z]{4}(-[0-9A-Z]{4}){3}", lines[2])
    doc = json.loads(ok(run("alice", world["f"], "identity", "show", "--json")))
    assert {"recipient", "signing_key", "fingerprint"} <= set(doc)
    assert lines[0] == f"recipient: {doc['recipient']}"
    clean_failure(run("alice", world["f"], "identity", "create"), 1, "already has an identity")


def test_export_age_identity_warns_and_is_private(world):
    out = world["f"] / "bob-age.txt"
    res = run("bob", world["f"], "identity", "export-age-identity", "-o", str(out))
    ok(res)
    assert "PRIVATE" in res.stderr and res.stderr.count("\n") == 1
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "AGE-SECRET-KEY-1" in out.read_text()
    clean_failure(
        run("bob", world["f"], "identity", "export-age-identity", "-o", str(out)), 1, "exists"
    )


def test_contacts_list_json_and_remove(world):
    f = world["f"]
    (bob,) = json.loads(ok(run("alice", f, "contacts", "list", "--json")))
    assert (
        bob["name"] == "Bob"
        and bob["verified"]
        and bob["fingerprint"] == world["ids"]["bob"]["fingerprint"]
    )
    ok(run("alice", f, "contacts", "add", "Temp", world["ids"]["bob"]["recipient"]))
    assert "Temp" in ok(run("alice", f, "contacts", "list"))
    ok(run("alice", f, "contacts", "remove", "Temp"))
    clean_failure(run("alice", f, "contacts", "remove", "Temp"), 1, "no contact named")
    clean_failure(run("alice", f, "contacts", "add", "X", "age1bad"), 1, "recipient")


def test_inspect_then_import_then_show_json_is_equal(world):
    f = world["f"]
    out = ok(run("bob", f, "share", "inspect", str(world["share"])))
    assert f"signed by: Alice ({world['ids']['alice']['fingerprint']}" in out
    assert "for: you" in out and "holds: 2 cases, 2 events" in out
    doc = json.loads(ok(run("bob", f, "share", "inspect", str(world["share"]), "--json")))
    assert doc["meant_for_me"] and doc["signer"]["name"] == "Alice" and doc["counts"]["cases"] == 2
    before = digest(f, "bob")
    ok(run("bob", f, "share", "import", str(world["share"]), "--dry-run"))
    assert digest(f, "bob") == before  # a dry run writes nothing
    rep = json.loads(ok(run("bob", f, "share", "import", str(world["share"]), "--json")))
    assert rep["added"]["cases"] == 2 and rep["added"]["events"] == 2 and rep["conflicts"] == []
    for cid in (world["wang"], world["jiang"]):
        args = ("show", cid, "--as-of", "2018-02-03", "--json")
        assert json.loads(ok(run("bob", f, *args))) == json.loads(ok(run("alice", f, *args)))
    # a second import of the same file is a replay: exit 4, nothing written
    before = digest(f, "bob")
    clean_failure(run("bob", f, "share", "import", str(world["share"])), 4, "already imported")
    assert digest(f, "bob") == before


def test_tampered_file_is_exit_4_and_wrong_recipient_exit_3(world):
    f = world["f"]
    data = bytearray(world["share"].read_bytes())
    data[len(data) // 2] ^= 0x40
    bad = f / "tampered.age"
    bad.write_bytes(bytes(data))
    before = digest(f, "bob")
    clean_failure(run("bob", f, "share", "import", str(bad)), 4, "damaged")
    assert digest(f, "bob") == before
    mine = f / "for-alice.age"  # Bob shares to Alice only; Bob cannot open it himself
    ok(run("bob", f, "share", "export", "-o", str(mine), "--to", "Alice", "--all"))
    clean_failure(run("bob", f, "share", "import", str(mine)), 3, "not encrypted to you")
    clean_failure(run("bob", f, "share", "inspect", str(mine)), 3)


def test_unknown_signer_exit_4_unless_accepted(world, tmp_path):
    f = world["f"]
    env = {"DOSSIER_STORE": str(tmp_path / "carol.db"), "DOSSIER_PASSPHRASE": "carol pass"}
    ok(run("alice", f, "init", "--weak-passphrase-ok", env_extra=env))
    ok(run("alice", f, "identity", "create", env_extra=env))
    ok(run("alice", f, "add-case", "--name", "Li Yuhan", env_extra=env))
    out = tmp_path / "from-carol.age"
    ok(
        run(
            "alice",
            f,
            "share",
            "export",
            "-o",
            str(out),
            "--all",
            "--to",
            world["ids"]["bob"]["recipient"],
            env_extra=env,
        )
    )
    clean_failure(
        run("bob", f, "share", "import", str(out)), 4, "unknown key", "--accept-unknown-signer"
    )
    res = run("bob", f, "share", "import", str(out), "--accept-unknown-signer")
    assert "added: 1 cases" in ok(res) and "unknown" in res.stderr.lower()


def test_passphrase_share_from_the_environment(world, tmp_path):
    f = world["f"]
    out = tmp_path / "pass.age"
    env = {"DOSSIER_SHARE_PASSPHRASE": "a share passphrase"}
    ok(
        run(
            "alice",
            f,
            "share",
            "export",
            "-o",
            str(out),
            "--cases",
            world["jiang"],
            "--passphrase",
            env_extra=env,
        )
    )
    clean_failure(run("bob", f, "share", "inspect", str(out)), 3, "passphrase")
    res = run("bob", f, "share", "inspect", str(out), "--json", env_extra=env)
    if res.returncode == 4 and "excessive work" in res.stderr.lower():
        pytest.skip("pyrage refused the scrypt work factor on this (loaded) machine")
    doc = json.loads(ok(res))
    assert doc["passphrase"] and doc["meant_for_me"]


def test_usage_errors_are_exit_2(world):
    f = world["f"]
    clean_failure(run("alice", f, "share", "export", "-o", str(f / "x.age")), 2, "--to")
    clean_failure(run("alice", f, "share"), 2, "export")
    res = run(
        "alice",
        f,
        "share",
        "export",
        "-o",
        str(f / "x.age"),
        "--all",
        "--to",
        "Bob",
        "--passphrase",
        env_extra={"DOSSIER_SHARE_PASSPHRASE": "x"},
    )
    clean_failure(res, 2, "not both")
    assert not (f / "x.age").exists()


def test_as_a_real_process(world):
    """The installed console script: the spec's lines, exit codes 4 and 3, one line each."""
    f = world["f"]
    out = ok(run_process("alice", f, "identity", "show"))
    assert [ln.split(":")[0] for ln in out.splitlines()] == [
        "recipient",
        "signing-key",
        "fingerprint",
    ]
    share = f / "real.age"
    ok(
        run_process(
            "alice",
            f,
            "share",
            "export",
            "-o",
            str(share),
            "--cases",
            world["jiang"],
            "--to",
            "Bob",
        )
    )
    data = bytearray(share.read_bytes())
    data[-20] ^= 1
    (f / "real-bad.age").write_bytes(bytes(data))
    before = digest(f, "bob")
    clean_failure(run_process("bob", f, "share", "import", str(f / "real-bad.age")), 4, "damaged")
    clean_failure(run_process("alice", f, "share", "import", str(share)), 3, "not encrypted to you")
    assert digest(f, "bob") == before
