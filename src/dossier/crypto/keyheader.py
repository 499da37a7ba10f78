"""The key header: the small file beside a store (`<store>.key`) that holds its data key.

Why it exists (SECURITY.md items 2, 4, 5): the store is opened in SQLCipher raw-key mode
with a random 256-bit *data key*. The passphrase never touches the database; it goes
through Argon2id to a key-encryption key (KEK) that wraps the data key. Changing the
passphrase rewrites only this file; "my key leaked" makes a new data key (`rekey_header`)
and the store runs `PRAGMA rekey`. The header also mirrors the store's commit counter and
last commit hash under a MAC keyed from the data key, so the store can bump it at every
commit without the passphrase, and an older store restored beside a newer header (or the
reverse) shows up as a mismatch.

Encoding (version 1) -- one line of canonical JSON, ASCII, keys sorted, no spaces, ending
with a newline::

    {"check":"<64 hex>","commit_counter":0,"commit_hash":"","counter_mac":"<b64>",
     "format":"dossier-key","kdf":{"algorithm":"argon2id","iterations":3,"lanes":4,
     "memory_kib":65536},"nonce":"<b64>","salt":"<b64>","store_id":"<32 hex>",
     "version":1,"wrapped_key":"<b64>"}

* `store_id`: 16 random bytes, lowercase hex. Binds the wrap and the counter to this store.
* `kdf`, `salt` (32 bytes): Argon2id parameters, checked against the caps in `kdf` before
  any work. `decode` refuses parameters above the caps AND below the floor: we never write
  weaker ones, so such a header is not ours.
* `nonce` (12 bytes), `wrapped_key` (48 bytes): ChaCha20-Poly1305 under the KEK, of the
  32-byte data key, with associated data `b"dossier-key v1 wrap\\0"` + canonical JSON of
  {format, version, store_id, kdf, salt}. Any change to those fields, or a wrong
  passphrase, fails the tag.
* `commit_counter` (0 .. 2**63-1), `commit_hash` (0-256 printable ASCII chars, no spaces),
  `counter_mac` (32 bytes): HMAC-SHA256 under HKDF-SHA256(data key, info
  `dossier-key v1 commit counter`) of `b"dossier-key v1 counter\\0"` + canonical JSON of
  {store_id, commit_counter, commit_hash}.
* `seal` (optional, 32 bytes, base64; absent when empty): the keyed digest of the whole
  main database file, written when the store was closed cleanly (`dossier.store.seal`).
  When present it is part of the counter MAC's message, so it can be neither forged nor
  stripped without the data key. Headers written before the field existed have no `seal`
  key and their MAC message is unchanged, so they still open; every counter update
  (`with_counter`) clears the seal, because the database has moved on.
* `check`: SHA-256 (hex) of the canonical JSON of every other field. It is NOT a security
  measure (anyone can recompute it); it lets accidental damage be reported as "damaged"
  rather than as "wrong passphrase", which would send a researcher hunting for a
  passphrase they never forgot.

`decode` accepts only the exact canonical bytes `encode` would produce: any extra space,
duplicate key, non-canonical base64 or unknown field is refused as IntegrityError. The
file is at most 4 KiB and read no further.

A tampered `salt`/`nonce`/`wrapped_key`/`kdf`/`store_id` whose checksum was recomputed is
indistinguishable from a wrong passphrase (an AEAD cannot tell the two apart): `unlock`
says "wrong passphrase". The data key is returned as `bytes`; Python cannot wipe it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, replace
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from dossier.core.errors import (
    DossierError,
    IntegrityError,
    NotFoundError,
    UnlockError,
    ValidationError,
)
from dossier.core.fileio import atomic_write_bytes

from . import kdf
from .kdf import KdfParams

FORMAT = "dossier-key"
VERSION = 1
MAX_HEADER_BYTES = 4096
DATA_KEY_LENGTH = 32
SALT_LENGTH = 32
NONCE_LENGTH = 12
WRAPPED_LENGTH = DATA_KEY_LENGTH + 16
MAC_LENGTH = 32
SEAL_LENGTH = 32
MAX_COUNTER = 2**63 - 1
MAX_COMMIT_HASH = 256

_DAMAGED = "the key header is damaged or was tampered with"
_WRAP_AD = b"dossier-key v1 wrap\0"
_COUNTER_PREFIX = b"dossier-key v1 counter\0"
_COUNTER_INFO = b"dossier-key v1 commit counter"
_FIELDS = frozenset(
    "check commit_counter commit_hash counter_mac format kdf nonce salt store_id version "
    "wrapped_key".split()
)
_OPTIONAL_FIELDS = frozenset({"seal"})
_KDF_FIELDS = {"algorithm", "iterations", "lanes", "memory_kib"}


@dataclass(frozen=True)
class KeyHeader:
    """One decoded key header. Build with `create_header`; change with the functions below."""

    version: int
    store_id: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes
    commit_counter: int
    commit_hash: str
    counter_mac: bytes
    seal: bytes = b""

    def __repr__(self) -> str:  # no key material in logs or tracebacks
        return (
            f"KeyHeader(version={self.version}, store_id={self.store_id!r}, kdf={self.kdf}, "
            f"commit_counter={self.commit_counter}, commit_hash={self.commit_hash!r}, "
            f"sealed={bool(self.seal)})"
        )


# --- creating and changing ---------------------------------------------------------


def create_header(passphrase: str, params: KdfParams | None = None) -> tuple[KeyHeader, bytes]:
    """A new header for a new store, and its fresh random data key.

    `params` None calibrates Argon2id to about a second on this machine.
    """
    _require_passphrase(passphrase)
    data_key = secrets.token_bytes(DATA_KEY_LENGTH)
    store_id = secrets.token_hex(16)
    header = _wrap(VERSION, store_id, data_key, passphrase, params)
    header = with_counter(header, data_key, 0, "")
    return header, data_key


def rewrap(
    header: KeyHeader, data_key: bytes, new_passphrase: str, params: KdfParams | None = None
) -> KeyHeader:
    """The same data key under a new passphrase (new salt and nonce); counter kept.

    The counter MAC is checked first, which proves `data_key` belongs to this header: a
    slip that wrapped the wrong key would lock the researcher out for good.
    """
    _require_passphrase(new_passphrase)
    verify_counter(header, data_key)
    fresh = _wrap(header.version, header.store_id, data_key, new_passphrase, params)
    return replace(
        fresh,
        commit_counter=header.commit_counter,
        commit_hash=header.commit_hash,
        counter_mac=header.counter_mac,
        seal=header.seal,  # the database is untouched: its seal still holds
    )


def rekey_header(
    header: KeyHeader, old_key: bytes, passphrase: str, params: KdfParams | None = None
) -> tuple[KeyHeader, bytes]:
    """For "my key leaked": a NEW random data key wrapped under `passphrase`.

    Returns (header, new_key). The store runs `PRAGMA rekey` with `new_key` and writes this
    header only after the rekey succeeded. Counter and hash carry over, re-MACed under the
    new key; `old_key` must match the current header (checked through its counter MAC).
    """
    _require_passphrase(passphrase)
    verify_counter(header, old_key)
    new_key = secrets.token_bytes(DATA_KEY_LENGTH)
    fresh = _wrap(header.version, header.store_id, new_key, passphrase, params)
    return with_counter(fresh, new_key, header.commit_counter, header.commit_hash), new_key


def with_counter(
    header: KeyHeader, data_key: bytes, counter: int, commit_hash: str, *, seal: bytes = b""
) -> KeyHeader:
    """The header with a new commit counter and hash (and `seal`, by default none),
    MACed under the data key.

    Needs no passphrase, so the store can call it at every commit. Monotonicity is the
    store's rule to keep; this only refuses values that cannot be encoded. The seal is
    cleared unless given: a header written after a commit describes a database whose
    bytes changed, so an old seal would be a false alarm waiting to happen.
    """
    _require_data_key(data_key)
    if type(counter) is not int or not 0 <= counter <= MAX_COUNTER:
        raise ValidationError(f"commit counter out of range: {counter!r}", where="key header")
    if not _valid_commit_hash(commit_hash):
        raise ValidationError(
            "commit hash must be 0-256 printable ASCII characters", where="key header"
        )
    if not isinstance(seal, bytes) or len(seal) not in (0, SEAL_LENGTH):
        raise ValidationError("a seal is 0 or 32 bytes", where="key header")
    mac = _counter_mac(data_key, header.store_id, counter, commit_hash, seal)
    return replace(
        header, commit_counter=counter, commit_hash=commit_hash, counter_mac=mac, seal=seal
    )


def with_seal(header: KeyHeader, data_key: bytes, seal: bytes) -> KeyHeader:
    """The header with `seal` (b"" clears it), counter and hash kept, re-MACed."""
    return with_counter(header, data_key, header.commit_counter, header.commit_hash, seal=seal)


def verify_counter(header: KeyHeader, data_key: bytes) -> None:
    """IntegrityError unless the counter MAC matches (counter, hash or key was changed)."""
    _require_data_key(data_key)
    expected = _counter_mac(
        data_key, header.store_id, header.commit_counter, header.commit_hash, header.seal
    )
    if not hmac.compare_digest(expected, header.counter_mac):
        raise IntegrityError(f"{_DAMAGED} (commit counter does not verify)")


def unlock(header: KeyHeader, passphrase: str) -> bytes:
    """The data key, or UnlockError on a wrong passphrase. Absurd parameters: no work done."""
    _validate(header, IntegrityError)
    kek = kdf.derive(passphrase, header.salt, header.kdf)
    try:
        data_key = ChaCha20Poly1305(kek).decrypt(header.nonce, header.wrapped_key, _wrap_ad(header))
    except InvalidTag:
        raise UnlockError("wrong passphrase for this store") from None
    if len(data_key) != DATA_KEY_LENGTH:
        raise IntegrityError(f"{_DAMAGED} (data key length)")
    return data_key


# --- encoding ----------------------------------------------------------------------


def encode(header: KeyHeader) -> bytes:
    """Canonical bytes of `header` (see the module docstring)."""
    _validate(header, ValidationError)
    body = _body(header)
    body["check"] = hashlib.sha256(_canonical(body)).hexdigest()
    return _canonical(body) + b"\n"


def decode(raw: bytes) -> KeyHeader:
    """Parse and check a header; IntegrityError on anything but canonical, in-bounds bytes."""
    if len(raw) > MAX_HEADER_BYTES:
        raise IntegrityError(f"{_DAMAGED} (too large)")
    try:
        obj = json.loads(raw.decode("ascii"))
        header = _from_obj(obj)
    except (UnicodeDecodeError, ValueError, TypeError, KeyError, RecursionError):
        raise IntegrityError(f"{_DAMAGED} (malformed)") from None
    _validate(header, IntegrityError)
    if not hmac.compare_digest(encode(header), raw):
        raise IntegrityError(f"{_DAMAGED} (bad checksum or not in canonical form)")
    return header


def read_header(path: str | os.PathLike) -> KeyHeader:
    """Read and decode `path`; NotFoundError if missing, IntegrityError naming the file."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_HEADER_BYTES + 1)
    except FileNotFoundError:
        raise NotFoundError(
            f"the key header {os.fspath(path)} is missing", remedy="it must sit beside the store"
        ) from None
    except OSError as exc:
        raise DossierError(
            f"could not read the key header {os.fspath(path)}: {exc.strerror or exc}"
        ) from exc
    try:
        return decode(raw)
    except IntegrityError as exc:
        raise IntegrityError(f"{os.fspath(path)}: {exc.message}") from None


def write_header(path: str | os.PathLike, header: KeyHeader) -> None:
    """Write atomically (temp file, fsync, rename), mode 0600."""
    atomic_write_bytes(path, encode(header), mode=0o600)


# --- internals ---------------------------------------------------------------------


def _wrap(
    version: int, store_id: str, data_key: bytes, passphrase: str, params: KdfParams | None
) -> KeyHeader:
    params = kdf.calibrate() if params is None else params
    kdf.check_params(params)
    salt = os.urandom(SALT_LENGTH)
    nonce = os.urandom(NONCE_LENGTH)
    header = KeyHeader(version, store_id, params, salt, nonce, b"", 0, "", b"")
    kek = kdf.derive(passphrase, salt, params)
    wrapped = ChaCha20Poly1305(kek).encrypt(nonce, bytes(data_key), _wrap_ad(header))
    return replace(header, wrapped_key=wrapped)


def _wrap_ad(header: KeyHeader) -> bytes:
    return _WRAP_AD + _canonical(
        {
            "format": FORMAT,
            "version": header.version,
            "store_id": header.store_id,
            "kdf": _kdf_obj(header.kdf),
            "salt": _b64(header.salt),
        }
    )


def _counter_mac(
    data_key: bytes, store_id: str, counter: int, commit_hash: str, seal: bytes = b""
) -> bytes:
    mac_key = HKDF(hashes.SHA256(), 32, salt=None, info=_COUNTER_INFO).derive(bytes(data_key))
    fields: dict[str, Any] = {
        "store_id": store_id,
        "commit_counter": counter,
        "commit_hash": commit_hash,
    }
    if seal:  # absent from the message when empty: headers from before the seal still verify
        fields["seal"] = _b64(seal)
    message = _COUNTER_PREFIX + _canonical(fields)
    return hmac.new(mac_key, message, hashlib.sha256).digest()


def _body(header: KeyHeader) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": header.version,
        "store_id": header.store_id,
        "kdf": _kdf_obj(header.kdf),
        "salt": _b64(header.salt),
        "nonce": _b64(header.nonce),
        "wrapped_key": _b64(header.wrapped_key),
        "commit_counter": header.commit_counter,
        "commit_hash": header.commit_hash,
        "counter_mac": _b64(header.counter_mac),
        **({"seal": _b64(header.seal)} if header.seal else {}),
    }


def _from_obj(obj: Any) -> KeyHeader:
    """Shape and types only; ranges are `_validate`'s job. Errors are caught by decode."""
    if not isinstance(obj, dict) or not _FIELDS <= set(obj) <= _FIELDS | _OPTIONAL_FIELDS:
        raise ValueError("fields")
    if obj["format"] != FORMAT:
        raise ValueError("fields")
    k = obj["kdf"]
    if not isinstance(k, dict) or set(k) != _KDF_FIELDS or k["algorithm"] != "argon2id":
        raise ValueError("kdf")
    ints = (obj["version"], obj["commit_counter"], k["memory_kib"], k["iterations"], k["lanes"])
    strs = (
        obj["store_id"],
        obj["commit_hash"],
        obj["salt"],
        obj["nonce"],
        obj["wrapped_key"],
        obj["counter_mac"],
        obj["check"],
        obj.get("seal", ""),
    )
    if any(type(v) is not int for v in ints) or any(type(v) is not str for v in strs):
        raise ValueError("types")
    params = KdfParams(memory_kib=k["memory_kib"], iterations=k["iterations"], lanes=k["lanes"])
    return KeyHeader(
        version=obj["version"],
        store_id=obj["store_id"],
        kdf=params,
        salt=_unb64(obj["salt"]),
        nonce=_unb64(obj["nonce"]),
        wrapped_key=_unb64(obj["wrapped_key"]),
        commit_counter=obj["commit_counter"],
        commit_hash=obj["commit_hash"],
        counter_mac=_unb64(obj["counter_mac"]),
        seal=_unb64(obj.get("seal", "")),
    )


def _validate(header: KeyHeader, error: type[DossierError]) -> None:
    """Every field in range. Cheap checks first, KDF bounds before anything costly."""
    problems = []
    if header.version != VERSION:
        problems.append("version")
    sid = header.store_id
    if not (isinstance(sid, str) and len(sid) == 32 and all(c in "0123456789abcdef" for c in sid)):
        problems.append("store id")
    lengths = (
        (header.salt, SALT_LENGTH, "salt"),
        (header.nonce, NONCE_LENGTH, "nonce"),
        (header.wrapped_key, WRAPPED_LENGTH, "wrapped key"),
        (header.counter_mac, MAC_LENGTH, "counter MAC"),
    )
    problems += [
        name for value, size, name in lengths if not isinstance(value, bytes) or len(value) != size
    ]
    if not isinstance(header.seal, bytes) or len(header.seal) not in (0, SEAL_LENGTH):
        problems.append("seal")
    if type(header.commit_counter) is not int or not 0 <= header.commit_counter <= MAX_COUNTER:
        problems.append("commit counter")
    if not _valid_commit_hash(header.commit_hash):
        problems.append("commit hash")
    if problems:
        raise error(f"{_DAMAGED} ({', '.join(problems)})")
    try:
        kdf.check_params(header.kdf)
    except IntegrityError as exc:
        raise error(exc.message) from None


def _valid_commit_hash(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) <= MAX_COMMIT_HASH
        and all("!" <= c <= "~" for c in value)
    )


def _kdf_obj(params: KdfParams) -> dict[str, Any]:
    return {
        "algorithm": "argon2id",
        "memory_kib": params.memory_kib,
        "iterations": params.iterations,
        "lanes": params.lanes,
    }


def _canonical(obj: dict[str, Any]) -> bytes:
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    ).encode("ascii")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)  # binascii.Error is a ValueError


def _require_passphrase(passphrase: str) -> None:
    if not isinstance(passphrase, str) or not passphrase:
        raise ValidationError("the passphrase is empty", where="passphrase")


def _require_data_key(data_key: bytes) -> None:
    if not isinstance(data_key, bytes | bytearray) or len(data_key) != DATA_KEY_LENGTH:
        raise ValidationError("a data key is 32 bytes", where="data key")
