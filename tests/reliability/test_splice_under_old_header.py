"""Issue 12, high and medium: old pages spliced in under a one-commit-old key header.

The attack (an adversary with copies of the files): take the store after commit N, put
back every page from a copy made at commit N-1 EXCEPT the `meta` table's pages (they
carry the counter and the hash chain), and put back the key header of commit N-1 --
sealed (a copy from after the last clean close) or unsealed (a copy taken during the
session, right after the commit). The database then looks exactly one commit ahead of
its header, which is what a crash between a commit and its header write looks like.

Before the fix, `show` opened it (the release event of commit N gone), `verify` said ok
and the next clean close sealed the doctored file. Now the seal of the last clean close
is also kept in this computer's MACed rollback-guard record (which the attacker cannot
roll back with the header), and the crash repair is accepted only when the guard agrees:
refused with exit 4. `key-restore` no longer launders it either.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.core.errors import IntegrityError
from dossier.core.model import Case, Event
from dossier.crypto import keyheader
from dossier.services import maintenance
from dossier.services.dossier import Dossier
from dossier.store.engine import connect, key_header_path
from dossier.store.store import Store

PASS = "splice test passphrase 王全璋"


@pytest.fixture(
    autouse=True,
    params=[
        pytest.param("quick", id="quick"),
        pytest.param("reliability", id="reliability", marks=pytest.mark.slow),
    ],
)
def _both_suites(request) -> str:
    """Every attack here runs in `make test` and again in `make test-reliability` (slow)."""
    return request.param


PAGE = 4096


def _cli(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, DOSSIER_PASSPHRASE=PASS, DOSSIER_KDF_FAST="1")
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "dossier", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _meta_pages(path: Path, key: bytes) -> list[int]:
    """0-based page numbers of the meta table (its root page; a small table has one)."""
    conn = connect(path, key)
    try:
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'meta'").fetchone()
        count = conn.execute("SELECT count(*) FROM meta").fetchone()[0]
    finally:
        conn.close()
    assert count < 20  # one leaf page
    return [root - 1]


def _attack(tmp_path: Path, *, sealed_header: bool, crash_after_last_commit: bool = False) -> dict:
    """Build the spliced store in `tmp_path/s.db`; returns what the test needs."""
    path = tmp_path / "s.db"
    d = Dossier.create(path, PASS)
    key = d.store.data_key
    case = d.add_case(Case(name="Splice case"))
    d.add_event(case.id, Event(type="detention", date="2019-03-02"))
    unsealed_old_header = key_header_path(path).read_bytes()  # a copy taken mid-session
    d.close()  # commit N-1, sealed
    old_db = path.read_bytes()
    sealed_old_header = key_header_path(path).read_bytes()
    old_header = keyheader.decode(sealed_old_header)
    assert old_header.seal and not keyheader.decode(unsealed_old_header).seal
    assert keyheader.decode(unsealed_old_header).commit_counter == old_header.commit_counter

    d = Dossier.open(path, PASS)
    d.add_event(case.id, Event(type="release", date="2021-01-04", note="released"))
    if crash_after_last_commit:
        d.store.close(checkpoint_wal=False)  # killed: no seal over commit N
        conn = connect(path, key)  # fold the WAL in, as a later read would
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        conn.close()
    else:
        d.close()  # commit N, sealed
    new_db = path.read_bytes()
    assert (
        keyheader.read_header(key_header_path(path)).commit_counter == old_header.commit_counter + 1
    )

    spliced = bytearray(old_db)
    for n in _meta_pages(path, key):
        spliced[n * PAGE : (n + 1) * PAGE] = new_db[n * PAGE : (n + 1) * PAGE]
    path.write_bytes(bytes(spliced))
    for extra in (f"{path}-wal", f"{path}-shm"):
        Path(extra).unlink(missing_ok=True)
    key_header_path(path).write_bytes(sealed_old_header if sealed_header else unsealed_old_header)
    return {"path": path, "key": key, "case": case.id, "old_header": old_header}


@pytest.mark.parametrize(
    "sealed_header", [True, False], ids=["sealed-old-header", "unsealed-old-header"]
)
def test_spliced_pages_under_a_one_commit_old_header_are_refused(tmp_path, sealed_header):
    a = _attack(tmp_path, sealed_header=sealed_header)
    path = a["path"]
    before = path.read_bytes(), key_header_path(path).read_bytes()
    res = _cli("show", a["case"], "--store", str(path))
    assert res.returncode == 4, (res.returncode, res.stdout, res.stderr)
    assert "Traceback" not in res.stderr and "release" not in res.stdout
    res = _cli("verify", "--store", str(path))
    assert res.returncode == 4, (res.returncode, res.stdout, res.stderr)
    with pytest.raises(IntegrityError):
        Store.open(path, PASS)
    # Nothing was repaired, re-synced or sealed over the doctored file.
    assert (path.read_bytes(), key_header_path(path).read_bytes()) == before


def test_sealed_old_header_is_refused_even_on_a_computer_that_never_saw_the_store(
    tmp_path, monkeypatch
):
    """The one-commit-ahead repair beside a SEALED header is accepted only when this
    computer's record agrees; with no record at all, it is refused."""
    a = _attack(tmp_path, sealed_header=True)
    monkeypatch.setenv("DOSSIER_STATE_DIR", str(tmp_path / "another computer"))
    with pytest.raises(IntegrityError):
        Store.open(a["path"], PASS)


def test_splice_after_a_crash_with_an_old_header_is_refused(tmp_path):
    """No seal covers commit N (the session was killed), but this computer saw commit N's
    header written: a header of commit N-1 beside it was put back."""
    a = _attack(tmp_path, sealed_header=False, crash_after_last_commit=True)
    res = _cli("show", a["case"], "--store", str(a["path"]))
    assert res.returncode == 4, (res.returncode, res.stdout, res.stderr)


# --- key-restore must not launder it ---------------------------------------------------------


def _damage_header_and_restore(tmp_path: Path, a: dict) -> subprocess.CompletedProcess:
    backup = tmp_path / "key.backup"
    shutil.copy2(key_header_path(a["path"]), backup)  # any older copy of the header will do
    key_header_path(a["path"]).write_bytes(b"damaged")
    return _cli("key-restore", "--store", str(a["path"]), str(backup))


def test_key_restore_refuses_a_splice_the_seal_record_contradicts(tmp_path):
    a = _attack(tmp_path, sealed_header=True)
    assert _cli("show", a["case"], "--store", str(a["path"])).returncode == 4
    res = _damage_header_and_restore(tmp_path, a)
    assert res.returncode == 4, (res.returncode, res.stdout, res.stderr)
    assert "replaced by older or foreign" in res.stderr
    assert key_header_path(a["path"]).read_bytes() == b"damaged"  # nothing written
    assert _cli("verify", "--store", str(a["path"])).returncode != 0


def test_key_restore_says_what_it_could_not_vouch_for(tmp_path):
    """After a crash nothing sealed commit N: restore can bring the header back, but it
    says plainly that the pages were not checked against anything."""
    a = _attack(tmp_path, sealed_header=False, crash_after_last_commit=True)
    res = _damage_header_and_restore(tmp_path, a)
    assert res.returncode == 0, (res.returncode, res.stdout, res.stderr)
    assert "could not" in res.stderr and "not closed cleanly" in res.stderr
    res = _cli("key-restore", "--json", "--store", str(a["path"]), str(tmp_path / "key.backup"))
    assert res.returncode == 0, res.stderr
    import json

    doc = json.loads(res.stdout)
    assert doc["vouched"] is False and doc["unverified"]


def test_key_restore_of_a_healthy_sealed_store_is_vouched_and_stays_sealed(tmp_path):
    path = tmp_path / "s.db"
    with Dossier.create(path, PASS) as d:
        d.add_case(Case(name="healthy"))
        backup = maintenance.backup_key_header(d, tmp_path / "k.backup")
    with Dossier.open(path, PASS) as d:
        d.add_case(Case(name="later"))
    key_header_path(path).write_bytes(b"lost")
    report = maintenance.restore_key_header(path, backup, PASS)
    assert report.vouched and not report.unverified
    assert keyheader.read_header(key_header_path(path)).seal
    with Dossier.open(path, PASS) as d:
        assert d.case_count() == 2


def test_own_backup_put_back_at_the_sealed_commit_opens(tmp_path):
    """Not a false alarm: a backup taken at the very commit this computer sealed, put back
    in place of the store, has other bytes -- but it carries a seal of its own."""
    path = tmp_path / "s.db"
    with Dossier.create(path, PASS) as d:
        d.add_case(Case(name="backed up"))
        maintenance.backup(d, tmp_path / "b.db")
    shutil.copy2(tmp_path / "b.db", path)
    shutil.copy2(tmp_path / "b.db.key", key_header_path(path))
    with Dossier.open(path, PASS) as d:
        assert d.case_count() == 1


# --- low: an unsealed store cut short or grown is not sealed over ------------------------------


def _crashed_store(path: Path, *, fold_wal: bool) -> bytes:
    """A store whose last session was killed (no seal); with `fold_wal`, its WAL was
    folded into the main file since (a later reader did it), so the WAL is empty."""
    d = Dossier.create(path, PASS)
    key = d.store.data_key
    holder = connect(path, key)  # a reader keeps SQLite from folding the WAL in on close
    for i in range(30):
        d.add_case(Case(name=f"Crash case {i}", summary="x" * 400))
    d.store.close(checkpoint_wal=False)
    main, wal = path.read_bytes(), Path(f"{path}-wal").read_bytes()
    holder.close()
    path.write_bytes(main)  # the files as the kill left them
    Path(f"{path}-wal").write_bytes(wal)
    Path(f"{path}-shm").unlink(missing_ok=True)
    if fold_wal:
        conn = connect(path, key)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        conn.close()
    assert not keyheader.read_header(key_header_path(path)).seal
    return key


@pytest.mark.parametrize("damage", ["cut-100-bytes", "cut-a-page", "append-random-page"])
def test_unsealed_store_cut_short_or_grown_is_refused(tmp_path, damage):
    path = tmp_path / "s.db"
    _crashed_store(path, fold_wal=True)
    data = path.read_bytes()
    data = {
        "cut-100-bytes": data[:-100],
        "cut-a-page": data[:-PAGE],
        "append-random-page": data + os.urandom(PAGE),
    }[damage]
    path.write_bytes(data)
    res = _cli("list", "--store", str(path))
    assert res.returncode == 4, (res.returncode, res.stdout, res.stderr)
    assert ("bytes were" in res.stderr or "damaged" in res.stderr) and "Traceback" not in res.stderr
    assert path.read_bytes() == data  # nothing sealed, nothing repaired
    assert not keyheader.read_header(key_header_path(path)).seal


def test_unsealed_store_with_a_live_wal_is_never_sealed_over_damage(tmp_path):
    """After a real crash the WAL still holds frames, so the file length says nothing
    until the close's checkpoint; the close then checks every page's HMAC
    (`cipher_integrity_check`) before it seals. Whatever happens, a seal never ends up over a damaged store."""
    path = tmp_path / "s.db"
    key = _crashed_store(path, fold_wal=False)
    assert Path(f"{path}-wal").stat().st_size > 0
    path.write_bytes(path.read_bytes()[: 3 * PAGE])  # most of the main file gone
    try:
        d = Dossier.open(path, PASS)
    except IntegrityError:
        return  # refused on open: fine
    d.close()
    header = keyheader.read_header(key_header_path(path))
    if header.seal:  # sealed: then it must be whole
        with Dossier.open(path, PASS) as d:
            assert maintenance.verify(d).ok
            assert d.case_count() == 30
    else:
        with pytest.raises(IntegrityError):
            from dossier.store import seal

            seal.seal_header(path, header, key, deep=True)


def test_unsealed_store_with_a_damaged_page_is_not_sealed_over(tmp_path):
    """Length intact, one page of another copy of itself written over the last one: an
    open that never reads it succeeds, but the close checks every page before it seals."""
    path = tmp_path / "s.db"
    _crashed_store(path, fold_wal=True)
    data = bytearray(path.read_bytes())
    data[-PAGE:] = data[PAGE : 2 * PAGE]  # a valid page, at the wrong number: its HMAC fails
    path.write_bytes(bytes(data))
    try:
        d = Dossier.open(path, PASS)
    except IntegrityError:
        return
    d.close()
    assert not keyheader.read_header(key_header_path(path)).seal
