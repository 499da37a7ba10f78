"""Helper threads that let a share's stages overlap: hashing, and reading the store.

Both export and import are chains of CPU-bound stages — SQLCipher page decryption or
encryption, SHA-256, age — and each stage's C code releases the GIL while it works
on a large buffer. Run in one thread, the stages add up; here two of them move to
helper threads, so on a machine with two cores or more they overlap.

## Hashing
Every byte of a share is hashed against the signed manifest (SECURITY.md item 7),
and SHA-256 in Python's hashlib runs at roughly 600 MiB/s here — for a 1 GiB share that
is over a second per pass, as long as age's own decryption. hashlib releases the GIL
while it hashes a large buffer, so one helper thread hashes on a second core while the
caller's thread decrypts, encrypts or writes into the store.

What stays the same: each hash sees exactly the bytes, in order, that the caller fed
it (one worker thread runs the updates in submission order), and `hexdigest()` waits
for every pending update — so a check made with it is the same check, only done on
another core. Small pieces are gathered into blocks first (age hands plaintext over
in 8 KiB writes); at most `_PENDING` blocks wait for the worker, so memory stays flat.

## Reading ahead
`Prefetch` runs an iterator of byte chunks (an export's container: attachment chunks
read from SQLCipher, each hashed against the manifest) on a helper thread, a few
chunks ahead of the consumer (age encrypting and writing the share file). Errors raised
by the iterator are raised to the consumer, in order; a consumer that stops early (a
failed write) stops the helper; `close()` always joins it, so the store session it
reads from is never used after the caller's `with` block ends.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import queue
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

_BLOCK = 1 << 20  # bytes gathered before one hash update is handed to the worker
_PENDING = 4  # blocks queued at most per hash (memory: _PENDING x _BLOCK)


class HashPipe:
    """One helper thread for the hashes of one pass; use as a context manager."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="share-hash")

    def sha256(self) -> PipedSha256:
        return PipedSha256(self._pool)

    def close(self) -> None:
        """Wait for pending updates (their results are no longer wanted) and stop."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> HashPipe:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class PipedSha256:
    """A SHA-256 fed on the caller's thread and computed on the pipe's worker."""

    def __init__(self, pool: ThreadPoolExecutor) -> None:
        self._pool = pool
        self._hash = hashlib.sha256()
        self._buffer = bytearray()
        self._pending: collections.deque[Future] = collections.deque()

    def update(self, data: bytes | bytearray | memoryview) -> None:
        if len(data) >= _BLOCK and not self._buffer:
            self._submit(bytes(data))  # bytes() of a bytes object is the object itself
            return
        self._buffer += data
        if len(self._buffer) >= _BLOCK:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            block = bytes(self._buffer)
            self._buffer.clear()
            self._submit(block)

    def _submit(self, block: bytes) -> None:
        while len(self._pending) >= _PENDING:
            self._pending.popleft().result()
        self._pending.append(self._pool.submit(self._hash.update, block))

    def hexdigest(self) -> str:
        """The digest of everything fed so far (waits for the worker)."""
        self._flush()
        while self._pending:
            self._pending.popleft().result()
        return self._hash.hexdigest()


_AHEAD = 4  # chunks read ahead at most (memory: _AHEAD x the store's 1 MiB chunks)
_END = object()


class _Stopped(Exception):
    """The consumer went away; the helper stops reading."""


class Prefetch:
    """Iterate `chunks` on a helper thread, at most `_AHEAD` chunks ahead."""

    def __init__(self, chunks: Iterable[bytes], ahead: int = _AHEAD) -> None:
        self._source = chunks
        self._q: queue.Queue = queue.Queue(maxsize=ahead)
        self._stop = threading.Event()
        self._done = False
        self._thread = threading.Thread(target=self._run, name="share-read", daemon=True)
        self._thread.start()

    def _put(self, item: object) -> None:
        while True:
            if self._stop.is_set():
                raise _Stopped
            try:
                self._q.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def _run(self) -> None:
        try:
            for chunk in self._source:
                self._put(chunk)
            self._put(_END)
        except _Stopped:
            return
        except BaseException as exc:  # raised in the consumer, where it belongs
            with contextlib.suppress(_Stopped):
                self._put(exc)
        finally:
            close = getattr(self._source, "close", None)
            if close is not None:  # a generator: run its finally blocks on this thread
                with contextlib.suppress(Exception):
                    close()

    def __iter__(self) -> Iterator[bytes]:
        while not self._done:
            item = self._q.get()
            if item is _END:
                self._done = True
                return
            if isinstance(item, BaseException):
                self._done = True
                raise item
            yield item

    def close(self) -> None:
        """Stop the helper (if it is still reading) and wait for it."""
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):
                while True:
                    self._q.get_nowait()
            self._thread.join(timeout=0.05)

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
