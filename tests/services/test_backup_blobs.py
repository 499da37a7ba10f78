"""Backups carry the attachment blobs (issue 13): consistent with the copied database,
pinned under the store's lock, old backup sets replaced whole."""

from __future__ import annotations

import os

from dossier.core.model import Source
from dossier.services import maintenance
from dossier.services.dossier import Dossier
from dossier.store.blobs import blobs_path
from tests.conftest import PASSPHRASE


def _with_files(d: Dossier, folder, n: int) -> list:
    folder.mkdir(exist_ok=True)
    files = []
    for i in range(n):
        f = folder / f"doc{i}.bin"
        f.write_bytes(os.urandom(70_000 + i))
        files.append(f)
    return d.add_source(Source(title="Scans"), files).attachments


def test_backup_has_every_blob_and_opens_whole(dossier, tmp_path):
    atts = _with_files(dossier, tmp_path / "in", 3)
    out = tmp_path / "bk" / "b.db"
    out.parent.mkdir()
    maintenance.backup(dossier, out)
    assert sorted(os.listdir(blobs_path(out))) == sorted(dossier.store.blobs.names())
    assert not [p for p in dossier.store.blobs.path.iterdir() if p.name.startswith(".pin-")]
    with Dossier.open(out, PASSPHRASE) as b:
        assert maintenance.verify(b).ok
        for att in atts:
            assert b.attachment_bytes(att.id) == dossier.attachment_bytes(att.id)


def test_a_blob_deleted_after_the_snapshot_still_reaches_the_backup(dossier, tmp_path, monkeypatch):
    """The pin: the database copy names a blob; a commit that deletes it after the lock
    is let go (here: between pinning and copying) cannot take it from the backup."""
    atts = _with_files(dossier, tmp_path / "in", 2)
    real = maintenance._copy_blobs

    def delete_first(pin, dest, names):
        dossier.delete_attachment(atts[0].id)
        return real(pin, dest, names)

    monkeypatch.setattr(maintenance, "_copy_blobs", delete_first)
    out = tmp_path / "b.db"
    maintenance.backup(dossier, out)
    assert len(dossier.store.blobs.names()) == 1
    with Dossier.open(out, PASSPHRASE) as b:
        assert maintenance.verify(b).ok
        assert len(b.attachment_bytes(atts[0].id)) == 70_000


def test_a_second_backup_replaces_the_old_set_whole(dossier, tmp_path):
    first = _with_files(dossier, tmp_path / "in", 1)
    out = tmp_path / "b.db"
    maintenance.backup(dossier, out)
    dossier.delete_attachment(first[0].id)
    second = _with_files(dossier, tmp_path / "in2", 1)
    maintenance.backup(dossier, out)
    assert os.listdir(blobs_path(out)) == list(dossier.store.blobs.names())
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".b.db")]
    with Dossier.open(out, PASSPHRASE) as b:
        assert maintenance.verify(b).ok
        assert len(b.attachment_bytes(second[0].id)) == 70_000
