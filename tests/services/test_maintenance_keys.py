"""Key header backup and restore (issue 7), and accepting a restored copy of a store."""

from __future__ import annotations

import shutil
import stat

import pytest

from dossier.core.errors import (
    DossierError,
    IntegrityError,
    RollbackError,
    StoreExistsError,
    UnlockError,
)
from dossier.core.model import Case
from dossier.crypto import keyheader
from dossier.services import maintenance
from dossier.services.dossier import Dossier
from dossier.store.engine import key_header_path
from dossier.store.store import Store

PASS = "key header backup passphrase"


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "store" / "s.db"
    path.parent.mkdir()
    with Dossier.create(path, PASS) as d:
        d.add_case(Case(name="Before the header backup"))
    return path


def _backup(path, dest, **kw):
    with Dossier.open(path, PASS) as d:
        return maintenance.backup_key_header(d, dest, **kw)


def test_backup_lose_restore_open_data_intact(store, tmp_path):
    out = _backup(store, tmp_path / "hdr.backup")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert (
        keyheader.read_header(out).store_id
        == keyheader.read_header(key_header_path(store)).store_id
    )
    key_header_path(store).unlink()  # lost
    with pytest.raises(UnlockError, match="missing"):
        Dossier.open(store, PASS)
    maintenance.restore_key_header(store, out, PASS)
    assert not key_header_path(store).with_name("s.db.key.replaced").exists()  # nothing to keep
    with Dossier.open(store, PASS) as d:
        assert [c.name for c in map(d.get_case, d.all_case_ids())] == ["Before the header backup"]


def test_restore_after_more_commits_than_the_backup_resyncs_and_keeps_the_old_header(
    store, tmp_path
):
    out = _backup(store, tmp_path / "hdr.backup")
    with Dossier.open(store, PASS) as d:
        for i in range(3):
            d.add_case(Case(name=f"after the header backup {i}"))
    damaged = key_header_path(store).read_bytes().replace(b'"salt":"', b'"salt":"A')
    key_header_path(store).write_bytes(damaged)
    with pytest.raises(IntegrityError):
        Dossier.open(store, PASS)
    maintenance.restore_key_header(store, out, PASS)
    assert key_header_path(store).with_name("s.db.key.replaced").read_bytes() == damaged
    with Dossier.open(store, PASS) as d:  # not "rolled back": re-synced to the database
        assert d.case_count() == 4
        assert d.store.header.commit_counter == int(d.store.meta()["commit_counter"])
    maintenance.restore_key_header(store, out, PASS)  # again: the next one aside, nothing lost
    assert key_header_path(store).with_name("s.db.key.replaced-2").exists()


def test_wrong_passphrase_is_unlock_error_and_changes_nothing(store, tmp_path):
    out = _backup(store, tmp_path / "hdr.backup")
    before = key_header_path(store).read_bytes()
    with pytest.raises(UnlockError, match="wrong passphrase"):
        maintenance.restore_key_header(store, out, "not it")
    assert key_header_path(store).read_bytes() == before


def test_a_header_from_another_store_is_refused_naming_both(store, tmp_path):
    other = tmp_path / "other.db"
    with Dossier.create(other, PASS):
        pass
    out = _backup(other, tmp_path / "other.backup")
    before = key_header_path(store).read_bytes()
    ours = keyheader.read_header(key_header_path(store)).store_id
    theirs = keyheader.read_header(out).store_id
    with pytest.raises(IntegrityError) as exc:
        maintenance.restore_key_header(store, out, PASS)
    assert theirs in str(exc.value) and ours in str(exc.value)
    assert key_header_path(store).read_bytes() == before


def test_a_copy_of_the_store_under_the_same_key_but_another_id_is_refused(store, tmp_path):
    """Same data key (a copy), store id changed in its header: the ids must agree."""
    out = _backup(store, tmp_path / "hdr.backup")
    h = keyheader.read_header(out)
    key = keyheader.unlock(h, PASS)
    forged = keyheader._wrap(1, "f" * 32, key, PASS, h.kdf)
    forged = keyheader.with_counter(forged, key, 0, "")
    keyheader.write_header(tmp_path / "forged", forged)
    with pytest.raises(IntegrityError, match="f" * 32):
        maintenance.restore_key_header(store, tmp_path / "forged", PASS)


def test_backup_refuses_overwrite_missing_folder_and_the_live_header(store, tmp_path):
    out = _backup(store, tmp_path / "hdr.backup")
    with pytest.raises(StoreExistsError, match="already exists"):
        _backup(store, out)
    assert _backup(store, out, overwrite=True) == out
    with pytest.raises(DossierError, match="does not exist"):
        _backup(store, tmp_path / "no such folder" / "hdr")
    with pytest.raises(StoreExistsError, match="store's own file"):
        _backup(store, key_header_path(store), overwrite=True)
    folder = tmp_path / "usb"
    folder.mkdir()
    assert _backup(store, folder) == folder / "s.db.key.backup"


def test_accept_restore_makes_an_older_copy_the_baseline(store, tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    for p in (store, key_header_path(store)):
        shutil.copy2(p, old / p.name)
    with Dossier.open(store, PASS) as d:
        d.add_case(Case(name="later"))
    for p in (store, key_header_path(store)):
        shutil.copy2(old / p.name, p)
    with pytest.raises(RollbackError):
        Store.open(store, PASS)
    with pytest.raises(UnlockError):
        maintenance.accept_restore(store, "wrong")
    maintenance.accept_restore(store, PASS)
    with Dossier.open(store, PASS) as d:
        assert d.case_count() == 1


def test_backup_sweeps_what_a_killed_backup_to_the_same_name_left(store, tmp_path):
    """A backup killed mid-copy leaves `.NAME.PID.part` files; the next backup to that name
    removes them when that process is gone, and leaves a live one's and other names alone."""
    import os
    import subprocess
    import sys

    out = tmp_path / "b.db"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    stale = [
        tmp_path / f".b.db.{dead}.part",
        tmp_path / f".b.db.{dead}.part-wal",
        tmp_path / f".b.db.key.{dead}.part",
    ]
    live = tmp_path / f".b.db.{os.getppid()}.part"
    other = [tmp_path / f".other.db.{dead}.part", tmp_path / "notes.part"]
    for p in [*stale, live, *other]:
        p.write_bytes(b"x")
    with Dossier.open(store, PASS) as d:
        maintenance.backup(d, out)
    assert not any(p.exists() for p in stale)
    assert live.exists() and all(p.exists() for p in other)
    assert out.exists() and key_header_path(out).exists()
