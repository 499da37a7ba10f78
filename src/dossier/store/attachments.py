"""Attachment bytes inside the encrypted store, in 1 MiB chunks with their SHA-256.

Chunks let a file of hundreds of megabytes go in and come out as a stream; the hash
recorded at entry is checked on every full read, and by `verify`.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from dossier.core.errors import IntegrityError, NotFoundError
from dossier.core.model import Attachment

from .schema import AttachmentRow, ChunkRow

CHUNK = 1 << 20


def add_stream(s: Session, att: Attachment, stream: BinaryIO) -> Attachment:
    """Store `stream` as the bytes of `att`; fills size and sha256. Flushes per chunk."""
    h = hashlib.sha256()
    size = 0
    s.add(AttachmentRow(id=att.id, source_id=att.source_id, filename=att.filename,
                        media_type=att.media_type, size=0, sha256="", created=att.created))  # fmt: skip
    s.flush()
    n = 0
    while True:
        block = stream.read(CHUNK)
        if not block:
            break
        h.update(block)
        size += len(block)
        s.add(ChunkRow(attachment_id=att.id, n=n, data=block))
        s.flush()
        s.expunge_all()
        n += 1
    att.size, att.sha256 = size, h.hexdigest()
    row = s.get(AttachmentRow, att.id)
    row.size, row.sha256 = size, att.sha256
    s.flush()
    return att


def add_file(s: Session, source_id: str, path: Path) -> Attachment:
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    att = Attachment(source_id=source_id, filename=path.name, media_type=media)
    with open(path, "rb") as fh:
        return add_stream(s, att, fh)


def iter_bytes(s: Session, attachment_id: str, check: bool = True) -> Iterator[bytes]:
    """Yield the attachment's bytes chunk by chunk; the hash is checked at the end."""
    row = s.get(AttachmentRow, attachment_id)
    if row is None:
        raise NotFoundError(f"no attachment with id {attachment_id}")
    expected, name = row.sha256, row.filename
    h = hashlib.sha256()
    q = select(ChunkRow.data).where(ChunkRow.attachment_id == attachment_id).order_by(ChunkRow.n)
    for block in s.execute(q).scalars():
        h.update(block)
        yield block
    if check and h.hexdigest() != expected:
        raise IntegrityError(f"attachment {name!r} does not match its recorded SHA-256")


def read_bytes(s: Session, attachment_id: str) -> bytes:
    return b"".join(iter_bytes(s, attachment_id))


def remove(s: Session, attachment_id: str) -> None:
    s.execute(delete(ChunkRow).where(ChunkRow.attachment_id == attachment_id))
    s.execute(delete(AttachmentRow).where(AttachmentRow.id == attachment_id))


def check_all(s: Session) -> list[str]:
    """Names of attachments whose bytes no longer match their hash."""
    bad = []
    for att_id, name in s.execute(select(AttachmentRow.id, AttachmentRow.filename)).all():
        try:
            for _ in iter_bytes(s, att_id):
                pass
        except IntegrityError:
            bad.append(name)
    return bad
