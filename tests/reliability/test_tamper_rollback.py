"""SECURITY.md measures 4, 5 and 8: tampered, spliced, rolled back, absurd -- refused.

* bytes flipped at several offsets of every page (the data area, the per-page IV and
  HMAC) -- tests/store/test_store.py flips one byte per page; this covers the rest;
* bytes flipped across a live (un-checkpointed) WAL: headers, frame headers, page data;
* an old page spliced in from an earlier copy of the same store (same key, valid HMAC);
* an older copy of the store AND its key header restored together (the rollback guard);
* a key header asking for absurd Argon2id parameters: refused fast, memory bounded.

Each must be refused as IntegrityError (exit 4 from the CLI), never crash, never be
accepted silently. "Refused" means: opening raises IntegrityError, or `verify` reports the
store damaged (or raises IntegrityError). A change SQLite never reads back is harmless
only if every table still holds exactly what it held before; anything else is counted as
"silently accepted".
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.core.errors import DossierError, IntegrityError, ValidationError
from dossier.core.model import Case, Event, Name
from dossier.crypto import keyheader, mac
from dossier.services import maintenance
from dossier.services.dossier import Dossier
from dossier.store import rollback_guard
from dossier.store.engine import connect, key_header_path
from dossier.store.store import Store
from tests.reliability.conftest import FULL, both_suites

PASS = "tamper test passphrase 刘晓波"
PAGE = 4096
WAL_HEADER = 32
FRAME = PAGE + 24


# --- helpers -----------------------------------------------------------------------------


def _small_store(path: Path, cases: int = 25) -> tuple[bytes, list[str]]:
    d = Dossier.create(path, PASS)
    ids = []
    try:
        for i in range(cases):
            c = d.add_case(
                Case(
                    name=f"Tamper case {i}",
                    names=[Name("王全璋", "zh-Hans")],
                    summary="s" * 300,
                    tags=["tamper"],
                )
            )
            d.add_event(c.id, Event(type="detention", date="2020-02-15", note=f"note {i}"))
            ids.append(c.id)
        return d.store.data_key, ids
    finally:
        d.close()


def _copy_pair(src: Path, dst_dir: Path, *, wal: bool = False) -> Path:
    dst_dir.mkdir(parents=True, exist_ok=True)
    dst = dst_dir / src.name
    shutil.copy2(src, dst)
    shutil.copy2(key_header_path(src), key_header_path(dst))
    if wal:
        shutil.copy2(f"{src}-wal", f"{dst}-wal")
    return dst


def content_digest(path: Path, key: bytes) -> dict[str, str]:
    """SHA-256 of every table's rows: what the store says, whatever its bytes look like."""
    conn = connect(path, key)
    try:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {
            t: hashlib.sha256(
                repr(conn.execute(f'SELECT * FROM "{t}"').fetchall()).encode()
            ).hexdigest()
            for t in names
        }
    finally:
        conn.close()


def judge(path: Path, key: bytes, expected: dict[str, str] | None) -> str:
    """ "refused", "harmless" (identical content) or "accepted" (silently different).

    Only DossierError may come out of opening and verifying; anything else fails the test.
    """
    try:
        header = keyheader.read_header(key_header_path(path))
        d = Dossier(Store.open_with_key(path, header, key))
    except IntegrityError:
        return "refused"
    try:
        rep = maintenance.verify(d)
        if not rep.ok:
            return "refused"
    except IntegrityError:
        return "refused"
    finally:
        d.store.close(checkpoint_wal=False)
    if expected is not None:
        try:
            if content_digest(path, key) == expected:
                return "harmless"
        except Exception:  # noqa: BLE001 - SQLite refusing to read is a refusal
            return "refused"
    return "accepted"


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


def _assert_exit_4(res: subprocess.CompletedProcess) -> None:
    assert res.returncode == 4, (res.returncode, res.stdout, res.stderr)
    assert "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr


# --- flipped bytes in every page -----------------------------------------------------------


SIZES = [pytest.param("quick", id="quick"), pytest.param("full", id="full", marks=pytest.mark.slow)]


@pytest.mark.parametrize("size", SIZES)
def test_flipped_bytes_at_every_offset_class_of_every_page(size, tmp_path, figures):
    """Every page, several offsets each: the first byte, the middle of the data, and the
    reserved tail SQLCipher keeps per page (IV, then HMAC)."""
    path = tmp_path / "s.db"
    full = size == "full"
    key, _ = _small_store(path, cases=25 if full else 8)
    data = path.read_bytes()
    pages = len(data) // PAGE
    offsets = [0, 24, 2048, PAGE - 64, PAGE - 17, PAGE - 1] if full else [0, 2048, PAGE - 1]
    outcomes: dict[str, int] = {"refused": 0, "harmless": 0, "accepted": 0}
    accepted = []
    for n in range(pages):
        for off in offsets:
            target = tmp_path / "flip" / "s.db"
            target.parent.mkdir(exist_ok=True)
            flipped = bytearray(data)
            flipped[n * PAGE + off] ^= 0x01
            target.write_bytes(bytes(flipped))
            shutil.copy2(key_header_path(path), key_header_path(target))
            verdict = judge(target, key, None)
            outcomes[verdict] += 1
            if verdict != "refused":
                accepted.append((n, off))
    figures(
        "tamper: store pages",
        flipped_bytes=pages * len(offsets),
        refused=outcomes["refused"],
        silently_accepted=len(accepted),
    )
    assert not accepted, f"flips accepted at (page, offset): {accepted[:10]}"


# --- the WAL --------------------------------------------------------------------------------


@pytest.fixture
def live_wal(tmp_path) -> tuple[Path, bytes, bytes]:
    """A copy of a store taken while commits sit only in its WAL (a reader held it open)."""
    path = tmp_path / "live" / "s.db"
    path.parent.mkdir()
    key, ids = _small_store(path, cases=2)
    d = Dossier.open(path, PASS)
    holder = connect(path, key)  # an open connection keeps SQLite from checkpointing
    try:
        for cid in ids:
            d.add_event(cid, Event(type="arrest", date="2020-03-20", note="only in the WAL"))
        snap = _copy_pair(path, tmp_path / "snap", wal=True)
    finally:
        holder.close()
        d.close()
    wal = Path(f"{snap}-wal").read_bytes()
    assert len(wal) > WAL_HEADER + FRAME, "the WAL should hold frames"
    return snap, key, wal


@pytest.mark.parametrize("size", SIZES)
def test_wal_flipped_bytes_are_refused(size, live_wal, tmp_path, figures):
    snap, key, wal = live_wal
    clean = _copy_pair(snap, tmp_path / "clean", wal=True)
    assert judge(clean, key, None) == "accepted", "the untouched copy must open"
    frames = (len(wal) - WAL_HEADER) // FRAME
    if size == "full":  # every header byte; each frame-header field; a stride through each page
        head = list(range(WAL_HEADER))
        in_frame = sorted(
            {0, 4, 8, 12, 16, 20, 24, 24 + 100, 24 + 2048, FRAME - 1} | set(range(0, FRAME, 97))
        )
    else:
        head = list(range(0, WAL_HEADER, 4))
        in_frame = [0, 16, 24 + 2048, FRAME - 1]
    offsets = head + [WAL_HEADER + f * FRAME + o for f in range(frames) for o in in_frame]
    outcomes = {"refused": 0, "harmless": 0, "accepted": 0}
    bad = []
    for off in offsets:
        target = _copy_pair(snap, tmp_path / "f", wal=False)
        flipped = bytearray(wal)
        flipped[off] ^= 0x01
        Path(f"{target}-wal").write_bytes(bytes(flipped))
        Path(f"{target}-shm").unlink(missing_ok=True)
        verdict = judge(target, key, None)
        outcomes[verdict] += 1
        if verdict != "refused":
            bad.append(off)
    figures(
        "tamper: WAL",
        flipped_bytes=len(offsets),
        refused=outcomes["refused"],
        silently_accepted=len(bad),
    )
    assert not bad, f"WAL flips accepted at offsets {bad[:10]}"


def test_wal_dropped_is_refused_via_cli(live_wal, tmp_path):
    """The commits that live only in the WAL are lost (WAL deleted): the CLI says exit 4."""
    snap, _key, _wal = live_wal
    target = _copy_pair(snap, tmp_path / "nowal", wal=False)
    _assert_exit_4(_cli("verify", "--store", str(target)))


# --- an old page spliced in ----------------------------------------------------------------


@pytest.fixture(scope="module")
def splice_verdicts(tmp_path_factory) -> dict[str, list[int]]:
    """Each page that changed since an older copy of the store, put back from that copy
    (same key, so its HMAC is valid): how opening and verifying took it."""
    tmp = tmp_path_factory.mktemp("splice")
    path = tmp / "s.db"
    key, ids = _small_store(path, cases=25 if FULL else 12)
    old = _copy_pair(path, tmp / "old").read_bytes()
    with Dossier.open(path, PASS) as d:
        for cid in ids[:6]:
            d.add_event(cid, Event(type="release", date="2021-01-04", note="released later"))
        c = d.get_case(ids[10])
        c.summary = "changed after the old copy was taken"
        d.update_case(c)
    new = path.read_bytes()
    expected = content_digest(path, key)
    differing = [
        n
        for n in range(min(len(old), len(new)) // PAGE)
        if old[n * PAGE : (n + 1) * PAGE] != new[n * PAGE : (n + 1) * PAGE]
    ]
    verdicts: dict[str, list[int]] = {"refused": [], "harmless": [], "accepted": []}
    for n in differing:
        spliced = bytearray(new)
        spliced[n * PAGE : (n + 1) * PAGE] = old[n * PAGE : (n + 1) * PAGE]
        target = tmp / "spliced" / "s.db"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(bytes(spliced))
        shutil.copy2(key_header_path(path), key_header_path(target))
        verdicts[judge(target, key, expected)].append(n)
    return verdicts


def test_old_page_spliced_in_never_crashes(splice_verdicts, figures):
    """Refused, harmless or (see the xfail below) accepted -- but only ever a DossierError."""
    v = splice_verdicts
    figures(
        "tamper: spliced old pages",
        spliced_pages=sum(map(len, v.values())),
        refused=len(v["refused"]),
        harmless=len(v["harmless"]),
        silently_accepted=len(v["accepted"]),
    )
    assert 0 in v["refused"], "splicing in an old first page must be refused"
    assert len(v["refused"]) > len(v["accepted"])


def test_old_page_spliced_in_is_always_refused(splice_verdicts):
    assert not splice_verdicts["accepted"], (
        f"pages accepted with older content: {splice_verdicts['accepted']}"
    )


# --- an older copy of the store and its key header ------------------------------------------


def _record_like_the_store(path: Path, key: bytes) -> None:
    """What Store.write will do once the guard is wired in: remember the latest commit."""
    header = keyheader.read_header(key_header_path(path))
    rollback_guard.record(
        header.store_id, header.commit_counter, key, header.commit_hash, where=path
    )


def _rolled_back_pair(tmp_path) -> tuple[Path, bytes, keyheader.KeyHeader]:
    path = tmp_path / "s.db"
    key, ids = _small_store(path, cases=3)
    _record_like_the_store(path, key)
    snapshot = _copy_pair(path, tmp_path / "old")
    d = Dossier.open(path, PASS)
    try:
        d.add_event(ids[0], Event(type="release", date="2022-05-01", note="after the copy"))
    finally:
        d.close()
    _record_like_the_store(path, key)
    shutil.copy2(snapshot, path)
    shutil.copy2(key_header_path(snapshot), key_header_path(path))
    return path, key, keyheader.read_header(key_header_path(path))


def test_restored_older_pair_is_caught_by_the_rollback_guard(tmp_path, monkeypatch):
    path, key, header = _rolled_back_pair(tmp_path)
    # The pair agrees with itself: without the guard's memory (an empty state folder),
    # the key header alone cannot see the rollback...
    with monkeypatch.context() as m:
        m.setenv("DOSSIER_STATE_DIR", str(tmp_path / "a computer that never saw it"))
        Store.open(path, PASS).close()
    # ...the guard can.
    with pytest.raises(IntegrityError, match="older copy"):
        rollback_guard.check(
            header.store_id, header.commit_counter, key, header.commit_hash, where=path
        )
    # A backup kept elsewhere is not a rollback: it has a record of its own.
    backup = _copy_pair(path, tmp_path / "backups")
    rollback_guard.check(
        header.store_id, header.commit_counter, key, header.commit_hash, where=backup
    )


def test_restored_older_pair_is_refused_on_open_and_by_the_cli(tmp_path):
    path, _key, _header = _rolled_back_pair(tmp_path)
    with pytest.raises(IntegrityError):
        Store.open(path, PASS).close()
    _assert_exit_4(_cli("verify", "--store", str(path)))


def test_a_diverged_copy_at_the_same_counter_is_caught(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    key, ids = _small_store(path, cases=2)
    snapshot = _copy_pair(path, tmp_path / "old")
    with Dossier.open(path, PASS) as d:
        d.add_event(ids[0], Event(type="release", date="2022-05-01"))
    _record_like_the_store(path, key)
    with monkeypatch.context() as m:  # the old copy, changed separately on another computer
        m.setenv("DOSSIER_STATE_DIR", str(tmp_path / "another computer"))
        with Dossier.open(snapshot, PASS) as d:
            d.add_event(ids[1], Event(type="arrest", date="2022-05-02"))
    forked = keyheader.read_header(key_header_path(snapshot))
    assert forked.commit_counter == keyheader.read_header(key_header_path(path)).commit_counter
    shutil.copy2(snapshot, path)  # the diverged copy put where the store lives
    shutil.copy2(key_header_path(snapshot), key_header_path(path))
    with pytest.raises(IntegrityError, match="different history"):
        rollback_guard.check(
            forked.store_id, forked.commit_counter, key, forked.commit_hash, where=path
        )


# --- the rollback guard's own contract ------------------------------------------------------

SID = "0123456789abcdef0123456789abcdef"
KEY = bytes(range(32))


def test_guard_remembers_and_never_lowers(_private_state_dir):
    assert rollback_guard.seen(SID, KEY) is None
    rollback_guard.check(SID, 0, KEY)  # nothing seen yet: nothing to say
    assert rollback_guard.record(SID, 5, KEY, "h5")
    rollback_guard.check(SID, 5, KEY, "h5")
    rollback_guard.check(SID, 9, KEY, "h9")
    with pytest.raises(IntegrityError, match="commit 4.*commit 5"):
        rollback_guard.check(SID, 4, KEY)
    assert rollback_guard.record(SID, 3, KEY, "h3")  # a stale writer never lowers it
    assert rollback_guard.seen(SID, KEY).counter == 5
    rollback_guard.accept(SID, 3, KEY, "h3")  # the researcher restored a backup on purpose
    rollback_guard.check(SID, 3, KEY, "h3")
    rollback_guard.forget(SID)
    assert rollback_guard.seen(SID, KEY) is None
    # Keyed by place too: a copy elsewhere has its own record.
    rollback_guard.record(SID, 9, KEY, where="/somewhere/store.db")
    rollback_guard.check(SID, 1, KEY)
    rollback_guard.check(SID, 1, KEY, where="/elsewhere/backup.db")
    with pytest.raises(IntegrityError):
        rollback_guard.check(SID, 1, KEY, where="/somewhere/store.db")
    assert "somewhere" not in rollback_guard.record_path(SID, "/somewhere/store.db").name


def test_guard_file_location_and_content(_private_state_dir, monkeypatch):
    rollback_guard.record(SID, 7, KEY, "abc")
    path = rollback_guard.record_path(SID)
    assert path == _private_state_dir / "rollback" / f"{SID}.json"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    doc = json.loads(path.read_text("ascii"))
    assert set(doc) == {"format", "version", "store_id", "counter", "commit_hash", "seal", "mac"}
    assert doc["counter"] == 7 and doc["store_id"] == SID and doc["seal"] == ""
    monkeypatch.delenv("DOSSIER_STATE_DIR")
    import platformdirs

    assert rollback_guard.state_dir() == Path(
        platformdirs.user_state_dir("Dossier", appauthor=False)
    )


@both_suites
def test_guard_keeps_the_seal_of_a_commit_until_the_next_change(_private_state_dir, suite):
    digest = bytes(range(32))
    assert rollback_guard.record(SID, 7, KEY, "h7")
    assert rollback_guard.record_seal(SID, 7, KEY, "h7", digest)
    assert rollback_guard.seen(SID, KEY).seal == digest
    assert rollback_guard.record(SID, 7, KEY, "h7")  # the same commit again: the seal stays
    assert rollback_guard.seen(SID, KEY).seal == digest
    assert rollback_guard.clear_seal(SID, KEY)  # the first change of a session
    assert rollback_guard.seen(SID, KEY) == rollback_guard.Seen(SID, 7, "h7", b"")
    rollback_guard.record_seal(SID, 7, KEY, "h7", digest)
    assert rollback_guard.record(SID, 8, KEY, "h8")  # a new commit: no seal
    assert rollback_guard.seen(SID, KEY).seal == b""
    assert rollback_guard.record_seal(SID, 6, KEY, "h6", digest)  # a stale closer never lowers it
    assert rollback_guard.seen(SID, KEY).counter == 8
    # The seal is under the MAC: changed, stripped or planted, the record counts as none.
    rollback_guard.record_seal(SID, 8, KEY, "h8", digest)
    path = rollback_guard.record_path(SID)
    doc = json.loads(path.read_text("ascii"))
    for seal_hex in ("", "ff" * 32):
        path.write_text(json.dumps(dict(doc, seal=seal_hex)), "ascii")
        assert rollback_guard.seen(SID, KEY) is None
    # A version 1 record (before seals) is still read, as one without a seal.
    v1 = {
        "format": "dossier-rollback",
        "version": 1,
        "store_id": SID,
        "counter": 3,
        "commit_hash": "h3",
    }
    canon = json.dumps(v1, sort_keys=True, separators=(",", ":")).encode("ascii")
    path.write_text(
        json.dumps(dict(v1, mac=mac.tag(KEY, "rollback guard v1", canon).hex())), "ascii"
    )
    assert rollback_guard.seen(SID, KEY) == rollback_guard.Seen(SID, 3, "h3", b"")


def test_guard_record_cannot_be_forged_or_moved(_private_state_dir):
    rollback_guard.record(SID, 7, KEY, "abc")
    path = rollback_guard.record_path(SID)
    doc = json.loads(path.read_text("ascii"))
    doc["counter"] = 10**6  # raised to make a good store look rolled back: no key, no MAC
    path.write_text(json.dumps(doc), "ascii")
    rollback_guard.check(SID, 7, KEY)  # a record that fails its MAC counts as none
    other = "f" * 32
    rollback_guard.record(other, 50, KEY)
    shutil.copy2(rollback_guard.record_path(other), path)  # another store's record
    rollback_guard.check(SID, 7, KEY)
    rollback_guard.record(SID, 8, bytes(32))  # made under another key (a rekey)...
    rollback_guard.check(SID, 1, KEY)  # ...is no record for this key
    for junk in (b"", b"{", b"\xff" * 10, b"[]", b"{}" * 3000):
        path.write_bytes(junk)
        rollback_guard.check(SID, 0, KEY)


def test_guard_refuses_bad_ids_and_survives_an_unwritable_folder(_private_state_dir, monkeypatch):
    for bad in ("../../etc/passwd", "ABCDEF" * 6, "", "0" * 31, 5):
        with pytest.raises(ValidationError):
            rollback_guard.record_path(bad)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        rollback_guard.check(SID, -1, KEY)
    blocker = _private_state_dir / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DOSSIER_STATE_DIR", str(blocker))
    assert rollback_guard.record(SID, 1, KEY) is False  # never stops a save
    rollback_guard.check(SID, 1, KEY)
    with pytest.raises(DossierError):
        rollback_guard.accept(SID, 1, KEY)


def test_mac_subkeys_are_separate_per_purpose():
    msg = b"message"
    t1 = mac.tag(KEY, "one", msg)
    assert mac.verify(KEY, "one", msg, t1)
    assert not mac.verify(KEY, "two", msg, t1)
    assert not mac.verify(bytes(32), "one", msg, t1)
    assert not mac.verify(KEY, "one", msg + b"x", t1)
    assert not mac.verify(KEY, "one", msg, t1[:-1])
    with pytest.raises(ValidationError):
        mac.tag(b"short", "one", msg)
    with pytest.raises(ValidationError):
        mac.tag(KEY, "", msg)


# --- a key header with absurd KDF parameters ------------------------------------------------


def _forge_kdf(hdr_path: Path, **kdf: int) -> None:
    obj = json.loads(hdr_path.read_bytes())
    obj["kdf"].update(kdf)
    obj.pop("check")
    canon = lambda o: json.dumps(o, sort_keys=True, separators=(",", ":")).encode()  # noqa: E731
    obj["check"] = hashlib.sha256(canon(obj)).hexdigest()
    hdr_path.write_bytes(canon(obj) + b"\n")


ABSURD = [
    {"memory_kib": 2**40},
    {"memory_kib": 4 * 1024 * 1024},
    {"iterations": 2**31},
    {"iterations": 10_000},
    {"lanes": 2**24},
    {"memory_kib": 1024 * 1024, "iterations": 64},
    # Issue 12: within the old caps (1 GiB, 16 lanes), 1 GiB of memory per unlock attempt.
    {"memory_kib": 1024 * 1024, "iterations": 4, "lanes": 16},
    {"memory_kib": 256 * 1024, "iterations": 3},
    {"lanes": 16},
]


@both_suites
def test_the_caps_sit_near_what_calibration_can_write(suite):
    """The most `calibrate()` can choose opens; a little more memory or lanes does not."""
    from dossier.crypto import kdf

    most = kdf.KdfParams(kdf.MIN_PARAMS.memory_kib, kdf.MAX_ITERATIONS, kdf.MIN_PARAMS.lanes)
    kdf.check_params(most)
    assert kdf.MAX_MEMORY_KIB <= 2 * kdf.MIN_PARAMS.memory_kib
    assert kdf.MAX_LANES <= 2 * kdf.MIN_PARAMS.lanes
    assert kdf.MAX_COST == most.memory_kib * most.iterations


@both_suites
@pytest.mark.parametrize("kdf", ABSURD, ids=lambda k: ",".join(f"{a}={b}" for a, b in k.items()))
def test_absurd_kdf_header_is_refused_fast_with_bounded_memory(tmp_path, kdf, figures, suite):
    path = tmp_path / "s.db"
    _small_store(path, cases=1)
    _forge_kdf(key_header_path(path), **kdf)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(IntegrityError, match="KDF parameters"):
        Store.open(path, PASS)
    elapsed = time.perf_counter() - start
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    figures("tamper: absurd KDF headers", headers=1, refused=1)
    assert elapsed < 0.05, f"took {elapsed * 1000:.1f} ms"
    assert grown_kib < 32 * 1024, f"peak memory grew by {grown_kib} KiB"


@both_suites
def test_absurd_kdf_header_is_exit_4_on_the_cli(tmp_path, suite):
    path = tmp_path / "s.db"
    _small_store(path, cases=1)
    _forge_kdf(key_header_path(path), memory_kib=2**40)
    start = time.perf_counter()
    res = _cli("list", "--store", str(path))
    _assert_exit_4(res)
    assert "KDF parameters" in res.stderr and "nothing was derived" in res.stderr
    assert time.perf_counter() - start < 60
