"""The seal (store/seal.py), the rollback guard as Store uses it, and stale temp files.

The splice attack itself (an old page put back) is measured in
tests/reliability/test_tamper_rollback.py; here: the seal's life cycle, that it never
raises a false alarm after a crash or a race, that headers from before it still open,
and that it cannot be stripped.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from dossier.core.errors import IntegrityError, RollbackError
from dossier.core.model import Case
from dossier.crypto import keyheader
from dossier.services.dossier import Dossier
from dossier.store import rollback_guard, seal
from dossier.store.engine import key_header_path
from dossier.store.store import Store, remove_stale_parts

PASS = "seal test passphrase"
FIXTURES = Path(__file__).parent / "fixtures"


def _header(path: Path) -> keyheader.KeyHeader:
    return keyheader.read_header(key_header_path(path))


def _store(path: Path, cases: int = 3) -> bytes:
    with Dossier.create(path, PASS) as d:
        for i in range(cases):
            d.add_case(Case(name=f"Seal case {i}"))
        return d.store.data_key


def _guard_record(path: Path, key: bytes) -> Path:
    """This computer's rollback-guard record of the store (it keeps the seal too)."""
    h = _header(path)
    assert rollback_guard.seen(h.store_id, key, where=path).seal == h.seal
    return rollback_guard.record_path(h.store_id, where=path)


def test_clean_close_seals_and_the_seal_is_the_files_digest(tmp_path):
    path = tmp_path / "s.db"
    key = _store(path)
    h = _header(path)
    assert len(h.seal) == 32
    assert h.seal == seal.digest(path, key)
    assert seal.wal_is_empty(path)
    keyheader.verify_counter(h, key)  # the seal is under the header's MAC
    Store.open(path, PASS).close()  # verifies, read-only session: left sealed as it was
    assert _header(path) == h


def test_first_change_clears_the_seal_before_it_commits(tmp_path):
    path = tmp_path / "s.db"
    _store(path)
    d = Dossier.open(path, PASS)
    try:
        assert _header(path).seal  # nothing changed yet
        d.add_case(Case(name="changed"))
        assert not _header(path).seal
        d.add_case(Case(name="changed again"))
    finally:
        d.store.close(checkpoint_wal=False)  # a crash: no seal, and no false alarm
    assert not _header(path).seal
    with Dossier.open(path, PASS) as d:
        assert d.case_count() == 5
    assert _header(path).seal  # sealed again on the clean close


def test_a_header_sealed_by_another_process_before_our_commit_is_no_false_alarm(tmp_path):
    """Process B sealed the header after our last commit; we commit and are killed
    before our header write: the database is one commit ahead of a stale seal."""
    path = tmp_path / "s.db"
    key = _store(path)
    sealed_bytes = key_header_path(path).read_bytes()
    record = _guard_record(path, key)
    sealed_record = record.read_bytes()  # this computer saw the sealed commit, not ours
    d = Dossier.open(path, PASS)
    d.add_case(Case(name="one commit after the seal"))
    d.store.close(checkpoint_wal=False)
    key_header_path(path).write_bytes(sealed_bytes)  # as if our header write never happened
    record.write_bytes(sealed_record)  # ...and so the guard's record after it neither
    assert _header(path).seal
    with Dossier.open(path, PASS) as d:
        assert d.case_count() == 4
    h = _header(path)
    assert h.seal == seal.digest(path, key)


def test_pages_changed_under_a_sealed_header_are_refused(tmp_path):
    path = tmp_path / "s.db"
    _store(path)
    before = path.read_bytes()
    data = bytearray(before)
    last = len(data) - 4096  # a whole page of another copy of itself: valid HMAC elsewhere...
    data[last:] = before[4096:8192]  # ...but not what was sealed
    path.write_bytes(bytes(data))
    with pytest.raises(IntegrityError, match="replaced by older or foreign"):
        Store.open(path, PASS)
    assert _header(path).seal  # the evidence stays: a refused open does not unseal


@pytest.mark.parametrize("commits", [1, 2])
def test_wal_frames_beside_a_sealed_header(tmp_path, commits):
    """Commits that sit only in the WAL, beside the sealed header of before them: one
    commit ahead is the harmless race (opens, re-synced); more is refused."""
    from dossier.store.engine import connect

    path = tmp_path / "s.db"
    key = _store(path)
    sealed_bytes = key_header_path(path).read_bytes()
    record = _guard_record(path, key)
    sealed_record = record.read_bytes()
    main_bytes = path.read_bytes()
    d = Dossier.open(path, PASS)
    holder = connect(path, key)  # keeps SQLite from folding the WAL into the main file
    try:
        for i in range(commits):
            d.add_case(Case(name=f"only in the WAL {i}"))
    finally:
        d.store.close(checkpoint_wal=False)
        shutil.copy2(f"{path}-wal", tmp_path / "wal")
        holder.close()
    path.write_bytes(main_bytes)
    shutil.copy2(tmp_path / "wal", f"{path}-wal")
    Path(f"{path}-shm").unlink(missing_ok=True)
    key_header_path(path).write_bytes(sealed_bytes)
    record.write_bytes(sealed_record)  # the header writes "never happened"
    assert not seal.wal_is_empty(path)
    if commits == 1:
        with Dossier.open(path, PASS) as d:
            assert d.case_count() == 4
    else:
        with pytest.raises(IntegrityError, match="rolled back or tampered"):
            Store.open(path, PASS)


def test_the_seal_cannot_be_stripped_or_forged(tmp_path):
    path = tmp_path / "s.db"
    _store(path)
    hdr = key_header_path(path)
    obj = json.loads(hdr.read_bytes())
    canon = lambda o: json.dumps(o, sort_keys=True, separators=(",", ":")).encode()  # noqa: E731
    for change in ("strip", "forge"):
        o = dict(obj)
        o.pop("check")
        if change == "strip":
            o.pop("seal")
        else:
            o["seal"] = "A" * 43 + "="
        o["check"] = hashlib.sha256(canon(o)).hexdigest()
        hdr.write_bytes(canon(o) + b"\n")
        with pytest.raises(IntegrityError, match="commit counter does not verify"):
            Store.open(path, PASS)
    with pytest.raises(IntegrityError):  # an empty seal is not canonical (it is left out)
        o = dict(obj)
        o.pop("check")
        o["seal"] = ""
        o["check"] = hashlib.sha256(canon(o)).hexdigest()
        keyheader.decode(canon(o) + b"\n")


def test_seal_field_round_trip_and_who_keeps_it():
    header, key = keyheader.create_header(PASS, keyheader.kdf.KdfParams(65536, 3, 4))
    assert "seal" not in keyheader.encode(header).decode()  # headers look as before
    sealed = keyheader.with_seal(header, key, b"\x07" * 32)
    assert keyheader.decode(keyheader.encode(sealed)) == sealed
    keyheader.verify_counter(sealed, key)
    assert not keyheader.with_counter(sealed, key, 1, "h").seal  # a commit clears it
    assert (
        keyheader.rewrap(sealed, key, "another one", keyheader.kdf.KdfParams(65536, 3, 4)).seal
        == sealed.seal
    )
    with pytest.raises(Exception, match="seal"):
        keyheader.with_seal(header, key, b"short")


@pytest.mark.parametrize("name", ["v1.db", "v2.db"])
def test_fixture_stores_without_a_seal_field_still_open_and_get_sealed(tmp_path, name):
    for f in (name, name + ".key"):
        shutil.copy2(FIXTURES / f, tmp_path / f)
    path = tmp_path / name
    assert b'"seal"' not in key_header_path(path).read_bytes()
    with Dossier.open(path, "fixture") as d:
        count = d.case_count()
    assert _header(path).seal  # the upgrade and the close: sealed now
    with Dossier.open(path, "fixture") as d:
        assert d.case_count() == count


# --- the rollback guard, wired into Store ------------------------------------------------


def test_store_records_every_commit_and_refuses_an_older_pair_until_accepted(tmp_path):
    path = tmp_path / "s.db"
    key = _store(path, cases=1)
    old = tmp_path / "old"
    old.mkdir()
    for p in (path, key_header_path(path)):
        shutil.copy2(p, old / p.name)
    with Dossier.open(path, PASS) as d:
        d.add_case(Case(name="later"))
        h = d.store.header
        assert rollback_guard.seen(h.store_id, key, where=path).counter == h.commit_counter
    for p in (path, key_header_path(path)):
        shutil.copy2(old / p.name, p)
    with pytest.raises(RollbackError, match="older copy.*--accept-restore"):
        Store.open(path, PASS)
    Store.open(path, PASS, accept_restore=True).close()
    with Dossier.open(path, PASS) as d:
        assert d.case_count() == 1


def test_rekey_records_under_the_new_key(tmp_path):
    path = tmp_path / "s.db"
    _store(path, cases=1)
    d = Dossier.open(path, PASS)
    try:
        d.store.rekey("a new passphrase", keyheader.kdf.KdfParams(65536, 3, 4))
        h, key = d.store.header, d.store.data_key
        assert rollback_guard.seen(h.store_id, key, where=path).counter == h.commit_counter
    finally:
        d.close()
    assert _header(path).seal
    Store.open(path, "a new passphrase").close()


# --- stale temp files ----------------------------------------------------------------------


def test_open_removes_only_our_stale_temp_files(tmp_path):
    path = tmp_path / "s.db"
    _store(path, cases=1)
    old = time.time() - 3600
    stale = [".s.db.abcd_123.part", ".s.db.key.x1y2z3w4.part", ".s.db.key.new.q1w2e3r4.part"]
    kept = [
        ".s.db.part",  # not our pattern
        ".s.db.abc.part",  # random part of the wrong length
        ".other.db.abcdefgh.part",  # another store's
        "s.db.abcdefgh.part",  # no leading dot
        ".s.db.abcdefgh.partial",
        ".s.db.ABCDEFGH.part",  # mkstemp never makes capitals
    ]
    for name in stale + kept:
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (old, old))
    fresh = tmp_path / ".s.db.key.fresh123.part"  # a writer at work right now
    fresh.write_bytes(b"x")
    (tmp_path / ".s.db.dir12345.part").mkdir()  # not a regular file
    os.utime(tmp_path / ".s.db.dir12345.part", (old, old))
    Store.open(path, PASS).close()
    left = {p.name for p in tmp_path.iterdir()}
    assert not left & set(stale)
    assert set(kept) <= left
    assert fresh.name in left and ".s.db.dir12345.part" in left
    assert remove_stale_parts(path) == []


def test_the_crash_windows_around_the_records_seal_raise_no_false_alarm(tmp_path, monkeypatch):
    """Issue 12 put the seal in the rollback-guard record too. A kill between the close's
    header seal and its record write, or between the record's clearing and the header's
    unsealing at the first change, leaves the two disagreeing: never a false alarm."""
    path = tmp_path / "s.db"
    key = _store(path)
    h = _header(path)
    # 1. Killed after the header was sealed, before the record got the seal.
    with Dossier.open(path, PASS) as d:
        d.add_case(Case(name="a change"))
        with monkeypatch.context() as m:
            m.setattr(rollback_guard, "record_seal", lambda *a, **k: True)
            d.store.close()
    h = _header(path)
    assert h.seal and not rollback_guard.seen(h.store_id, key, where=path).seal
    with Dossier.open(path, PASS) as d:
        assert d.case_count() == 4
    assert rollback_guard.seen(h.store_id, key, where=path).seal == _header(path).seal
    # 2. Killed after the record's seal was cleared, before the header was unsealed.
    assert rollback_guard.clear_seal(h.store_id, key, where=path)
    assert _header(path).seal
    with Dossier.open(path, PASS) as d:
        assert d.case_count() == 4
    # 3. Killed after both were cleared, before anything was committed.
    d = Dossier.open(path, PASS)
    d.store._unseal()
    d.store.close(checkpoint_wal=False)
    assert not _header(path).seal and not rollback_guard.seen(h.store_id, key, where=path).seal
    with Dossier.open(path, PASS) as d:
        assert d.case_count() == 4
    assert (
        rollback_guard.seen(h.store_id, key, where=path).seal
        == _header(path).seal
        == seal.digest(path, key)
    )
