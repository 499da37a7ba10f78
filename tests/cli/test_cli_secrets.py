"""Issue #12 (low): the CLI and secrets -- the passphrase policy on init/passwd
(`--weak-passphrase-ok`), a passphrase-protected age identity export, case text from
`--from-file` instead of the command line, and a private (0700) state folder."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path
from unittest import mock

import pyrage
import pytest

from dossier.cli import main
from dossier.crypto import keys
from dossier.services.dossier import Dossier

PASS = "secrets test passphrase 王全璋"


def run(store: Path, *args, stdin: str = "", env_extra=None):
    out, err = io.StringIO(), io.StringIO()
    env = dict(os.environ, DOSSIER_PASSPHRASE=PASS, DOSSIER_STORE=str(store), DOSSIER_KDF_FAST="1")
    env.pop("DOSSIER_WEAK_PASSPHRASE_OK", None)
    env.update(env_extra or {})
    with (
        mock.patch.dict(os.environ, env, clear=True),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        mock.patch("sys.stdin", io.StringIO(stdin)),
    ):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_init_refuses_a_weak_passphrase_unless_told(tmp_path):
    store = tmp_path / "s.db"
    res = run(store, "init", env_extra={"DOSSIER_PASSPHRASE": "x"})
    assert (
        res.returncode == 1 and "very weak" in res.stderr and "--weak-passphrase-ok" in res.stderr
    )
    assert not store.exists()
    assert (
        run(store, "init", "--weak-passphrase-ok", env_extra={"DOSSIER_PASSPHRASE": "x"}).returncode
        == 0
    )
    other = tmp_path / "t.db"
    res = run(
        other, "init", env_extra={"DOSSIER_PASSPHRASE": "x", "DOSSIER_WEAK_PASSPHRASE_OK": "1"}
    )
    assert res.returncode == 0


def test_passwd_refuses_a_weak_new_passphrase(tmp_path):
    store = tmp_path / "s.db"
    assert run(store, "init").returncode == 0
    res = run(store, "passwd", env_extra={"DOSSIER_NEW_PASSPHRASE": "demo"})
    assert res.returncode == 1 and "new passphrase is" in res.stderr
    Dossier.open(store, PASS).close()  # unchanged


def test_demo_is_exempt(tmp_path):
    res = run(
        tmp_path / "x", "demo", str(tmp_path / "demo.db"), env_extra={"DOSSIER_PASSPHRASE": "demo"}
    )
    assert res.returncode == 0, res.stderr


def test_state_folder_is_private(tmp_path):
    state = tmp_path / "state"
    res = run(tmp_path / "s.db", "init", env_extra={"DOSSIER_STATE_DIR": str(state)})
    assert res.returncode == 0, res.stderr
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE((state / "rollback").stat().st_mode) == 0o700
    os.chmod(state, 0o755)  # as older versions left it
    assert (
        run(tmp_path / "s.db", "list", env_extra={"DOSSIER_STATE_DIR": str(state)}).returncode == 0
    )
    assert stat.S_IMODE(state.stat().st_mode) == 0o700


def test_identity_export_protected(tmp_path):
    store = tmp_path / "s.db"
    assert run(store, "init").returncode == 0
    assert run(store, "identity", "create").returncode == 0
    out = tmp_path / "id.age"
    secret = "identity export passphrase 丁家喜"
    res = run(
        store,
        "identity",
        "export-age-identity",
        "-o",
        str(out),
        "--protect",
        env_extra={"DOSSIER_IDENTITY_PASSPHRASE": secret},
    )
    assert res.returncode == 0, res.stderr
    data = out.read_bytes()
    assert b"AGE-SECRET-KEY" not in data and data.startswith(b"age-encryption.org/v1")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = pyrage.passphrase.decrypt(data, secret).decode()
    with Dossier.open(store, PASS) as d:
        from dossier.services import sharing

        assert keys.parse_age_identity_text(text) == sharing.load_identity(d).age_secret
    weak = run(
        store,
        "identity",
        "export-age-identity",
        "-o",
        str(tmp_path / "w.age"),
        "--protect",
        env_extra={"DOSSIER_IDENTITY_PASSPHRASE": "abc"},
    )
    assert weak.returncode == 1 and not (tmp_path / "w.age").exists()


def test_identity_export_unprotected_warns_loudly(tmp_path):
    store = tmp_path / "s.db"
    assert run(store, "init").returncode == 0
    assert run(store, "identity", "create").returncode == 0
    res = run(store, "identity", "export-age-identity", "-o", str(tmp_path / "id.txt"))
    assert res.returncode == 0 and "UNENCRYPTED" in res.stderr and "--protect" in res.stderr
    assert stat.S_IMODE((tmp_path / "id.txt").stat().st_mode) == 0o600


@pytest.mark.skipif(
    not (shutil.which("age") and shutil.which("script")), reason="needs age and script"
)
def test_the_age_tool_opens_a_protected_identity(tmp_path):
    store = tmp_path / "s.db"
    assert run(store, "init").returncode == 0
    assert run(store, "identity", "create").returncode == 0
    secret = "identity export passphrase 丁家喜"
    assert (
        run(
            store,
            "identity",
            "export-age-identity",
            "-o",
            str(tmp_path / "id.age"),
            "--protect",
            env_extra={"DOSSIER_IDENTITY_PASSPHRASE": secret},
        ).returncode
        == 0
    )
    with Dossier.open(store, PASS) as d:
        from dossier.services import sharing

        rec = sharing.identity_info(d).recipient
    msg = tmp_path / "m.age"
    msg.write_bytes(pyrage.encrypt(b"hello", [pyrage.x25519.Recipient.from_str(rec)]))
    # age reads the identity passphrase from the terminal: `script` gives it one.
    res = subprocess.run(
        ["script", "-qec", f"age -d -i {tmp_path / 'id.age'} {msg}", "/dev/null"],
        input=secret + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "hello" in res.stdout


def test_from_file_keeps_case_text_off_the_command_line(tmp_path):
    store = tmp_path / "s.db"
    assert run(store, "init").returncode == 0
    doc = {
        "name": "Wang Quanzhang",
        "native-name": ["王全璋"],
        "lang": ["zh-Hans"],
        "summary": "A lawyer.\nSecond line.",
    }
    f = tmp_path / "case.json"
    f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    cid = run(store, "add-case", "--from-file", str(f)).stdout.strip()
    note = {"note": "Taken from home at night.\n— a relative", "place": "Beijing"}
    res = run(
        store,
        "add-event",
        cid,
        "--type",
        "disappearance",
        "--date",
        "2015-08-03",
        "--from-file",
        "-",
        stdin=json.dumps(note),
    )
    assert res.returncode == 0, res.stderr
    with Dossier.open(store, PASS) as d:
        c = d.get_case(cid)
    assert c.name == "Wang Quanzhang" and c.summary == "A lawyer.\nSecond line."
    assert c.names[0].value == "王全璋" and c.names[0].lang == "zh-Hans"
    assert c.events[0].note == note["note"] and c.events[0].place == "Beijing"
    src = run(store, "add-source", "--from-file", "-", stdin='{"title": "RFA report"}')
    assert src.returncode == 0, src.stderr


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (["add-case"], "", "--name"),
        (["add-case", "--from-file", "-"], '{"nam": "x"}', "unknown field 'nam'"),
        (["add-case", "--name", "A", "--from-file", "-"], '{"name": "B"}', "both"),
        (["add-case", "--from-file", "-"], '["x"]', "not a JSON object"),
        (["add-case", "--from-file", "-"], '{"tag": "x"}', "a list"),
        (["add-source", "--from-file", "-"], "{}", "--title"),
    ],
)
def test_from_file_mistakes_are_usage_errors(tmp_path, args, stdin, words):
    store = tmp_path / "s.db"
    assert run(store, "init").returncode == 0
    res = run(store, *args, stdin=stdin)
    assert res.returncode == 2 and words in res.stderr, res.stderr
