"""The encrypted store: unlock, refusal, rollback and tamper detection, no plaintext."""

from __future__ import annotations

import shutil

import pytest

from dossier.core.errors import IntegrityError, StoreExistsError, UnlockError
from dossier.core.model import Case, Event, Name
from dossier.services.dossier import Dossier
from dossier.store.engine import key_header_path
from tests.conftest import PASSPHRASE


def _add(d: Dossier, name: str) -> str:
    c = d.add_case(Case(name=name, names=[Name("王全璋", "zh-Hans")]))
    d.add_event(c.id, Event(type="disappearance", date="2015-07-09", note=f"{name} note"))
    return c.id


def test_create_open_roundtrip(store_path):
    d = Dossier.create(store_path, PASSPHRASE)
    cid = _add(d, "Wang Quanzhang")
    d.close()
    with Dossier.open(store_path, PASSPHRASE) as d2:
        c = d2.get_case(cid)
        assert c.name == "Wang Quanzhang"
        assert c.names[0].value == "王全璋"
        assert [e.type for e in c.events] == ["disappearance"]
    assert oct(store_path.stat().st_mode & 0o777) == "0o600"
    assert oct(key_header_path(store_path).stat().st_mode & 0o777) == "0o600"


def test_wrong_passphrase_is_unlock_error(dossier, store_path):
    dossier.close()
    with pytest.raises(UnlockError) as exc:
        Dossier.open(store_path, "not the passphrase")
    assert exc.value.exit_code == 3


def test_refuses_to_overwrite(dossier, store_path):
    with pytest.raises(StoreExistsError):
        Dossier.create(store_path, PASSPHRASE)


def test_missing_key_header(dossier, store_path):
    dossier.close()
    key_header_path(store_path).unlink()
    with pytest.raises(UnlockError, match="key header"):
        Dossier.open(store_path, PASSPHRASE)


def _snapshot(store_path, dest):
    dest.mkdir()
    for p in (store_path, key_header_path(store_path)):
        shutil.copy2(p, dest / p.name)


def _restore(src_dir, store_path, which):
    for p in which:
        shutil.copy2(src_dir / p.name, p)


def test_old_copy_of_store_is_flagged(tmp_path, store_path):
    d = Dossier.create(store_path, PASSPHRASE)
    _add(d, "First")
    d.close()
    _snapshot(store_path, tmp_path / "old")
    d = Dossier.open(store_path, PASSPHRASE)
    _add(d, "Second")
    d.close()
    _restore(tmp_path / "old", store_path, [store_path])  # the database only
    with pytest.raises(IntegrityError, match="rolled back"):
        Dossier.open(store_path, PASSPHRASE)


def test_old_key_header_is_flagged(tmp_path, store_path):
    d = Dossier.create(store_path, PASSPHRASE)
    _add(d, "First")
    d.close()
    _snapshot(store_path, tmp_path / "old")
    d = Dossier.open(store_path, PASSPHRASE)
    _add(d, "Second")
    _add(d, "Third")
    d.close()
    _restore(tmp_path / "old", store_path, [key_header_path(store_path)])
    with pytest.raises(IntegrityError):
        Dossier.open(store_path, PASSPHRASE)


def test_crash_between_commit_and_header_write_is_repaired(store_path, monkeypatch):
    d = Dossier.create(store_path, PASSPHRASE)
    _add(d, "First")
    from dossier.crypto import keyheader

    def crash(*a, **k):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(keyheader, "write_header", crash)
    with pytest.raises(KeyboardInterrupt):
        d.add_case(Case(name="Committed before the cut"))
    monkeypatch.undo()
    d.store.close()
    with Dossier.open(store_path, PASSPHRASE) as d2:
        assert "Committed before the cut" in [s.name for s in d2.summaries()]
    # and the repaired header now matches: a second open is clean too
    with Dossier.open(store_path, PASSPHRASE) as d3:
        assert d3.case_count() == 2


def test_header_of_another_store_is_refused(tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    Dossier.create(a, PASSPHRASE).close()
    Dossier.create(b, PASSPHRASE).close()
    shutil.copy2(key_header_path(a), key_header_path(b))
    with pytest.raises((IntegrityError, UnlockError)):
        Dossier.open(b, PASSPHRASE)


def test_flipped_byte_in_each_page_is_tampering_not_a_crash(tmp_path, store_path):
    from dossier.crypto import keyheader
    from dossier.store.store import Store

    d = Dossier.create(store_path, PASSPHRASE)
    for i in range(30):
        _add(d, f"Case {i}")
    key = d.store.data_key
    d.close()
    header = keyheader.read_header(key_header_path(store_path))
    data = store_path.read_bytes()
    page = 4096
    pages = len(data) // page
    assert pages >= 4
    refused = 0
    for n in range(pages):
        target = tmp_path / f"flip{n}.db"
        flipped = bytearray(data)
        flipped[n * page + 100] ^= 0x01
        target.write_bytes(bytes(flipped))
        shutil.copy2(key_header_path(store_path), key_header_path(target))
        try:
            with Dossier(Store.open_with_key(target, header, key)) as d2:
                from dossier.services.maintenance import verify

                rep = verify(d2)
                assert not rep.ok
        except IntegrityError:
            pass
        refused += 1
    assert refused == pages


def test_no_plaintext_on_disk(tmp_path, store_path):
    marker = "MARKER-7f3a-刘霞-ཀྲ"
    d = Dossier.create(store_path, PASSPHRASE)
    c = d.add_case(Case(name=marker, summary=marker * 3))
    d.add_event(c.id, Event(type="detention", date="2020-02-15", note=marker, place=marker))
    # while open, the WAL holds recent pages: check it too
    for p in store_path.parent.iterdir():
        blob = p.read_bytes()
        for enc in ("utf-8", "utf-16-le"):
            assert marker.encode(enc) not in blob, p
            assert b"MARKER-7f3a" not in blob, p
    d.close()
    for p in store_path.parent.iterdir():
        assert b"MARKER-7f3a" not in p.read_bytes(), p


def test_rekey_changes_the_data_key_and_keeps_data(store_path):
    d = Dossier.create(store_path, PASSPHRASE)
    cid = _add(d, "Rekeyed")
    old_key = d.store.data_key
    from dossier.services.maintenance import change_passphrase, verify

    change_passphrase(d, "new passphrase", rekey=True)
    assert d.store.data_key != old_key
    _add(d, "After rekey")
    d.close()
    with Dossier.open(store_path, "new passphrase") as d2:
        assert d2.get_case(cid).name == "Rekeyed"
        assert verify(d2).ok
    from dossier.store.engine import connect

    with pytest.raises(IntegrityError):
        connect(store_path, old_key)


def test_interrupted_rekey_still_opens(store_path, monkeypatch):
    """A crash after PRAGMA rekey but before the header swap: open() finishes it."""
    d = Dossier.create(store_path, PASSPHRASE)
    cid = _add(d, "Interrupted")
    from dossier.crypto import keyheader

    real = keyheader.write_header
    calls = []

    def fail_second(path, header):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt("power cut")
        return real(path, header)

    monkeypatch.setattr(keyheader, "write_header", fail_second)
    with pytest.raises(KeyboardInterrupt):
        d.store.rekey("next passphrase")
    monkeypatch.undo()
    with pytest.raises(UnlockError, match="interrupted"):
        Dossier.open(store_path, PASSPHRASE)  # the old one no longer opens the data
    assert (store_path.parent / (store_path.name + ".key.new")).exists()  # nothing dropped
    with Dossier.open(store_path, "next passphrase") as d2:
        assert d2.get_case(cid).name == "Interrupted"
    assert not (store_path.parent / (store_path.name + ".key.new")).exists()


def test_cipher_memory_security_is_off_on_every_connection(dossier, store_path):
    """SECURITY.md item 3: OFF (set before the key), on each keyed connection we make."""
    from dossier.store.engine import connect

    conn = connect(store_path, dossier.store.data_key)
    try:
        assert conn.execute("PRAGMA cipher_memory_security").fetchone()[0] in (0, "0")
    finally:
        conn.close()
    with dossier.store.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA cipher_memory_security").scalar() in (0, "0")
