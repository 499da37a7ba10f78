"""The inner archive and the manifest: framing, strict parsing, streaming."""

from __future__ import annotations

import io
import json

import pytest

from dossier.core.errors import IntegrityError
from dossier.crypto import keys
from dossier.share import manifest as mf
from dossier.share.container import (
    MAGIC,
    ChunkStream,
    ContainerReader,
    Member,
    container_chunks,
    head_bytes,
    signed_message,
)
from dossier.share.package import decode_sync, encode_sync
from tests.share.helpers import sha

RECORDS = b'{"records": true}'
SYNC = b'{"sync": true}'


def _members(*extra: tuple[str, bytes]) -> tuple[list[Member], list[bytes]]:
    bodies = [RECORDS, SYNC, *(b for _, b in extra)]
    names = ["records.json", "sync.json", *(n for n, _ in extra)]
    return [Member(n, len(b), sha(b)) for n, b in zip(names, bodies, strict=True)], bodies


def _manifest(members: list[Member], ident: keys.Identity) -> mf.Manifest:
    return mf.new_manifest(
        ident.signing_key,
        [mf.Recipient(ident.recipient, ident.fingerprint)],
        False,
        "internal",
        {k: 0 for k in mf._COUNT_KEYS},
        members,
    )


def test_chunk_stream_reads_exact_sizes_and_ends():
    s = ChunkStream([b"abc", b"", b"defgh", b"i"])
    assert s.read(2) == b"ab"
    assert s.read(4) == b"c"  # at most n, never across a chunk it has not got yet
    assert s.read(100) == b"defgh"
    assert s.read(100) == b"i"
    assert s.read(100) == b""
    assert ChunkStream([b"ab", b"cd"]).read() == b"abcd"


def test_container_round_trip_streams_members():
    ident = keys.Identity.generate()
    big = bytes(range(256)) * 5000
    members, bodies = _members(("attachments/4f0c3a2e-8d1b-4c5e-9f7a-1b2c3d4e5f60", big))
    m = _manifest(members, ident)
    body = m.to_bytes()
    head = head_bytes(body, keys.sign(ident, signed_message(body)))
    data = b"".join(container_chunks(head, members, [[b] for b in bodies]))
    reader = ContainerReader(io.BytesIO(data))
    got_body, sig = reader.head()
    assert got_body == body
    keys.verify(ident.signing_key, sig, signed_message(got_body))
    parsed = mf.parse(got_body)
    assert parsed.members == members and parsed.share_id == m.share_id
    assert parsed.fingerprint == ident.fingerprint
    out = []
    for r in reader.members(parsed.members):
        chunks = []
        while block := r.read(7000):
            chunks.append(block)
        out.append(b"".join(chunks))
    reader.finish()
    assert out == bodies


def test_the_writer_refuses_a_body_that_does_not_match_its_member():
    ident = keys.Identity.generate()
    members, bodies = _members()
    body = _manifest(members, ident).to_bytes()
    head = head_bytes(body, keys.sign(ident, signed_message(body)))
    with pytest.raises(IntegrityError, match="changed while it was being shared"):
        b"".join(container_chunks(head, members, [[RECORDS + b"x"], [SYNC]]))
    with pytest.raises(IntegrityError, match="changed while it was being shared"):
        b"".join(container_chunks(head, members, [[RECORDS[:-1]], [SYNC]]))


def test_unknown_headers_are_refused():
    with pytest.raises(IntegrityError, match="not a Dossier share"):
        ContainerReader(io.BytesIO(b"PK\x03\x04" + b"\0" * 100)).head()
    with pytest.raises(IntegrityError, match="newer Dossier"):
        ContainerReader(io.BytesIO(MAGIC[:7] + b"\x09" + b"\0" * 100)).head()
    with pytest.raises(IntegrityError, match="impossible size"):
        ContainerReader(io.BytesIO(MAGIC + b"\xff\xff\xff\xff")).head()
    with pytest.raises(IntegrityError, match="truncated"):
        ContainerReader(io.BytesIO(MAGIC + b"\0\0\0\x10{}")).head()


def _doc(ident: keys.Identity) -> dict:
    members, _ = _members()
    return json.loads(_manifest(members, ident).to_bytes())


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: d.update(format="zip"), "format"),
        (lambda d: d.update(version=99), "newer Dossier"),
        (lambda d: d.update(share_id="../../x"), "share id"),
        (lambda d: d.update(created="yesterday"), "created"),
        (lambda d: d.update(extra=1), "unknown field"),
        (
            lambda d: d["author"].update(fingerprint="AAAA-AAAA-AAAA-AAAA"),
            "fingerprint does not belong",
        ),
        (lambda d: d["author"].update(signing_key="ed25519:AAAA"), "signing key"),
        (
            lambda d: d.update(recipients=[{"recipient": "age1nope", "fingerprint": None}]),
            "age recipient",
        ),
        (lambda d: d.update(recipients=[], passphrase=False), "no recipients"),
        (lambda d: d.update(audience="everyone"), "audience"),
        (lambda d: d["counts"].update(cases=-1), "counts.cases"),
        (lambda d: d["members"][0].update(size=True), "size"),
        (lambda d: d["members"][0].update(sha256="ABC"), "sha256"),
        (lambda d: d.update(members=list(reversed(d["members"]))), "first members"),
    ],
)
def test_manifest_fields_are_checked(change, words):
    doc = _doc(keys.Identity.generate())
    change(doc)
    with pytest.raises(IntegrityError, match=words):
        mf.parse(json.dumps(doc).encode())


def test_sync_member_round_trip_and_limits():
    uid = "4f0c3a2e-8d1b-4c5e-9f7a-1b2c3d4e5f60"
    data = encode_sync({uid: ["a" * 64, "b" * 64]})
    assert decode_sync(data, {uid}) == {uid: {"a" * 64, "b" * 64}}
    with pytest.raises(IntegrityError, match="does not hold"):
        decode_sync(data, set())
    with pytest.raises(IntegrityError, match="malformed"):
        decode_sync(encode_sync({uid: ["nothex"]}), {uid})
    with pytest.raises(ValueError):
        encode_sync({uid: ["a" * 64] * 65})
