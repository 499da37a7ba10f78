"""The rollback guard: this computer remembers the last commit it saw of each store.

Why (SECURITY.md item 5): the key header mirrors the store's commit counter, so a store
file put back without its header (or a header without its store) is caught on open. But
an older copy of BOTH files, restored together, agree with each other: the header alone
cannot tell "the store as it was last month" from "the store". So each computer keeps,
outside the store, a tiny record per store -- the highest commit counter (and that
commit's hash) it has seen -- and `check` refuses a store that is behind it, or one that
shows a different history at the same commit (a copy that diverged).

What the record holds: the store id (random hex), a counter, a commit hash (random hex)
and a MAC under a key derived from the store's data key (`dossier.crypto.mac`), so it
holds no case content and cannot be forged without the key. Where: the folder
`DOSSIER_STATE_DIR` (tests point it at a temp folder) or else
`platformdirs.user_state_dir("Dossier")`, file `rollback/<store id>.json` -- or, when the
caller says `where` the store lives, `rollback/<store id>-<hash of that path>.json`.

Why `where`: a backup is a copy with the same store id, and it is older than the store as
soon as the store moves on; keyed by id alone, merely checking a backup (`dossier verify
--store backup.db`) would be called a rollback. Keyed by id and place, an old copy put
back where the store lives is caught, and a backup kept elsewhere is its own record. The
path is hashed, so a folder name never lands in the state folder.

The seal (version 2): on a clean close the record also keeps the seal digest of that
commit (`record_seal`, store/seal.py), and the first change of the next session clears it
first (`clear_seal`). The key header carries the same seal, but an old header can be put
back with old pages; this record cannot be rolled back with them. So on open, a database
that claims the record's sealed commit must hash to the record's seal, and a database
"one commit ahead" of its header is taken for a crash repair only when this record has
not already seen that commit (store/seal.py has the rules).

Limits, said plainly: someone who can write to this folder can delete the record, and the
guard is then silent until the next commit (a deleted record is a first visit). For the
same reason a record that fails its MAC (damaged, or made before the store was rekeyed on
another computer) counts as no record rather than as tampering: refusing the store would
add nothing an attacker could not undo by deleting the file, and would lock a researcher
out after a legitimate rekey. The MAC still means nobody without the key can plant a
record that makes a good store look rolled back. A store first opened on this computer
has nothing to compare with. Restoring one's OWN backup on purpose looks exactly like a
rollback: the front end must offer to `accept` it.

Use by `Store` (each with `where=self.path`): `check` then `record` after the counter
check in `open_with_key` (or `accept`, when the researcher said the restore was theirs:
`services.maintenance.accept_restore`), and `record` after each header write in `write`,
after a rekey (with the new key) and after an interrupted rekey is finished. `check`
raises `RollbackError`, an IntegrityError the front ends recognise to offer `accept`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from dossier.core.errors import DossierError, RollbackError, ValidationError
from dossier.core.fileio import atomic_write_bytes
from dossier.crypto import mac

STATE_ENV = "DOSSIER_STATE_DIR"
FORMAT = "dossier-rollback"
VERSION = 2  # 2 added `seal`; version 1 records (no seal) are still read
MAX_RECORD_BYTES = 4096
MAX_COUNTER = 2**63 - 1
_PURPOSE = "rollback guard v1"
_STORE_ID = re.compile(r"[0-9a-f]{32}")
_FIELDS = {"format", "version", "store_id", "counter", "commit_hash", "mac"}
_FIELDS_V2 = _FIELDS | {"seal"}
ACCEPT_REMEDY = (
    "if you restored this backup yourself, accept it: dossier verify STORE --accept-restore, "
    "or in the window answer Yes when asked; otherwise do not trust this copy"
)


@dataclass(frozen=True)
class Seen:
    """The last commit this computer saw of one store."""

    store_id: str
    counter: int
    commit_hash: str
    #: The seal digest (store/seal.py) of this very commit, written on its clean close;
    #: b"" when the store was not closed cleanly since (or the record predates seals).
    seal: bytes = b""


def state_dir() -> Path:
    """Where the records live: `$DOSSIER_STATE_DIR`, else the platform's user state folder."""
    override = os.environ.get(STATE_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_state_dir("Dossier", appauthor=False))


Where = str | os.PathLike | None


def record_path(store_id: str, where: Where = None) -> Path:
    """The record file of one store (at one place, when `where` is given)."""
    _check_store_id(store_id)
    name = store_id
    if where is not None:
        place = os.path.realpath(os.fspath(where)).encode("utf-8", "surrogateescape")
        name += "-" + hashlib.sha256(place).hexdigest()[:16]
    return state_dir() / "rollback" / f"{name}.json"


def check(
    store_id: str,
    counter: int,
    data_key: bytes,
    commit_hash: str | None = None,
    *,
    where: Where = None,
) -> None:
    """RollbackError (an IntegrityError) if this computer has seen a later commit of the store (or, when
    `commit_hash` is given, another commit at the same counter). No record: nothing to say.
    """
    _check_values(store_id, counter, commit_hash or "")
    try:
        seen = _read(record_path(store_id, where), data_key)
    except DossierError:
        return  # an unreadable state folder must not lock the researcher out (see above)
    if seen is None:
        return
    if counter < seen.counter:
        raise RollbackError(
            f"this is an older copy of the store: it is at commit {counter}, but this computer "
            f"has already seen commit {seen.counter} of it (an old copy of the store and its "
            "key header was put back)",
            remedy=ACCEPT_REMEDY,
        )
    if (
        counter == seen.counter
        and commit_hash
        and seen.commit_hash
        and commit_hash != seen.commit_hash
    ):
        raise RollbackError(
            f"this copy of the store has a different history at commit {counter} than the one "
            "this computer saw (a copy that was changed separately was put back)",
            remedy=ACCEPT_REMEDY,
        )


def record(
    store_id: str, counter: int, data_key: bytes, commit_hash: str = "", *, where: Where = None
) -> bool:
    """Remember `counter` as seen, never lowering a valid record. Returns False, without
    raising, when the record cannot be written (a read-only or full state folder): the
    guard must never stop a researcher from saving their work."""
    _check_values(store_id, counter, commit_hash)
    path = record_path(store_id, where)
    try:
        seen = _read(path, data_key)
    except DossierError:
        seen = None  # unreadable: try to replace it
    if seen is not None and seen.counter > counter:
        return True
    if seen is not None and (seen.counter, seen.commit_hash) == (counter, commit_hash):
        return True  # nothing new; keeps the seal of this commit, if any
    return _write(path, Seen(store_id, counter, commit_hash), data_key, durable=False)


def record_seal(
    store_id: str,
    counter: int,
    data_key: bytes,
    commit_hash: str,
    digest: bytes,
    *,
    where: Where = None,
) -> bool:
    """Remember the seal written on a clean close of commit `counter` (durably: it is what
    catches pages put back under an old key header, see store/seal.py). Never lowers the
    record. False, without raising, when it cannot be written (the guard never stops a close)."""
    _check_values(store_id, counter, commit_hash)
    if len(digest) != 32:
        raise ValidationError("a seal is 32 bytes", where="rollback guard")
    path = record_path(store_id, where)
    try:
        seen = _read(path, data_key)
    except DossierError:
        seen = None
    if seen is not None and seen.counter > counter:
        return True
    if seen is not None and (seen.counter, seen.commit_hash, seen.seal) == (
        counter,
        commit_hash,
        digest,
    ):
        return True
    return _write(path, Seen(store_id, counter, commit_hash, digest), data_key)


def clear_seal(store_id: str, data_key: bytes, *, where: Where = None) -> bool:
    """Before the first change of a session (and before an upgrade): the database is about
    to move on from what was sealed, so the record must stop vouching for those bytes.
    Durable, and done BEFORE the change: a record that still held the seal after the
    change would be a false alarm at the next open. True when there is no sealed record
    left (none, unreadable, or cleared); False when it could not be cleared -- then the
    record is deleted as a last resort."""
    path = record_path(store_id, where)
    try:
        seen = _read(path, data_key)
    except DossierError:
        return False
    if seen is None or not seen.seal:
        return True
    if _write(path, Seen(seen.store_id, seen.counter, seen.commit_hash), data_key):
        return True
    with contextlib.suppress(OSError):
        path.unlink()
        return True
    return False


def accept(
    store_id: str, counter: int, data_key: bytes, commit_hash: str = "", *, where: Where = None
) -> None:
    """Trust this copy from now on, even if it is older (the researcher restored a backup
    on purpose). Raises DossierError when the record cannot be written."""
    _check_values(store_id, counter, commit_hash)
    path = record_path(store_id, where)
    if not _write(path, Seen(store_id, counter, commit_hash), data_key):
        raise DossierError(f"could not write the rollback record {path}")


def forget(store_id: str, *, where: Where = None) -> None:
    """Drop the record of a store (it was deleted, or the researcher asked to)."""
    with contextlib.suppress(FileNotFoundError):
        record_path(store_id, where).unlink()


def seen(store_id: str, data_key: bytes, *, where: Where = None) -> Seen | None:
    """The record of a store, verified under `data_key`, or None."""
    return _read(record_path(store_id, where), data_key)


def seen_quietly(store_id: str, data_key: bytes, *, where: Where = None) -> Seen | None:
    """`seen`, with an unreadable state folder counted as no record (see the docstring)."""
    try:
        return seen(store_id, data_key, where=where)
    except DossierError:
        return None


# --- internals -----------------------------------------------------------------------


def _read(path: Path, data_key: bytes) -> Seen | None:
    """The verified record at `path`; None when there is none, or it fails its MAC or
    its format (see the module docstring for why that is not an error)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_RECORD_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DossierError(
            f"could not read the rollback record {path}: {exc.strerror or exc}"
        ) from exc
    try:
        if len(raw) > MAX_RECORD_BYTES:
            return None
        obj = json.loads(raw.decode("ascii"))
        if not isinstance(obj, dict) or obj.get("format") != FORMAT:
            return None
        if set(obj) != {1: _FIELDS, 2: _FIELDS_V2}.get(obj.get("version")):  # type: ignore[call-overload]
            return None
        seal = bytes.fromhex(obj["seal"]) if obj["version"] == 2 else b""
        if len(seal) not in (0, 32) or (seal and obj["seal"] != seal.hex()):
            return None
        got = Seen(obj["store_id"], obj["counter"], obj["commit_hash"], seal)
        _check_values(got.store_id, got.counter, got.commit_hash)
        tag = bytes.fromhex(obj["mac"])
    except (UnicodeDecodeError, ValueError, TypeError, ValidationError, RecursionError):
        return None
    message = _message(got, version=obj["version"])
    if path.stem.split("-")[0] != got.store_id or not mac.verify(data_key, _PURPOSE, message, tag):
        return None
    return got


def _write(path: Path, seen: Seen, data_key: bytes, *, durable: bool = True) -> bool:
    """Write the record atomically. `durable=False` (the per-commit `record`) skips the
    fsyncs: they would double the cost of a commit, and a record lost or emptied by a
    power cut only makes the guard forget (an unreadable record counts as none), never
    raise a false alarm -- a record is only ever behind the store, never ahead of it."""
    body = _body(seen)
    body["mac"] = mac.tag(data_key, _PURPOSE, _message(seen)).hex()
    data = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("ascii") + b"\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if durable:
            atomic_write_bytes(path, data, mode=0o600)
        else:
            _quick_overwrite(path, data)
    except (OSError, DossierError):
        return False
    return True


def _quick_overwrite(path: Path, data: bytes) -> None:
    """Overwrite the record in place: no temp file, no rename (a rename over an existing
    file costs milliseconds on ext4, which flushes on it). A write torn by a crash leaves a
    record that fails its MAC, which counts as none -- see the module docstring."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o600)
    try:
        os.write(fd, data)
        os.ftruncate(fd, len(data))
    finally:
        os.close(fd)


def _body(seen: Seen, version: int = VERSION) -> dict:
    body = {
        "format": FORMAT,
        "version": version,
        "store_id": seen.store_id,
        "counter": seen.counter,
        "commit_hash": seen.commit_hash,
    }
    if version >= 2:
        body["seal"] = seen.seal.hex()
    return body


def _message(seen: Seen, version: int = VERSION) -> bytes:
    return json.dumps(_body(seen, version), sort_keys=True, separators=(",", ":")).encode("ascii")


def _check_store_id(store_id: object) -> None:
    if not isinstance(store_id, str) or not _STORE_ID.fullmatch(store_id):
        raise ValidationError("a store id is 32 lowercase hex digits", where="rollback guard")


def _check_values(store_id: object, counter: object, commit_hash: object) -> None:
    _check_store_id(store_id)
    if type(counter) is not int or not 0 <= counter <= MAX_COUNTER:
        raise ValidationError(f"commit counter out of range: {counter!r}", where="rollback guard")
    if not (
        isinstance(commit_hash, str)
        and len(commit_hash) <= 256
        and all("!" <= c <= "~" for c in commit_hash)
    ):
        raise ValidationError(
            "a commit hash is 0-256 printable ASCII characters", where="rollback guard"
        )
