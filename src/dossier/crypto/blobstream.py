"""One attachment body as an encrypted file: the format, and the per-blob key's wrap.

Why a file beside the store and not rows inside it (issue 13): attachment bytes in 1 MiB
rows of 4 KiB SQLCipher pages made the seal hash gigabytes at every open and clean
close, and made share import 27x slower than `age -d`. A blob is written once, read as a
stream, and never changes; the database keeps only its metadata and its key.

Format, version 1 (the STREAM construction age uses, with ChaCha20-Poly1305):

    header  32 bytes: b"dossier-blob" | version (1) | log2 chunk size (16) | 0 0 | blob id (16)
    chunks  each = ChaCha20-Poly1305(blob key, nonce, plaintext chunk, aad = header)
            plaintext chunks of 64 KiB; nonce = 11-byte big-endian counter | last flag
            (1 on the final chunk, else 0). The final chunk may be short or full; it is
            empty only when the whole body is.

So a flipped byte, a reordered, dropped or duplicated chunk, a cut-off file, bytes
appended after the end or a header changed are all refused; a blob put in another's
place fails too (its key is another, and its header names another id).

Keys: each blob has its own random 256-bit key, stored in its attachment row wrapped
(ChaCha20-Poly1305) under a key-encryption key derived from the store's data key by
HKDF (`kek`). The passphrase never touches blobs, so a change of passphrase rewrites
nothing; a new data key (`passwd --rekey`) re-wraps 60-byte row values, never the files.

The wrap binds what is known of the body (wrap version 2): its associated data is the
blob id, the plaintext's SHA-256 and its size, as the writer measured or verified them
while sealing. So a key that unwraps under a given (SHA-256, size) proves, with the
AEAD's authenticity, that the body the blob decrypts to has that hash: whoever reads it
to its authenticated end (share export) need not hash it again. Without the kek nobody
can make such a wrap, and a wrap made for another hash does not open. Blobs written
before the binding (and bodies moved out of old chunk rows unhashed) carry a version 1
wrap, bound to the id only; their readers hash the bytes as before (`unwrap_bound` says
which a wrap is).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from dossier.core.errors import IntegrityError

MAGIC = b"dossier-blob"
VERSION = 1
CHUNK_LOG2 = 16
CHUNK = 1 << CHUNK_LOG2
TAG = 16
HEADER_LEN = 32
ID_LEN = 16
KEY_LEN = 32
_WRAP_NONCE = 12
_READ_BATCH = 16  # chunks decrypted per yielded block: 1 MiB, few Python round trips
_KEK_INFO = b"dossier blob kek v1"
_HAS_INTO = hasattr(ChaCha20Poly1305, "decrypt_into")
_WRAP_AD = b"dossier blob key v1|"
_WRAP_AD_BOUND = b"dossier blob key v2|"


class BlobError(IntegrityError):
    """The file is not the blob its row describes (altered, cut off, foreign, or absent)."""


def header(blob_id: bytes) -> bytes:
    if len(blob_id) != ID_LEN:
        raise ValueError("a blob id is 16 bytes")
    return MAGIC + bytes((VERSION, CHUNK_LOG2, 0, 0)) + blob_id


def new_key() -> bytes:
    return os.urandom(KEY_LEN)


def kek(data_key: bytes) -> bytes:
    """The key that wraps blob keys: HKDF-SHA256 of the data key, for this purpose only."""
    return HKDF(hashes.SHA256(), 32, salt=None, info=_KEK_INFO).derive(bytes(data_key))


def _bound_ad(blob_id: bytes, sha256: str, size: int) -> bytes:
    digest = bytes.fromhex(sha256)
    if len(digest) != 32 or size < 0:
        raise ValueError("a bound wrap needs a SHA-256 (64 hex digits) and a size")
    return _WRAP_AD_BOUND + blob_id + digest + struct.pack(">Q", size)


def wrap(
    kek_: bytes,
    blob_id: bytes,
    blob_key: bytes,
    sha256: str | None = None,
    size: int | None = None,
) -> bytes:
    """nonce | ciphertext of the blob key (60 bytes), bound to the blob id and, when
    given, to the body's SHA-256 and size (version 2, see the module docstring). Give
    them only when they were measured or verified over exactly the bytes sealed."""
    ad = _WRAP_AD + blob_id if sha256 is None else _bound_ad(blob_id, sha256, size or 0)
    nonce = os.urandom(_WRAP_NONCE)
    return nonce + ChaCha20Poly1305(kek_).encrypt(nonce, blob_key, ad)


def _open(kek_: bytes, wrapped: bytes | None, ad: bytes) -> bytes | None:
    if not wrapped or len(wrapped) != _WRAP_NONCE + KEY_LEN + TAG:
        return None
    try:
        return ChaCha20Poly1305(kek_).decrypt(
            wrapped[:_WRAP_NONCE], bytes(wrapped[_WRAP_NONCE:]), ad
        )
    except InvalidTag:
        return None


def unwrap_bound(
    kek_: bytes, blob_id: bytes, wrapped: bytes | None, sha256: str | None, size: int | None
) -> tuple[bytes, bool] | None:
    """(blob key, bound) -- bound is True when the wrap authenticates `sha256` and
    `size` as the body's; None when `wrapped` opens neither way."""
    if sha256 is not None and size is not None:
        try:
            ad = _bound_ad(blob_id, sha256, size)
        except ValueError:
            ad = None
        if ad is not None and (key := _open(kek_, wrapped, ad)) is not None:
            return key, True
    key = _open(kek_, wrapped, _WRAP_AD + blob_id)
    return None if key is None else (key, False)


def unwrap(
    kek_: bytes,
    blob_id: bytes,
    wrapped: bytes | None,
    sha256: str | None = None,
    size: int | None = None,
) -> bytes | None:
    """The blob key, or None when `wrapped` was not made under this key for this id
    (and, for a bound wrap, for this SHA-256 and size)."""
    opened = unwrap_bound(kek_, blob_id, wrapped, sha256, size)
    return None if opened is None else opened[0]


def _nonce(counter: int, last: bool) -> bytes:
    return struct.pack(">Q", counter).rjust(11, b"\0") + (b"\1" if last else b"\0")


class Sealer:
    """Encrypts a body chunk by chunk into `out` (the caller owns the file and its fsync).

    `write` takes any amount; the last chunk is only sealed by `finish`, because a chunk
    is known to be the last only once the input has ended.
    """

    def __init__(self, out: BinaryIO, blob_id: bytes, key: bytes) -> None:
        self._out = out
        self._aead = ChaCha20Poly1305(key)
        self._ad = header(blob_id)
        self._buf = bytearray()
        self._n = 0
        out.write(self._ad)

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Seal every chunk known not to be the last; keep at most one chunk back.
        Full chunks of `data` are encrypted from it in place (no copy)."""
        view = memoryview(data)
        if self._buf:
            room = CHUNK - len(self._buf)
            if len(view) <= room:
                self._buf += view
                return
            self._buf += view[:room]
            view = view[room:]
            self._seal(self._buf, last=False)  # more follows: not the last
            self._buf = bytearray()
        while len(view) > CHUNK:
            self._seal(view[:CHUNK], last=False)
            view = view[CHUNK:]
        self._buf += view

    def _seal(self, chunk: bytes | bytearray | memoryview, last: bool) -> None:
        self._out.write(self._aead.encrypt(_nonce(self._n, last), chunk, self._ad))
        self._n += 1

    def finish(self) -> None:
        self._seal(self._buf, last=True)
        self._buf = bytearray()


def open_chunks(fh: BinaryIO, blob_id: bytes, key: bytes, name: str) -> Iterator[bytes]:
    """Yield the plaintext of an open blob file in blocks of up to 1 MiB, each
    authenticated before it is yielded; BlobError names `name` on any fault."""
    ad = fh.read(HEADER_LEN)
    if len(ad) != HEADER_LEN or ad[:12] != MAGIC:
        raise BlobError(f"attachment {name!r}: its encrypted file is not a Dossier blob")
    if ad[12] != VERSION or ad[13] != CHUNK_LOG2:
        raise BlobError(f"attachment {name!r}: its encrypted file has an unknown version {ad[12]}")
    if ad[16:] != blob_id:
        raise BlobError(f"attachment {name!r}: its encrypted file belongs to another attachment")
    aead = ChaCha20Poly1305(key)
    size = CHUNK + TAG
    n = 0
    current = fh.read(size)
    out = bytearray(_READ_BATCH * CHUNK)  # each batch its own buffer: a consumer may keep it
    filled = 0
    while True:
        following = fh.read(size) if len(current) == size else b""
        last = not following
        if len(current) < TAG:
            raise BlobError(f"attachment {name!r}: its encrypted file is truncated")
        try:
            if _HAS_INTO:  # straight into the batch buffer: no copy per byte
                filled += aead.decrypt_into(
                    _nonce(n, last),
                    current,
                    ad,
                    memoryview(out)[filled : filled + len(current) - TAG],
                )
            else:  # pragma: no cover - cryptography without decrypt_into
                plain = aead.decrypt(_nonce(n, last), current, ad)
                out[filled : filled + len(plain)] = plain
                filled += len(plain)
        except InvalidTag:
            if last:
                raise BlobError(
                    f"attachment {name!r}: its encrypted file is truncated or was "
                    f"altered (chunk {n})"
                ) from None
            raise BlobError(
                f"attachment {name!r}: its encrypted file was altered (chunk {n})"
            ) from None
        n += 1
        if last:
            break
        if filled == len(out):
            yield out
            out, filled = bytearray(_READ_BATCH * CHUNK), 0
        current = following
    if filled:
        del out[filled:]
        yield out
