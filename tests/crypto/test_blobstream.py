"""The blob format (issue 13): STREAM of ChaCha20-Poly1305 chunks, whatever the writes."""

from __future__ import annotations

import io
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.crypto import blobstream
from dossier.crypto.blobstream import CHUNK, BlobError


def _seal(data: bytes, cuts: list[int], blob_id: bytes, key: bytes) -> bytes:
    out = io.BytesIO()
    s = blobstream.Sealer(out, blob_id, key)
    pos = 0
    for c in sorted(cuts):
        s.write(data[pos:c])
        pos = c
    s.write(data[pos:])
    s.finish()
    return out.getvalue()


def _open(raw: bytes, blob_id: bytes, key: bytes) -> bytes:
    return b"".join(blobstream.open_chunks(io.BytesIO(raw), blob_id, key, "x.bin"))


@settings(max_examples=40, deadline=None)
@given(
    size=st.sampled_from([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 7]),
    cuts=st.lists(st.integers(min_value=0, max_value=3 * CHUNK + 7), max_size=6),
)
def test_any_split_of_writes_gives_the_same_file_and_the_same_bytes(size, cuts):
    data = os.urandom(size)
    blob_id, key = os.urandom(16), blobstream.new_key()
    cuts = [c for c in cuts if c <= size]
    raw = _seal(data, cuts, blob_id, key)
    assert raw == _seal(data, [], blob_id, key)  # deterministic per key: the split does not matter
    assert _open(raw, blob_id, key) == data
    assert len(raw) == blobstream.HEADER_LEN + size + max(1, -(-size // CHUNK)) * blobstream.TAG


def test_every_flipped_byte_of_a_small_blob_is_refused():
    data = os.urandom(CHUNK + 100)
    blob_id, key = os.urandom(16), blobstream.new_key()
    raw = _seal(data, [], blob_id, key)
    for i in list(range(0, blobstream.HEADER_LEN)) + list(
        range(blobstream.HEADER_LEN, len(raw), 997)
    ):
        bad = bytearray(raw)
        bad[i] ^= 0x40
        with pytest.raises(BlobError, match="x.bin"):
            _open(bytes(bad), blob_id, key)


def test_wrong_key_or_id_is_refused_and_wraps_are_bound_to_their_id():
    blob_id, key = os.urandom(16), blobstream.new_key()
    raw = _seal(b"hello", [], blob_id, key)
    with pytest.raises(BlobError):
        _open(raw, blob_id, blobstream.new_key())
    with pytest.raises(BlobError, match="another attachment"):
        _open(raw, os.urandom(16), key)
    kek = blobstream.kek(os.urandom(32))
    wrapped = blobstream.wrap(kek, blob_id, key)
    assert blobstream.unwrap(kek, blob_id, wrapped) == key
    assert blobstream.unwrap(kek, os.urandom(16), wrapped) is None
    assert blobstream.unwrap(blobstream.kek(os.urandom(32)), blob_id, wrapped) is None
