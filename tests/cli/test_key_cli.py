"""`key-backup`, `key-restore` and `verify --accept-restore`, run as a user runs them."""

from __future__ import annotations

import json
import shutil

from dossier.store.engine import key_header_path

from .test_cli import assert_clean_failure, run


def _init(path) -> None:
    assert run("init", "--store", str(path)).returncode == 0
    res = run("add-case", "--store", str(path), "--name", "Key CLI case")
    assert res.returncode == 0, res.stderr


def test_key_backup_and_restore(tmp_path):
    path = tmp_path / "s.db"
    _init(path)
    out = tmp_path / "hdr.backup"
    res = run("key-backup", str(path), str(out), "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == {"key_backup": str(out)}
    assert_clean_failure(run("key-backup", str(path), str(out)), 1, "already exists")
    assert run("key-backup", "--store", str(path), str(out), "--overwrite").returncode == 0
    key_header_path(path).unlink()
    assert_clean_failure(run("list", "--store", str(path)), 3, "key header")
    assert_clean_failure(
        run("key-restore", str(path), str(out), env_extra={"DOSSIER_PASSPHRASE": "wrong"}),
        3,
        "wrong passphrase",
    )
    res = run("key-restore", str(path), str(out))
    assert res.returncode == 0, res.stderr
    res = run("list", "--store", str(path), "--json")
    assert res.returncode == 0 and json.loads(res.stdout)[0]["name"] == "Key CLI case"


def test_key_restore_from_another_store_is_exit_4_and_usage_is_exit_2(tmp_path):
    path, other = tmp_path / "s.db", tmp_path / "o.db"
    _init(path)
    _init(other)
    out = tmp_path / "other.backup"
    assert run("key-backup", str(other), str(out)).returncode == 0
    assert_clean_failure(run("key-restore", str(path), str(out)), 4, "another store")
    assert_clean_failure(run("key-restore"), 2)
    assert_clean_failure(
        run("key-backup", str(path), str(out), "--store", str(other)), 2, "two different"
    )


def test_verify_refuses_a_restored_older_copy_until_accepted(tmp_path):
    path = tmp_path / "s.db"
    _init(path)
    old = tmp_path / "old"
    old.mkdir()
    for p in (path, key_header_path(path)):
        shutil.copy2(p, old / p.name)
    assert run("add-case", "--store", str(path), "--name", "Later").returncode == 0
    for p in (path, key_header_path(path)):
        shutil.copy2(old / p.name, p)
    res = run("verify", str(path))
    assert_clean_failure(res, 4, "older copy", "--accept-restore")
    res = run("verify", str(path), "--accept-restore", "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["ok"] and doc["accepted_restore"] is True
    res = run("verify", "--store", str(path))
    assert res.returncode == 0 and "ok" in res.stdout


def test_the_key_file_names_said_are_the_ones_written(tmp_path):
    """Issue #14 item 4: the names come from the store's rule, and the header a restore
    put aside is named as it was kept (`.replaced`, then `.replaced-2`)."""
    path = tmp_path / "s.db"
    res = run("init", "--store", str(path), "--json")
    assert json.loads(res.stdout)["key_header"] == str(key_header_path(path))
    folder = tmp_path / "usb"
    folder.mkdir()
    res = run("key-backup", str(path), str(folder), "--json")
    out = folder / "s.db.key.backup"
    assert json.loads(res.stdout) == {"key_backup": str(out)} and out.exists()
    key_header_path(path).unlink()
    res = run("key-restore", str(path), str(out))
    assert res.returncode == 0, res.stderr
    assert f"restored the key header {key_header_path(path)} from {out}\n" in res.stdout
    assert "replaced" not in res.stdout  # there was none to keep
    for kept in ("s.db.key.replaced", "s.db.key.replaced-2"):
        res = run("key-restore", str(path), str(out))
        assert f"(the one it replaced is kept as {tmp_path / kept})" in res.stdout, res.stdout
        assert (tmp_path / kept).exists()
    bk = tmp_path / "copy.db"
    res = run("backup", "-o", str(bk), "--store", str(path), "--json")
    assert json.loads(res.stdout) == {"backup": str(bk), "key_header": str(bk) + ".key"}
