"""A schema 1-2 store (bodies in 1 MiB chunk rows) moves its bodies into blobs on open,
one attachment per commit, and a migration killed half way resumes (issue 13)."""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from pathlib import Path

import pytest
import sqlcipher3

from dossier.crypto import keyheader
from dossier.services import maintenance
from dossier.services.dossier import Dossier
from dossier.store import blob_upkeep
from dossier.store.blobs import blobs_path
from dossier.store.engine import key_header_path
from dossier.store.schema import SCHEMA_VERSION, AttachmentRow, ChunkRow

FIXTURES = Path(__file__).parent / "fixtures"
PASS = "fixture"
OLD_CHUNK = 1 << 20


@pytest.fixture(autouse=True)
def _own_state(tmp_path, monkeypatch):
    """Copies of one fixture share a store id: each test gets its own rollback guard."""
    monkeypatch.setenv("DOSSIER_STATE_DIR", str(tmp_path / "state"))


def _old_store_with_bodies(
    name: str, dest: Path, sizes: list[int]
) -> tuple[Path, dict[str, bytes]]:
    """A copy of fixture `name` with attachments written the way schema 1-2 wrote them."""
    path = dest / name
    shutil.copy2(FIXTURES / name, path)
    shutil.copy2(key_header_path(FIXTURES / name), key_header_path(path))
    header = keyheader.read_header(key_header_path(path))
    key = keyheader.unlock(header, PASS)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    bodies: dict[str, bytes] = {}
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        cols = {r[1] for r in conn.execute("PRAGMA table_info(attachments)")}
        assert "blob_id" not in cols  # really the old schema
        conn.execute("BEGIN")
        sid = str(uuid.uuid4())
        conn.execute(
            "INSERT INTO sources(id, title, protected, sensitivity, created, updated) "
            "VALUES (?, 'Old source', 0, 'public', '2020-01-01', '2020-01-01')",
            (sid,),
        )
        for i, size in enumerate(sizes):
            data = os.urandom(size)
            aid = str(uuid.uuid4())
            bodies[aid] = data
            conn.execute(
                "INSERT INTO attachments(id, source_id, filename, media_type, size, sha256, created) "
                "VALUES (?, ?, ?, 'application/pdf', ?, ?, '2020-01-01')",
                (aid, sid, f"old-{i}.pdf", size, hashlib.sha256(data).hexdigest()),
            )
            for n in range(0, max(1, -(-size // OLD_CHUNK)) if size else 0):
                conn.execute(
                    "INSERT INTO attachment_chunks(attachment_id, n, data) VALUES (?, ?, ?)",
                    (aid, n, data[n * OLD_CHUNK : (n + 1) * OLD_CHUNK]),
                )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    if header.seal:  # the file changed outside Dossier: an honest header has no seal over it
        keyheader.write_header(key_header_path(path), keyheader.with_seal(header, key, b""))
    return path, bodies


@pytest.mark.parametrize("fixture", ["v1.db", "v2.db"])
def test_fixture_bodies_move_into_blobs_on_open(tmp_path, fixture):
    path, bodies = _old_store_with_bodies(
        fixture, tmp_path, [0, 1000, OLD_CHUNK, 2 * OLD_CHUNK + 5]
    )
    before = path.stat().st_size
    with Dossier.open(path, PASS) as d:
        assert d.store.meta()["schema_version"] == str(SCHEMA_VERSION)
        for aid, data in bodies.items():
            assert d.attachment_bytes(aid) == data
        with d.store.read() as s:
            assert s.query(ChunkRow).count() == 0
            assert s.query(AttachmentRow).filter(AttachmentRow.blob_id.is_(None)).count() == 0
        assert len(d.store.blobs.names()) == len(bodies)
        assert maintenance.verify(d).ok
        assert "Wang Quanzhang" in {c.name for c in d.summaries()}
    assert path.stat().st_size < before - 2 * OLD_CHUNK  # VACUUM gave the pages back
    with Dossier.open(path, PASS) as d:  # and a second open is quiet
        assert all(d.attachment_bytes(a) == b for a, b in bodies.items())


def test_a_migration_killed_half_way_resumes_on_the_next_open(tmp_path, monkeypatch):
    path, bodies = _old_store_with_bodies("v2.db", tmp_path, [3000, 4000, 5000, 6000])
    real = blob_upkeep._move_one
    calls = {"n": 0}

    def dies_on_the_third(s, att_id):
        calls["n"] += 1
        if calls["n"] == 3:
            # The blob is written and fsynced, then the process "dies" before the commit.
            real(s, att_id)
            raise KeyboardInterrupt("killed")
        real(s, att_id)

    monkeypatch.setattr(blob_upkeep, "_move_one", dies_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        Dossier.open(path, PASS)
    monkeypatch.undo()
    folder = blobs_path(path)
    assert (
        len([n for n in os.listdir(folder) if not n.startswith(".")]) == 2
    )  # the third was rolled back
    with Dossier.open(path, PASS) as d:
        with d.store.read() as s:
            assert s.query(ChunkRow).count() == 0
        assert {a: d.attachment_bytes(a) for a in bodies} == bodies
        assert len(d.store.blobs.names()) == 4
        assert maintenance.verify(d).ok


def test_an_orphan_left_by_a_hard_kill_during_migration_is_swept(tmp_path, monkeypatch):
    """SIGKILL gives no chance to roll back: the blob stays, unreferenced; the next open
    sweeps it and moves that attachment again."""
    path, bodies = _old_store_with_bodies("v1.db", tmp_path, [7000, 8000])
    from dossier.store import blobs

    monkeypatch.setattr(blobs.BlobTxn, "discard", lambda self: None)  # as if killed
    real = blob_upkeep._move_one

    def killed(s, att_id):
        real(s, att_id)
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(blob_upkeep, "_move_one", killed)
    with pytest.raises(KeyboardInterrupt):
        Dossier.open(path, PASS)
    monkeypatch.undo()
    assert len(os.listdir(blobs_path(path))) == 1  # an orphan
    with Dossier.open(path, PASS) as d:
        assert {a: d.attachment_bytes(a) for a in bodies} == bodies
        assert len(os.listdir(blobs_path(path))) == 2


def test_a_damaged_old_body_moves_as_it_is_and_verify_still_names_it(tmp_path):
    """A chunk row already missing before the move: that attachment keeps failing its
    recorded hash (named by verify), the others move whole, the store opens."""
    path, bodies = _old_store_with_bodies("v2.db", tmp_path, [3 * OLD_CHUNK, 2000])
    big = next(a for a, b in bodies.items() if len(b) == 3 * OLD_CHUNK)
    header = keyheader.read_header(key_header_path(path))
    key = keyheader.unlock(header, PASS)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("DELETE FROM attachment_chunks WHERE attachment_id = ? AND n = 1", (big,))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    with Dossier.open(path, PASS) as d:
        rep = maintenance.verify(d)
        assert rep.bad_attachments == ["old-0.pdf"]
        small = next(a for a in bodies if a != big)
        assert d.attachment_bytes(small) == bodies[small]


def test_a_migration_killed_before_its_vacuum_compacts_at_the_next_open(tmp_path, monkeypatch):
    path, bodies = _old_store_with_bodies("v1.db", tmp_path, [2 * OLD_CHUNK, OLD_CHUNK])
    monkeypatch.setattr(
        blob_upkeep, "vacuum", lambda store: (_ for _ in ()).throw(KeyboardInterrupt())
    )
    with pytest.raises(KeyboardInterrupt):
        Dossier.open(path, PASS)
    monkeypatch.undo()
    big = path.stat().st_size
    with Dossier.open(path, PASS) as d:
        assert {a: d.attachment_bytes(a) for a in bodies} == bodies
        assert "blob_migration_vacuum" not in d.store.meta()
    assert path.stat().st_size < big - 2 * OLD_CHUNK
    with Dossier.open(path, PASS) as d:  # and no VACUUM after that
        assert "blob_migration_vacuum" not in d.store.meta()
