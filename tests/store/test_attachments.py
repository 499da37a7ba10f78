"""Attachment bodies: streamed in and out of their blobs, hashed once, rolled back with their transaction."""

from __future__ import annotations

import hashlib
import io
import os

import pytest

from dossier.core.errors import IntegrityError
from dossier.core.model import Attachment, Source
from dossier.share.local import attachment_chunks
from dossier.store import attachments
from dossier.store.schema import AttachmentRow, ChunkRow


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 1 KiB, so a few KiB make many chunks (the real size is 1 MiB)."""
    monkeypatch.setattr(attachments, "CHUNK", 1024)


def _source(dossier) -> str:
    return dossier.add_source(Source(title="Court", url="https://example.org/c")).id


class _SelfChecked(io.BytesIO):
    """A stream that, like a share member, vouches for its bytes once read to the end."""

    def __init__(self, data: bytes, digest: str | None) -> None:
        super().__init__(data)
        self._digest = digest
        self.done = False

    def read(self, size: int = -1) -> bytes:
        data = super().read(size)
        self.done = self.done or not data
        return data

    @property
    def verified_sha256(self) -> str | None:
        return self._digest if self.done else None


def test_round_trip_in_many_chunks(dossier, small_chunks):
    data = os.urandom(300 * 1024 + 17)  # five 64 KiB blob chunks, read in 1 KiB pieces
    sid = _source(dossier)
    with dossier.store.write() as s:
        att = attachments.add_stream(
            s, Attachment(source_id=sid, filename="scan.pdf"), io.BytesIO(data)
        )
    assert (att.size, att.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    with dossier.store.read() as s:
        assert attachments.read_bytes(s, att.id) == data
        assert b"".join(attachment_chunks(s, att.id)) == data
        assert s.query(ChunkRow).count() == 0  # the body is not in the database
        assert attachments.problems(s) == []


def test_self_checked_stream_records_its_digest(dossier, small_chunks):
    data = os.urandom(3000)
    sid = _source(dossier)
    with dossier.store.write() as s:
        att = attachments.add_stream(
            s,
            Attachment(source_id=sid, filename="a.bin"),
            _SelfChecked(data, hashlib.sha256(data).hexdigest()),
        )
    assert att.sha256 == hashlib.sha256(data).hexdigest()
    assert dossier.attachment_bytes(att.id) == data


def test_stream_that_does_not_vouch_for_its_bytes_stores_nothing(dossier, small_chunks):
    sid = _source(dossier)
    with pytest.raises(IntegrityError, match="not verified"), dossier.store.write() as s:
        attachments.add_stream(
            s, Attachment(source_id=sid, filename="a.bin"), _SelfChecked(b"x" * 3000, None)
        )
    with dossier.store.read() as s:
        assert s.query(AttachmentRow).count() == 0  # the transaction rolled back
    assert dossier.store.blobs.names() == set()  # and its blob went with it
