"""A case list's facts for another as-of day, derived in two separate processes.

Why: see core/derive_worker.py — on the window's worker thread the derive of 50,000
cases shares the GIL with the UI thread (28.7 s to the full list, 190 ms stalls). Here
two processes (multiprocessing's 'spawn' context, so nothing of this process's memory
is copied in, and the same on Windows and in a PyInstaller bundle, whose launcher
calls `freeze_support`) each hold a share of the cases — their events as plain
tuples and the plan of them (core/timeline_plan.py) — loaded once per store
generation and afterwards only for the cases that changed (`Store.changes_since`),
and count each new day for that share at nice +3.

The data key goes to a process through its pipe, never argv or the environment
(SECURITY.md: argv and environ are readable by other processes of the same user);
a process opens the store with it read-only (`PRAGMA query_only`). The processes are
stopped when the store is locked or closed, and restarted when the key changed
(a rekey). Below `MIN_CASES` cases, or when a process cannot start or fails, the
caller derives on its own thread (`summaries.derive_rows`): the answers are the same.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable
from datetime import date

from dossier.core.derive_worker import (
    EVENT_COLUMNS,
    EVENTS_SQL,
    collector_paused,
    owner,
    serve,
)
from dossier.core.facts import ListFacts
from dossier.store.store import Store

MIN_CASES = 2000  # below this, the thread path is as quick as starting processes
PROCESSES = 2
SLICE = 2500  # cases per request: small enough to stop soon, big enough to amortise
FIRST_SLICE = 400  # the rows on screen go first, in a small slice of their own
NICE = 3
WARM_DELAY_S = 3.0  # after a big list opened: start the processes once it is painted

Check = Callable[[], None]


def _child(conn, path: str, share: tuple[int, int]) -> None:
    """A derive process: the key arrives first through the pipe; then requests. It
    keeps and derives the cases of its `share` (derive_worker.owner)."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(NICE)
    from dossier.core.hardening import harden_process

    harden_process()  # no core dump of a process about to hold the key (SECURITY.md 10)
    from dossier.store.engine import connect

    key = conn.recv_bytes()
    db = connect(path, key)
    del key
    db.execute("PRAGMA query_only = ON")

    def load(ids: list[str] | None):
        if ids is None:
            return _stream(db.execute(EVENTS_SQL))
        out: list[tuple] = []
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            out += db.execute(
                f"SELECT {EVENT_COLUMNS} FROM events WHERE case_id IN "
                f"({','.join('?' * len(part))}) ORDER BY case_id, earliest, seq",
                part,
            ).fetchall()
        return out

    try:
        serve(conn.recv, conn.send, load, share)
    finally:
        db.close()
        conn.close()


def _stream(cursor):
    """Rows a few thousand at a time: the other process's share is never all held."""
    while rows := cursor.fetchmany(5000):
        yield from rows


class _Proc:
    def __init__(self, process, conn) -> None:
        self.process = process
        self.conn = conn
        self.expect: deque[tuple] = deque()  # what each reply still due answers


class ProcessFailed(Exception):
    """A derive process failed or died: the caller falls back to its own thread."""


class DayFacts:
    """The derive processes of one open store (owned by its `Dossier`)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._procs: list[_Proc] = []
        self._generation: int | None = None  # the generation the processes loaded
        self._key_id: bytes | None = None
        self._broken = False
        self._closed = False  # stopped for good (lock, close): a late warm() starts nothing
        self._lock = threading.RLock()
        self._timer: threading.Timer | None = None
        self._owners: dict[str, int] = {}  # case id → the process that keeps it

    # -- life cycle -------------------------------------------------------------------
    def wanted(self, n_cases: int) -> bool:
        return n_cases >= MIN_CASES and not self._broken and self.store.is_open

    def _key_fingerprint(self) -> bytes:
        return hashlib.sha256(b"dossier derive process\0" + self.store.data_key).digest()

    def _start(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        key = self.store.data_key
        procs = []
        try:
            for i in range(PROCESSES):
                parent, child = ctx.Pipe()
                share = (i, PROCESSES)
                p = ctx.Process(
                    target=_child, args=(child, str(self.store.path), share), daemon=True
                )
                p.start()
                child.close()
                parent.send_bytes(key)
                procs.append(_Proc(p, parent))
        except BaseException:
            for pr in procs:
                _kill(pr)
            raise
        finally:
            del key
        self._procs = procs
        self._owners = {}
        self._generation = None
        self._key_id = self._key_fingerprint()

    def close(self) -> None:
        """For good (the store is locked or closed): no process starts after this."""
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
            self.stop()

    def warm_later(self, delay_s: float = WARM_DELAY_S) -> None:
        """warm() in `delay_s`, on a timer thread: a list just opened is appended and
        painted first, without two processes reading every event beside it."""
        with self._lock:
            if self._closed or self._procs or (self._timer and self._timer.is_alive()):
                return
            self._timer = threading.Timer(delay_s, self.warm)
            self._timer.daemon = True
            self._timer.start()

    def stop(self) -> None:
        """End the processes (lock, close, rekey); their memory goes with them."""
        with self._lock:
            procs, self._procs = self._procs, []
            self._generation = None
            self._key_id = None
            for pr in procs:
                with contextlib.suppress(Exception):
                    pr.conn.send(("stop",))
            for pr in procs:
                pr.process.join(1.0)
                _kill(pr)

    def warm(self) -> None:
        """Start the processes and have them load the events, without waiting: called
        when a big list opens, so the first change of day finds them ready."""
        with self._lock:
            if self._closed or not self.store.is_open:
                return
            try:
                self._sync()
            except Exception:  # noqa: BLE001 - the thread path will do
                self._fail()

    def _fail(self) -> None:
        self._broken = True
        self.stop()

    def _sync(self) -> None:
        """Processes running with the current key, asked to load what changed."""
        if self._procs and (
            self._key_id != self._key_fingerprint()
            or any(not pr.process.is_alive() for pr in self._procs)
        ):
            self.stop()
        if not self._procs:
            self._start()
        gen = self.store.generation
        if self._generation == gen:
            return
        changed = None if self._generation is None else self.store.changes_since(self._generation)
        if changed is None or changed.everything:
            msg: tuple = ("load", None)
        else:
            msg = ("load", sorted(changed.cases))
        if msg[1] != []:
            for pr in self._procs:
                pr.conn.send(msg)
                pr.expect.append(("load",))
        self._generation = gen

    # -- deriving ---------------------------------------------------------------------
    def derive(
        self,
        case_ids: list[str],
        as_of: date,
        known_on: date | None = None,
        *,
        known: dict[str, ListFacts] | None = None,
        check: Check | None = None,
        on_slice: Callable[[list[str]], None] | None = None,
    ) -> dict[str, ListFacts]:
        """The list's facts of `case_ids` as of `as_of`, in the order given (the rows on
        screen first), filled into `known` as slices arrive; `on_slice(ids)` after each.
        Raises ProcessFailed when the processes cannot do it (the caller falls back);
        `check()` may raise to stop (replies still due are read and dropped later)."""
        known = {} if known is None else known
        with self._lock:
            if self._closed:
                raise ProcessFailed("closed")
            try:
                self._sync()
            except Exception as exc:
                self._fail()
                raise ProcessFailed(type(exc).__name__) from exc
            shares = self._split(case_ids, known)
            if not any(shares):
                return known
            queues = {pr.conn: deque(_slices(shares[i])) for i, pr in enumerate(self._procs)}
            day = as_of.isoformat()
            on = known_on.isoformat() if known_on else None
            tag = (day, on, self._generation)
            for pr in self._procs:
                self._send_next(pr, queues[pr.conn], day, on, tag)
            by_conn = {pr.conn: pr for pr in self._procs}
            with collector_paused():
                self._collect(by_conn, queues, day, on, tag, known, check, on_slice)
        return known

    def _collect(self, by_conn, queues, day, on, tag, known, check, on_slice) -> None:
        """The replies of one derive, turned into facts as they arrive."""
        from multiprocessing.connection import wait

        while any(e[0] == "derive" and e[1] == tag for pr in self._procs for e in pr.expect):
            if check is not None:
                check()
            for conn in wait(list(by_conn), timeout=0.05):
                pr = by_conn[conn]
                try:
                    status, value = conn.recv()
                except (EOFError, OSError) as exc:
                    self._fail()
                    raise ProcessFailed("a derive process ended") from exc
                expected = pr.expect.popleft()
                if status != "ok":
                    self._fail()
                    raise ProcessFailed(str(value))
                if expected[0] != "derive":
                    continue
                if expected[1] == tag or (expected[1][:2] == tag[:2]):
                    from_row = ListFacts.from_row
                    ids = []
                    for r in value:
                        known[r[0]] = from_row(r[1:])
                        ids.append(r[0])
                    if expected[1] == tag and on_slice is not None:
                        on_slice(ids)
                if expected[1] == tag:
                    self._send_next(pr, queues[pr.conn], day, on, tag)

    def _split(self, case_ids: list[str], known: dict[str, ListFacts]) -> list[list[str]]:
        """The cases not yet `known`, each in its process's share, in the order asked.
        Owners are remembered per case: at 50,000 cases hashing every id again at each
        change of day was ~15 ms of this process's Python, holding the GIL while the
        UI thread repainted the list."""
        n = len(self._procs)
        owners = self._owners
        shares: list[list[str]] = [[] for _ in range(n)]
        for cid in case_ids:
            if cid in known:
                continue
            k = owners.get(cid)
            if k is None:
                k = owners[cid] = owner(cid, n)
            shares[k].append(cid)
        return shares

    def _send_next(self, pr: _Proc, slices: deque, day: str, on: str | None, tag: tuple) -> None:
        if slices:
            ids = slices.popleft()
            pr.conn.send(("derive", day, on, ids))
            pr.expect.append(("derive", tag))


def _slices(ids: list[str]) -> Iterable[list[str]]:
    if not ids:
        return
    yield ids[:FIRST_SLICE]
    for i in range(FIRST_SLICE, len(ids), SLICE):
        yield ids[i : i + SLICE]


def _kill(pr: _Proc) -> None:
    with contextlib.suppress(Exception):
        if pr.process.is_alive():
            pr.process.kill()
            pr.process.join(1.0)
    with contextlib.suppress(Exception):
        pr.conn.close()
