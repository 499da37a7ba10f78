"""Reading a share file's plaintext as a stream, without writing it anywhere.

pyrage decrypts by pushing plaintext into a writer. The first pass of an import parses
it as it is pushed (container.ContainerSink, no thread). The second pass must hand each
attachment to the store as a readable stream, so there the age stream is decrypted on
a helper thread into a small bounded queue (at most ~16 MiB), and
`PlaintextStream.read` pulls from it. Nothing is written to disk, so no plaintext temp
file can be left behind (SECURITY.md item 5: the seized laptop must hold none).

What a caller must know: age authenticates each 64 KiB chunk before releasing it, but
truncation is only found at the end. `read` therefore returns b"" (end of stream) only
after the decryptor has finished successfully; any failure — a flipped byte, a cut-off
file, not for us — is raised from `read` as the typed error envelope.py mapped it to.
Until the stream has ended cleanly nothing read from it may be committed: the import
service reads inside one transaction and rolls back on any error.

A passphrase share is different only because pyrage's passphrase API is bytes-in,
bytes-out (see envelope.py): it is decrypted once, in memory, capped, and read from
there.
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
import threading
from collections.abc import Iterator
from pathlib import Path

from dossier.core.errors import DossierError, IntegrityError, UnlockError
from dossier.crypto import envelope

_BLOCK = 4 << 20  # the helper hands over plaintext in blocks of 4 MiB (fewer thread handoffs)
_QUEUE_BLOCKS = 3

_AGE_MAGIC = b"age-encryption.org/v1\n"
_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"


class _Cancelled(OSError):
    """Raised into the decryptor's writer when the reader gives up early."""


class _QueueWriter:
    def __init__(self, q: queue.Queue, stop: threading.Event) -> None:
        self._q = q
        self._stop = stop
        self._buf = bytearray()

    def write(self, data: bytes) -> int:
        self._buf += data
        if len(self._buf) >= _BLOCK:
            self.flush_block()
        return len(data)

    def flush_block(self) -> None:
        if self._buf:
            self._put(bytes(self._buf))
            self._buf.clear()

    def _put(self, item) -> None:
        while True:
            if self._stop.is_set():
                raise _Cancelled("the reader stopped")
            try:
                self._q.put(item, timeout=0.1)
                return
            except queue.Full:
                continue


class PlaintextStream:
    """A readable stream of a share file's plaintext (see the module docstring)."""

    def __init__(self, path: Path, identities: list[str] | None, plaintext: bytes | None) -> None:
        self._buffer = memoryview(b"")
        self._ended = False
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._q: queue.Queue = queue.Queue(maxsize=_QUEUE_BLOCKS)
        if plaintext is not None:
            self._memory: io.BytesIO | None = io.BytesIO(plaintext)
            return
        self._memory = None
        self._thread = threading.Thread(
            target=self._decrypt, args=(path, identities), name="share-decrypt", daemon=True
        )
        self._thread.start()

    def _decrypt(self, path: Path, identities: list[str]) -> None:
        writer = _QueueWriter(self._q, self._stop)
        try:
            with open(path, "rb", buffering=READ_BUFFER) as fh:
                envelope.decrypt_from(fh, writer, identities, None)
            writer.flush_block()
            writer._put(None)  # the clean end
        except _Cancelled:
            return
        except BaseException as exc:  # handed to the reader, raised there
            with contextlib.suppress(_Cancelled):
                writer._put(
                    exc
                    if isinstance(exc, DossierError | OSError)
                    else IntegrityError(f"could not decrypt the share file ({type(exc).__name__})")
                )

    def read(self, size: int = -1) -> bytes:
        if self._memory is not None:
            return self._memory.read(size)
        if size is None or size < 0:
            return b"".join(iter(lambda: self.read(_BLOCK), b""))
        parts: list[bytes] = []
        want = size
        while want > 0:
            if not self._buffer:
                if self._ended:
                    break
                item = self._q.get()
                if item is None:
                    self._ended = True
                    break
                if isinstance(item, BaseException):
                    self._ended = True
                    raise item
                self._buffer = memoryview(item)
            piece = self._buffer[:want]
            self._buffer = self._buffer[len(piece) :]
            parts.append(bytes(piece))
            want -= len(piece)
        return b"".join(parts)

    def close(self) -> None:
        """Stop the decryptor (if still running) and wait for it."""
        self._stop.set()
        if self._thread is not None:
            while self._thread.is_alive():
                with contextlib.suppress(queue.Empty):
                    while True:
                        self._q.get_nowait()
                self._thread.join(timeout=0.05)
        self._buffer = memoryview(b"")
        self._memory = None


class BatchWriter:
    """Gathers the decryptor's small writes (pyrage hands plaintext over 8 KiB at a
    time) into blocks of `size` before passing them on: one Python round trip through
    the container parser, the hashes and an import's staged blob per MiB, not per 8 KiB.
    Call `flush()` once the decryptor has returned successfully."""

    def __init__(self, sink, size: int = 1 << 20) -> None:
        self._sink = sink
        self._size = size
        self._buf = bytearray()

    def write(self, data: bytes) -> int:
        self._buf += data
        if len(self._buf) >= self._size:
            block, self._buf = self._buf, bytearray()
            self._sink.write(block)
        return len(data)

    def flush(self) -> None:
        if self._buf:
            block, self._buf = self._buf, bytearray()
            self._sink.write(block)


READ_BUFFER = 1 << 20  # the share file is read through a 1 MiB buffer (age asks 8 KiB at a time)


def needs_passphrase(path: Path) -> bool:
    """True when the age file is for a passphrase (one scrypt stanza), judged from its
    header only; IntegrityError when it is not an age file at all."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith(_ARMOR):
        import base64
        import binascii

        body = b"".join(head.splitlines()[1:4])
        try:
            head = base64.b64decode(body[: len(body) // 4 * 4], validate=False)
        except binascii.Error:
            raise IntegrityError("this share file is damaged (bad armor)") from None
    if not head.startswith(_AGE_MAGIC):
        raise IntegrityError("this is not a share file (not an age-encrypted file)")
    return b"\n-> scrypt " in head[: head.find(b"\n---") + 1 or len(head)]


def decrypt_passphrase_file(path: Path, passphrase: str) -> bytes:
    """The whole plaintext of a passphrase share (capped by envelope), in memory."""
    out = io.BytesIO()
    with open(path, "rb") as fh:
        envelope.decrypt_from(fh, out, None, passphrase)
    return out.getvalue()


@contextlib.contextmanager
def open_plaintext(
    path: Path, *, identities: list[str] | None = None, plaintext: bytes | None = None
) -> Iterator[PlaintextStream]:
    """A PlaintextStream that is always stopped and joined when the block ends."""
    if plaintext is None and not identities:
        raise UnlockError("no key to open the share file with")
    stream = PlaintextStream(path, identities, plaintext)
    try:
        yield stream
    finally:
        stream.close()


def file_size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError as exc:
        raise DossierError(f"cannot read {path}: {exc.strerror or exc}") from None
