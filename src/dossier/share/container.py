"""The inner archive of a share file: what sits inside the age encryption.

Layout (all integers big-endian; docs/share-format.md is the reference):

    MAGIC                 8 bytes  b"DSHARE\\x00\\x01" (container version 1)
    manifest length       4 bytes  (at most MAX_MANIFEST_BYTES)
    manifest              UTF-8 JSON, see `manifest.py`
    signature length      2 bytes  (always 64)
    signature             Ed25519 over SIGNING_CONTEXT + manifest
    member 1 .. member n  the raw bytes of each member, in the order and with the
                          sizes the manifest lists; nothing between them
    end of stream         nothing may follow the last member

Why not tar or zip: a share file is hostile input (SECURITY.md items 7 and 9). Here a
member has no header of its own — its name, size and SHA-256 come only from the signed
manifest — so there is nothing to lie about: no links, no modes, no paths, no
compression ratio, no second copy of a size. The parser reads exactly the declared
number of bytes of each member, hashes them as they pass, and refuses a short read,
a hash or size mismatch and any byte after the last member.

Both directions stream: the writer is a readable stream that pulls attachment bytes
from the store only as the encryptor asks for them, and the parser hands each member
out as a bounded reader, so hundreds of megabytes never sit in memory.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from dossier.core.errors import IntegrityError

from .pipeline import HashPipe

MAGIC = b"DSHARE\x00\x01"
SIGNING_CONTEXT = b"dossier-share-manifest-v1\x00"
SIGNATURE_LENGTH = 64
MAX_MANIFEST_BYTES = 64 * 1024 * 1024

_U32 = struct.Struct(">I")
_U16 = struct.Struct(">H")


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class MemberOut(Protocol):
    """Where a ContainerSink sends one member's bytes as they pass (an import's staged
    blob): `write` for each piece, `finish(sha256)` once the member matched its hash.
    On any failure neither is called again; the owner throws away what was written."""

    def write(self, data: memoryview, /) -> None: ...

    def finish(self, sha256: str, /) -> None: ...


@dataclass(frozen=True)
class Member:
    """One member as the manifest declares it."""

    name: str
    size: int
    sha256: str


# --- writing ---------------------------------------------------------------------------


def head_bytes(manifest: bytes, signature: bytes) -> bytes:
    """MAGIC, the manifest and its signature, framed."""
    if len(manifest) > MAX_MANIFEST_BYTES:
        raise IntegrityError(f"the manifest is over {MAX_MANIFEST_BYTES // 2**20} MiB")
    if len(signature) != SIGNATURE_LENGTH:
        raise IntegrityError("a share signature is 64 bytes")
    return MAGIC + _U32.pack(len(manifest)) + manifest + _U16.pack(len(signature)) + signature


def signed_message(manifest: bytes) -> bytes:
    """What the author signs: a fixed context, then the manifest bytes exactly."""
    return SIGNING_CONTEXT + manifest


class ChunkStream:
    """A readable stream over an iterator of byte chunks (pull: chunks are made on demand).

    `read(n)` returns at most n bytes and b"" only at the end, which is what the
    encryptor needs; a chunk is never copied whole, only sliced.
    """

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks: Iterator[bytes] = iter(chunks)
        self._current = memoryview(b"")
        self._done = False

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            return b"".join([bytes(self._current), *self._chunks])
        while not self._current and not self._done:
            nxt = next(self._chunks, None)
            if nxt is None:
                self._done = True
                break
            self._current = memoryview(nxt)
        out = self._current[:size]
        self._current = self._current[len(out) :]
        return bytes(out)


def container_chunks(
    head: bytes, members: list[Member], bodies: Iterable[Iterable[bytes]]
) -> Iterator[bytes]:
    """The container as chunks: `head`, then each member's body checked against its
    declared size and hash as it streams (a store that changed under us is an error,
    never a share whose manifest lies).

    A body whose SHA-256 is already authenticated (`authenticated_sha256`, an attachment
    blob whose key wrap binds its hash, see store/attachments.open_body) equal to the
    member's is not hashed again: the blob's AEAD refuses, before its end, any byte that
    is not the one sealed under that hash. Its size is still counted."""
    yield head
    bodies_iter = iter(bodies)
    for member in members:
        body = next(bodies_iter, None)
        if body is None:
            raise IntegrityError(f"no data for share member {member.name}")
        known = getattr(body, "authenticated_sha256", None)
        h = None if known == member.sha256 else hashlib.sha256()
        size = 0
        for block in body:
            size += len(block)
            if size > member.size:
                break
            if h is not None:
                h.update(block)
            yield block
        digest = known if h is None else h.hexdigest()
        if size != member.size or digest != member.sha256:
            raise IntegrityError(
                f"{member.name} changed while it was being shared (size or SHA-256 differ)",
                remedy="run `dossier verify`, then share again",
            )


# --- reading ---------------------------------------------------------------------------


def check_magic(magic: bytes) -> None:
    """The container's format and version, or a clear refusal."""
    if magic != MAGIC:
        if magic[:6] == MAGIC[:6]:
            raise IntegrityError(
                f"this share file was made by a newer Dossier (container version {magic[7]})",
                remedy="update Dossier to open it",
            )
        raise IntegrityError("this is not a Dossier share file (no share header inside)")


class ContainerReader:
    """Parses a container from a plaintext stream, strictly and in order.

    Use: `head()` → (manifest bytes, signature); the caller verifies and parses the
    manifest, then calls `members(list)` and reads or skips each member in turn, then
    `finish()`, which refuses trailing bytes.
    """

    def __init__(self, stream: Readable, pipe: HashPipe | None = None) -> None:
        self._stream = stream
        self._position = 0
        self._pipe = pipe

    def _sha256(self):
        """A member's hash: on the pipe's helper thread when there is one."""
        return self._pipe.sha256() if self._pipe is not None else hashlib.sha256()

    def _exact(self, n: int, what: str) -> bytes:
        data = self._stream.read(n)
        if len(data) != n:
            # A short read can only come from a container that is cut short inside an
            # intact age stream (age reports its own truncation as IntegrityError).
            raise IntegrityError(f"the share file is truncated (in the {what})")
        self._position += n
        return data

    def head(self) -> tuple[bytes, bytes]:
        check_magic(self._exact(len(MAGIC), "header"))
        (mlen,) = _U32.unpack(self._exact(4, "header"))
        if mlen > MAX_MANIFEST_BYTES or mlen == 0:
            raise IntegrityError(f"the share manifest declares an impossible size ({mlen:,} bytes)")
        manifest = self._exact(mlen, "manifest")
        (slen,) = _U16.unpack(self._exact(2, "signature"))
        if slen != SIGNATURE_LENGTH:
            raise IntegrityError(
                "the share file has no valid signature (missing or malformed)"
                if slen == 0
                else f"the share signature has a wrong length ({slen} bytes)"
            )
        return manifest, self._exact(slen, "signature")

    def members(self, members: list[Member]) -> Iterator[MemberReader]:
        """Each member in turn; the previous one is drained (and checked) first."""
        for member in members:
            reader = MemberReader(self, member)
            yield reader
            reader.drain()

    def finish(self) -> None:
        """Refuse anything after the last member; the stream must end here."""
        extra = self._stream.read(1)
        if extra:
            raise IntegrityError("the share file has data after its last member")

    @property
    def position(self) -> int:
        return self._position


class MemberReader:
    """A bounded reader over one member: hands out at most `size` bytes, and checks the
    size and SHA-256 when the member has been read to its end."""

    def __init__(self, parent: ContainerReader, member: Member) -> None:
        self._parent = parent
        self.member = member
        self._left = member.size
        self._hash = parent._sha256()
        self._checked = False
        self._verified = False

    def read(self, size: int = -1) -> bytes:
        if self._left == 0:
            self._check()
            return b""
        n = self._left if size is None or size < 0 else min(size, self._left)
        data = self._parent._exact(n, f"member {self.member.name}")
        self._left -= n
        self._hash.update(data)
        if self._left == 0:
            self._check()
        return data

    def read_all(self) -> bytes:
        """The whole member (callers cap the size through the manifest limits first)."""
        return self.read(-1) if self._left else (self._check() or b"")

    def drain(self, block: int = 1 << 20) -> None:
        while self.read(block):
            pass
        self._check()

    def _check(self) -> None:
        if self._checked:
            return
        self._checked = True
        if self._hash.hexdigest() != self.member.sha256:
            raise IntegrityError(
                f"share member {self.member.name} does not match the SHA-256 in the signed manifest"
            )
        self._verified = True

    @property
    def verified_sha256(self) -> str | None:
        """The member's SHA-256 once every byte was read and matched it; else None.

        A consumer that stores the bytes (attachments.add_stream) records this instead
        of hashing the same bytes a second time.
        """
        return self.member.sha256 if self._verified else None


class ContainerSink:
    """The same strict parse as ContainerReader, fed by a decryptor that pushes bytes.

    Used for the first pass of an import (and `inspect`): no thread between the
    decryptor and the parser, so verification runs at the decryptor's own speed.
    `on_head(manifest, signature)` runs as soon as the head is complete and returns the
    members (after verifying whatever it must); the members named in `keep` are kept
    in memory (their sizes are capped by the manifest's limits), every other member is
    only hashed — on `pipe`'s helper thread when one is given, so hashing overlaps the
    decryption — and, when `out(member)` gives a MemberOut, also written there as they
    pass (an import stages attachment bodies this way, in the same pass). Call `finish()`
    after the decryptor returned successfully.
    """

    def __init__(
        self,
        on_head: Callable[[bytes, bytes], list[Member]],
        keep: set[str],
        pipe: HashPipe | None = None,
        out: Callable[[Member], MemberOut | None] | None = None,
    ) -> None:
        self._on_head = on_head
        self._keep = keep
        self._pipe = pipe
        self._out_for = out
        self._out: MemberOut | None = None
        self._head = bytearray()
        self._members: list[Member] | None = None
        self._index = -1
        self._left = 0
        self._hash = hashlib.sha256()
        self._kept: bytearray | None = None
        self.kept: dict[str, bytes] = {}

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        if self._members is None:
            self._head += view
            rest = self._parse_head()
            if rest is None:
                return len(data)
            view = memoryview(rest)
        while view:
            if self._index >= len(self._members):
                raise IntegrityError("the share file has data after its last member")
            take = min(self._left, len(view))
            part = view[:take]
            self._hash.update(part)
            if self._kept is not None:
                self._kept += part
            elif self._out is not None:
                self._out.write(part)
            self._left -= take
            view = view[take:]
            if self._left == 0:
                self._next_member()
        return len(data)

    def _parse_head(self) -> bytes | None:
        """Once the head is complete: hand it over and return the bytes after it."""
        buf = self._head
        if len(buf) >= len(MAGIC):
            check_magic(bytes(buf[: len(MAGIC)]))
        if len(buf) < 12:
            return None
        (mlen,) = _U32.unpack(buf[8:12])
        if mlen > MAX_MANIFEST_BYTES or mlen == 0:
            raise IntegrityError(f"the share manifest declares an impossible size ({mlen:,} bytes)")
        if len(buf) < 14 + mlen:
            return None
        (slen,) = _U16.unpack(buf[12 + mlen : 14 + mlen])
        if slen != SIGNATURE_LENGTH:
            raise IntegrityError(
                "the share file has no valid signature (missing or malformed)"
                if slen == 0
                else f"the share signature has a wrong length ({slen} bytes)"
            )
        end = 14 + mlen + slen
        if len(buf) < end:
            return None
        manifest, signature, rest = (
            bytes(buf[12 : 12 + mlen]),
            bytes(buf[14 + mlen : end]),
            bytes(buf[end:]),
        )
        self._head = bytearray()
        self._members = list(self._on_head(manifest, signature))
        self._next_member()
        return rest

    def _next_member(self) -> None:
        """Close the current member (checking its hash) and open the next non-empty one."""
        while True:
            if self._index >= 0:
                m = self._members[self._index]
                if self._hash.hexdigest() != m.sha256:
                    raise IntegrityError(
                        f"share member {m.name} does not match the SHA-256 in the signed manifest"
                    )
                if self._kept is not None:
                    self.kept[m.name] = bytes(self._kept)
                if self._out is not None:
                    out, self._out = self._out, None
                    out.finish(m.sha256)
            self._index += 1
            self._hash = self._pipe.sha256() if self._pipe is not None else hashlib.sha256()
            self._kept = None
            if self._index >= len(self._members):
                return
            m = self._members[self._index]
            self._left = m.size
            self._kept = bytearray() if m.name in self._keep else None
            if self._kept is None and self._out_for is not None:
                self._out = self._out_for(m)
            if m.size:
                return

    def finish(self) -> None:
        if self._members is None:
            raise IntegrityError("the share file is truncated (in the header)")
        if self._index < len(self._members):
            name = self._members[self._index].name
            raise IntegrityError(f"the share file is truncated (in member {name})")
