"""Attachment blobs beside the store (issue 13): format, names, tamper, loss, keys."""

from __future__ import annotations

import hashlib
import io
import os

import pytest

from dossier.core.errors import IntegrityError
from dossier.core.model import Attachment, Source
from dossier.crypto import blobstream
from dossier.services import maintenance
from dossier.services.dossier import Dossier
from dossier.store import attachments
from dossier.store.blobs import blobs_path
from dossier.store.schema import AttachmentRow
from tests.conftest import PASSPHRASE


def _attach(d: Dossier, data: bytes, name: str = "verdict.pdf") -> Attachment:
    sid = d.add_source(Source(title="Court", url="https://example.org/c")).id
    with d.store.write() as s:
        return attachments.add_stream(s, Attachment(source_id=sid, filename=name), io.BytesIO(data))


def _blob_file(d: Dossier, att_id: str):
    with d.store.read() as s:
        return d.store.blobs.file(s.get(AttachmentRow, att_id).blob_id)


@pytest.mark.parametrize(
    "size",
    [
        0,
        1,
        blobstream.CHUNK - 1,
        blobstream.CHUNK,
        blobstream.CHUNK + 1,
        3 * blobstream.CHUNK,
        2_000_003,
    ],
)
def test_round_trip_at_chunk_edges(dossier, size):
    data = os.urandom(size)
    att = _attach(dossier, data)
    assert dossier.attachment_bytes(att.id) == data
    f = _blob_file(dossier, att.id)
    chunks = max(1, -(-size // blobstream.CHUNK))
    assert f.stat().st_size == blobstream.HEADER_LEN + size + chunks * blobstream.TAG
    assert oct(f.stat().st_mode & 0o777) == "0o600"


def test_folder_is_beside_the_store_and_names_say_nothing(dossier, store_path):
    data = b"known leaked document " * 1000
    att = _attach(dossier, data)
    folder = blobs_path(store_path)
    assert folder == store_path.with_name("dossier.db.blobs") and folder.is_dir()
    (name,) = os.listdir(folder)
    assert name != hashlib.sha256(data).hexdigest() and len(name) == 32
    raw = (folder / name).read_bytes()
    assert b"known leaked document" not in raw  # the body is encrypted
    assert att.sha256 == hashlib.sha256(data).hexdigest()


def test_a_flipped_byte_is_an_error_naming_the_attachment_and_nothing_else_is_lost(dossier):
    good = _attach(dossier, os.urandom(200_000), "good.jpg")
    bad = _attach(dossier, os.urandom(200_000), "testimony.mp4")
    f = _blob_file(dossier, bad.id)
    raw = bytearray(f.read_bytes())
    raw[blobstream.HEADER_LEN + 70_000] ^= 1  # in the second chunk
    f.write_bytes(bytes(raw))
    with pytest.raises(IntegrityError, match="testimony.mp4.*altered"):
        dossier.attachment_bytes(bad.id)
    assert len(dossier.attachment_bytes(good.id)) == 200_000
    rep = maintenance.verify(dossier)
    assert not rep.ok and rep.bad_attachments == ["testimony.mp4"]
    assert any("testimony.mp4" in p for p in rep.to_json()["attachment_problems"])


@pytest.mark.parametrize("cut", ["chunk boundary", "mid chunk", "header", "appended", "swapped"])
def test_truncated_appended_or_swapped_blob_is_refused(dossier, cut):
    att = _attach(dossier, os.urandom(3 * blobstream.CHUNK), "scan.pdf")
    other = _attach(dossier, os.urandom(1000), "other.pdf")
    f = _blob_file(dossier, att.id)
    raw = f.read_bytes()
    step = blobstream.CHUNK + blobstream.TAG
    edited = {
        "chunk boundary": raw[: blobstream.HEADER_LEN + 2 * step],
        "mid chunk": raw[:-100],
        "header": raw[:10],
        "appended": raw + raw[-step:],
        "swapped": _blob_file(dossier, other.id).read_bytes(),
    }[cut]
    f.write_bytes(edited)
    with pytest.raises(IntegrityError, match="scan.pdf"):
        dossier.attachment_bytes(att.id)


def test_a_missing_blob_is_named_and_the_store_still_opens(dossier, store_path):
    att = _attach(dossier, b"x" * 5000, "photo.png")
    kept = _attach(dossier, b"y" * 5000, "kept.png")
    _blob_file(dossier, att.id).unlink()
    dossier.close()
    with Dossier.open(store_path, PASSPHRASE) as d:
        with pytest.raises(IntegrityError, match="photo.png.*missing"):
            d.attachment_bytes(att.id)
        assert d.attachment_bytes(kept.id) == b"y" * 5000
        assert maintenance.verify(d).bad_attachments == ["photo.png"]


def test_failed_write_leaves_no_blob_and_orphans_are_swept_at_open(dossier, store_path):
    sid = dossier.add_source(Source(title="S")).id
    with pytest.raises(RuntimeError), dossier.store.write() as s:
        attachments.add_stream(
            s, Attachment(source_id=sid, filename="a.bin"), io.BytesIO(b"a" * 10)
        )
        raise RuntimeError("the transaction fails after the blob was written")
    assert dossier.store.blobs.names() == set()
    kept = _attach(dossier, b"keep me", "k.txt")
    folder = blobs_path(store_path)
    orphan = folder / ("ab" * 16)
    orphan.write_bytes(b"left by a killed import")
    part = folder / f".{'cd' * 16}.abcd_123.part"
    part.write_bytes(b"half a blob")
    stranger = folder / "README"
    stranger.write_bytes(b"not ours")
    dossier.close()
    with Dossier.open(store_path, PASSPHRASE) as d:
        assert not orphan.exists() and not part.exists()
        assert stranger.exists()  # only our own names are swept
        assert d.attachment_bytes(kept.id) == b"keep me"


def test_deleted_attachment_blob_goes_after_the_commit_and_undo_brings_it_back(dossier):
    att = _attach(dossier, b"z" * 1000, "z.bin")
    f = _blob_file(dossier, att.id)
    record, data = dossier.delete_attachment(att.id)
    assert not f.exists() and dossier.store.blobs.names() == set()
    dossier.restore_attachment(record, data)
    assert dossier.attachment_bytes(att.id) == data


def test_passphrase_change_rewrites_no_blob_and_rekey_rewraps_rows_only(dossier, store_path):
    att = _attach(dossier, os.urandom(100_000), "a.bin")
    f = _blob_file(dossier, att.id)
    before = (f.stat().st_ino, f.read_bytes())
    maintenance.change_passphrase(dossier, "second passphrase")
    maintenance.change_passphrase(dossier, "third passphrase", rekey=True)
    assert (f.stat().st_ino, f.read_bytes()) == before  # the file was not touched
    dossier.close()
    with Dossier.open(store_path, "third passphrase") as d:
        assert hashlib.sha256(d.attachment_bytes(att.id)).hexdigest() == att.sha256
        with d.store.read() as s:
            assert s.get(AttachmentRow, att.id).blob_key_next is None
            # the re-wrap kept the binding of the body's hash (share export relies on it)
            assert attachments.open_body(s, att.id).authenticated_sha256 == att.sha256
        assert maintenance.verify(d).ok


def test_rekey_killed_after_the_database_changed_key_promotes_the_wraps(
    dossier, store_path, monkeypatch
):
    """Simulate a death between PRAGMA rekey and the promotion: the next wraps stay."""
    from dossier.store import blob_upkeep

    att = _attach(dossier, b"q" * 70_000, "q.bin")
    monkeypatch.setattr(blob_upkeep, "promote_rewrap", lambda store: 0)
    dossier.store.rekey("new one")
    with dossier.store.read() as s:
        assert s.get(AttachmentRow, att.id).blob_key_next is not None
    assert dossier.attachment_bytes(att.id) == b"q" * 70_000  # the next wrap opens it
    dossier.store.close(checkpoint_wal=False)
    monkeypatch.undo()
    with Dossier.open(store_path, "new one") as d:
        with d.store.read() as s:
            row = s.get(AttachmentRow, att.id)
            assert row.blob_key_next is None
        assert d.attachment_bytes(att.id) == b"q" * 70_000


def test_rekey_killed_before_the_database_changed_key_drops_the_junk_wraps(dossier, store_path):
    from dossier.store import blob_upkeep

    att = _attach(dossier, b"r" * 1000, "r.bin")
    assert blob_upkeep.prepare_rewrap(dossier.store, os.urandom(32))  # that key is then lost
    dossier.close()
    with Dossier.open(store_path, PASSPHRASE) as d:
        with d.store.read() as s:
            assert s.get(AttachmentRow, att.id).blob_key_next is None
        assert d.attachment_bytes(att.id) == b"r" * 1000
