"""The one-pass share import's stage (store/blob_stage.py) and the export that trusts a
blob's bound hash: a killed import leaves nothing the next open does not sweep, a live
one is left alone, and blobs written before the hash binding still export right."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import update

from dossier.crypto import blobstream
from dossier.services import sharing
from dossier.services.dossier import Dossier
from dossier.share import local
from dossier.store.blob_stage import Stage
from dossier.store.schema import AttachmentRow
from tests.share.helpers import PASS_A, PASS_B, add_sample, exchange, researcher


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch):
    monkeypatch.setenv("DOSSIER_KDF_FAST", "1")


@pytest.fixture
def pair(tmp_path):
    a = researcher(tmp_path / "a", "alice", PASS_A)
    b = researcher(tmp_path / "b", "bob", PASS_B)
    exchange(a, b)
    yield a, b
    a.d.close()
    b.d.close()


def _stages(folder) -> list[str]:
    return [n for n in os.listdir(folder) if n.startswith(".stage-")] if folder.is_dir() else []


def test_an_import_killed_after_staging_leaves_nothing_after_the_next_open(pair, tmp_path):
    a, b = pair
    ids = add_sample(a.d, tmp_path / "files", attachment=os.urandom(400_000))
    out = tmp_path / "s.age"
    sharing.export_share(a.d, out, [ids["wang"]], to=["bob"])
    folder = b.d.store.blobs.path
    blobs_before = b.d.store.blobs.names()
    b.d.close()
    child = textwrap.dedent(
        f"""
        import sys, time
        from dossier.services import sharing
        from dossier.services.dossier import Dossier
        d = Dossier.open({str(b.path)!r}, {PASS_B!r})
        pending = sharing.preview_share(d, {str(out)!r})
        assert pending.stage.blobs
        print("staged", flush=True)
        time.sleep(120)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", child], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    try:
        assert proc.stdout.readline().strip() == "staged"
        staged = _stages(folder)
        assert len(staged) == 1 and os.listdir(folder / staged[0])  # its staged blob
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    b.d = Dossier.open(b.path, PASS_B)  # the open sweeps the dead process's stage
    assert _stages(folder) == []
    assert b.d.store.blobs.names() == blobs_before
    assert ids["wang"] not in b.d.all_case_ids()
    sharing.import_share(b.d, out)  # and the share imports whole afterwards
    assert ids["wang"] in b.d.all_case_ids()
    assert _stages(folder) == []


def test_a_stage_of_a_live_import_is_not_swept(pair, tmp_path):
    """Another program opening the store (the sweep runs at every open) must not take
    the stage of an import still being previewed here."""
    a, b = pair
    ids = add_sample(a.d, tmp_path / "files", attachment=os.urandom(100_000))
    out = tmp_path / "s.age"
    sharing.export_share(a.d, out, [ids["wang"]], to=["bob"])
    pending = sharing.preview_share(b.d, out)
    assert pending.stage is not None and pending.stage.path.is_dir()
    other = Dossier.open(b.path, PASS_B)
    other.close()
    assert pending.stage.path.is_dir()
    rep = sharing.apply_share(b.d, pending)
    assert rep.to_json()["added"]["cases"] == 1
    assert _stages(b.d.store.blobs.path) == []


def test_a_stage_named_by_a_dead_process_is_swept(pair):
    _a, b = pair
    b.d.store.blobs.ensure()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    stale = b.d.store.blobs.path / f".stage-{int(gone.stdout)}-abcdefgh"
    stale.mkdir()
    (stale / ("0" * 32)).write_bytes(b"half a blob")
    keep = b.d.store.blobs.path / ".stage-not-ours"  # not our name: left alone
    keep.mkdir()
    b.d.close()
    b.d = Dossier.open(b.path, PASS_B)
    assert not stale.exists() and keep.is_dir()


def test_a_dropped_preview_discards_its_stage(pair, tmp_path):
    a, b = pair
    ids = add_sample(a.d, tmp_path / "files", attachment=os.urandom(50_000))
    out = tmp_path / "s.age"
    sharing.export_share(a.d, out, [ids["wang"]], to=["bob"])
    pending = sharing.preview_share(b.d, out)
    path = pending.stage.path
    assert path.is_dir()
    del pending  # never applied nor discarded: the finalizer removes it
    import gc

    gc.collect()
    assert not path.exists()


def _unbind(d: Dossier, att_id: str) -> None:
    """Re-wrap an attachment's key the old way (version 1: bound to its id only), as a
    blob written before the hash binding, or moved out of old chunk rows, has it."""
    with d.store.write("test: old wrap") as s:
        row = s.get(AttachmentRow, att_id)
        folder = d.store.blobs
        key = folder.key_of(row.blob_id, row.blob_key, None, row.filename, row.sha256, row.size)
        old = blobstream.wrap(folder.kek(), bytes.fromhex(row.blob_id), key)
        s.execute(update(AttachmentRow).where(AttachmentRow.id == att_id).values(blob_key=old))


def test_blobs_without_the_hash_binding_still_export_with_correct_hashes(pair, tmp_path):
    a, b = pair
    body = os.urandom(300_000)
    ids = add_sample(a.d, tmp_path / "files", attachment=body)
    att = a.d.get_source(ids["source"]).attachments[0]
    with a.d.store.read() as s:
        assert local.attachment_chunks(s, att.id).authenticated_sha256 == att.sha256
    _unbind(a.d, att.id)
    with a.d.store.read() as s:
        old = local.attachment_chunks(s, att.id)
        assert old.authenticated_sha256 is None  # so the export hashes it
        assert hashlib.sha256(b"".join(old)).hexdigest() == att.sha256
    out = tmp_path / "old.age"
    sharing.export_share(a.d, out, [ids["wang"]], to=["bob"])
    sharing.import_share(b.d, out)
    assert b.d.attachment_bytes(att.id) == body
    got = b.d.get_source(ids["source"]).attachments[0]
    assert got.sha256 == hashlib.sha256(body).hexdigest() == att.sha256
    with b.d.store.read() as s:  # the imported blob is bound again
        assert local.attachment_chunks(s, att.id).authenticated_sha256 == att.sha256


def test_a_bound_blob_altered_on_disk_stops_the_export(pair, tmp_path):
    """The export does not hash a bound body: the blob's own authentication must stop
    a changed byte, and the share file must not appear."""
    a, _b = pair
    ids = add_sample(a.d, tmp_path / "files", attachment=os.urandom(200_000))
    att = a.d.get_source(ids["source"]).attachments[0]
    with a.d.store.read() as s:
        blob_id = s.get(AttachmentRow, att.id).blob_id
    f = a.d.store.blobs.file(blob_id)
    data = bytearray(f.read_bytes())
    data[-100] ^= 1
    f.write_bytes(bytes(data))
    out = tmp_path / "x.age"
    with pytest.raises(Exception, match="altered|truncated"):
        sharing.export_share(a.d, out, [ids["wang"]], to=["bob"])
    assert not out.exists()


def test_the_bound_wrap_opens_only_for_its_hash_and_size():
    kek, blob_id, key = os.urandom(32), os.urandom(16), os.urandom(32)
    sha = hashlib.sha256(b"body").hexdigest()
    w = blobstream.wrap(kek, blob_id, key, sha, 4)
    assert blobstream.unwrap_bound(kek, blob_id, w, sha, 4) == (key, True)
    assert blobstream.unwrap_bound(kek, blob_id, w, hashlib.sha256(b"other").hexdigest(), 4) is None
    assert blobstream.unwrap_bound(kek, blob_id, w, sha, 5) is None
    assert blobstream.unwrap(kek, blob_id, w) is None  # not as an unbound wrap either
    old = blobstream.wrap(kek, blob_id, key)
    assert blobstream.unwrap_bound(kek, blob_id, old, sha, 4) == (key, False)


def test_stage_discard_is_idempotent_and_refuses_new_bodies(pair):
    _a, b = pair
    stage = Stage(b.d.store.blobs)
    w = stage.begin("attachments/x")
    w.write(b"abc")
    w.finish(hashlib.sha256(b"abc").hexdigest())
    assert stage.blobs and stage.path.is_dir()
    stage.discard()
    stage.discard()
    assert not stage.path.exists() and not stage.exists
    with pytest.raises(Exception, match="discarded"):
        stage.begin("attachments/y")
