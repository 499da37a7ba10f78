"""The helper threads of a share pass: hashing off-thread and reading the store ahead."""

from __future__ import annotations

import hashlib
import io
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.errors import IntegrityError
from dossier.share import pipeline
from dossier.share.container import ContainerReader, Member
from dossier.share.pipeline import HashPipe, Prefetch


def _helpers_alive(prefix: str) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(prefix) and t.is_alive()]


@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(st.binary(max_size=3000), max_size=40), block=st.sampled_from([1, 7, 4096]))
def test_piped_sha256_equals_hashlib_for_any_split(pieces, block):
    old = pipeline._BLOCK
    pipeline._BLOCK = block  # tiny blocks: many hand-offs and the direct path both run
    try:
        with HashPipe() as pipe:
            h = pipe.sha256()
            for p in pieces:
                h.update(memoryview(p))
            assert h.hexdigest() == hashlib.sha256(b"".join(pieces)).hexdigest()
    finally:
        pipeline._BLOCK = old


def test_piped_sha256_copies_what_it_is_fed():
    """The caller may reuse its buffer at once: the hash must have taken a copy."""
    with HashPipe() as pipe:
        h = pipe.sha256()
        buf = bytearray(b"a" * (3 << 20))
        h.update(buf)
        buf[:] = b"b" * len(buf)
        assert h.hexdigest() == hashlib.sha256(b"a" * (3 << 20)).hexdigest()
    assert not _helpers_alive("share-hash")


def test_member_reader_reports_verified_digest_only_after_its_last_byte():
    data = b"x" * 5000
    good = Member("m", len(data), hashlib.sha256(data).hexdigest())
    with HashPipe() as pipe:
        reader = next(ContainerReader(io.BytesIO(data), pipe).members([good]))
        assert reader.read(4999) == data[:4999]
        assert reader.verified_sha256 is None
        assert reader.read(10) == data[4999:]
        assert reader.verified_sha256 == good.sha256
        bad = Member("m", len(data), hashlib.sha256(b"other").hexdigest())
        reader = next(ContainerReader(io.BytesIO(data), pipe).members([bad]))
        with pytest.raises(IntegrityError, match="does not match"):
            reader.read(-1)
        assert reader.verified_sha256 is None


def test_prefetch_yields_everything_in_order():
    chunks = [bytes([i]) * (i + 1) for i in range(50)]
    with Prefetch(iter(chunks), ahead=3) as p:
        assert list(p) == chunks
    assert not _helpers_alive("share-read")


def test_prefetch_raises_the_source_error_after_the_chunks_before_it():
    def source():
        yield b"one"
        yield b"two"
        raise IntegrityError("the store changed")

    got = []
    with Prefetch(source()) as p, pytest.raises(IntegrityError, match="store changed"):
        for c in p:
            got.append(c)
    assert got == [b"one", b"two"]


def test_prefetch_closed_early_stops_the_helper_and_runs_the_source_cleanup():
    cleaned = threading.Event()

    def endless():
        try:
            while True:
                yield b"z" * 1024
        finally:
            cleaned.set()

    p = Prefetch(endless(), ahead=2)
    it = iter(p)
    assert next(it) == b"z" * 1024
    time.sleep(0.05)  # the helper is now blocked on a full queue
    p.close()
    assert cleaned.is_set()
    assert not _helpers_alive("share-read")
