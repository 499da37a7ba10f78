"""Attachment bytes in the store: chunked in and out, hashed once, gaps and changes found."""

from __future__ import annotations

import hashlib
import io
import os

import pytest
from sqlalchemy import delete, update

from dossier.core.errors import IntegrityError
from dossier.core.model import Attachment, Source
from dossier.share.local import attachment_chunks
from dossier.store import attachments
from dossier.store.schema import ChunkRow


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
    data = os.urandom(10 * 1024 + 17)
    sid = _source(dossier)
    with dossier.store.write() as s:
        att = attachments.add_stream(
            s, Attachment(source_id=sid, filename="scan.pdf"), io.BytesIO(data)
        )
    assert (att.size, att.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    with dossier.store.read() as s:
        assert attachments.read_bytes(s, att.id) == data
        assert b"".join(attachment_chunks(s, att.id)) == data
        assert s.query(ChunkRow).filter_by(attachment_id=att.id).count() == 11
        assert attachments.check_all(s) == []


def test_self_checked_stream_records_its_digest(dossier, small_chunks):
    data = os.urandom(3000)
    sid = _source(dossier)
    with dossier.store.write() as s:
        att = attachments.add_stream(s, Attachment(source_id=sid, filename="a.bin"),
                                     _SelfChecked(data, hashlib.sha256(data).hexdigest()))  # fmt: skip
    assert att.sha256 == hashlib.sha256(data).hexdigest()
    assert dossier.attachment_bytes(att.id) == data


def test_stream_that_does_not_vouch_for_its_bytes_stores_nothing(dossier, small_chunks):
    sid = _source(dossier)
    with pytest.raises(IntegrityError, match="not verified"), dossier.store.write() as s:
        attachments.add_stream(
            s, Attachment(source_id=sid, filename="a.bin"), _SelfChecked(b"x" * 3000, None)
        )
    with dossier.store.read() as s:
        assert s.query(ChunkRow).count() == 0  # the transaction rolled back


def test_changed_chunk_fails_the_hash_and_a_gap_is_named(dossier, small_chunks):
    sid = _source(dossier)
    with dossier.store.write() as s:
        att = attachments.add_stream(
            s, Attachment(source_id=sid, filename="a.bin"), io.BytesIO(b"y" * 5000)
        )
        s.execute(update(ChunkRow).where(ChunkRow.attachment_id == att.id, ChunkRow.n == 2)
                  .values(data=b"z" * 1024))  # fmt: skip
    with dossier.store.read() as s:
        with pytest.raises(IntegrityError, match="SHA-256"):
            attachments.read_bytes(s, att.id)
        assert attachments.check_all(s) == ["a.bin"]
    with dossier.store.write() as s:
        s.execute(delete(ChunkRow).where(ChunkRow.attachment_id == att.id, ChunkRow.n == 1))
    with dossier.store.read() as s, pytest.raises(IntegrityError, match="missing part 1"):
        list(attachment_chunks(s, att.id))
