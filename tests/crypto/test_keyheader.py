"""The key header: round trips, wrong passphrase, tampering, counter, atomic files."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from dataclasses import replace
from pathlib import Path

import pytest

from dossier.core.errors import (
    DossierError,
    IntegrityError,
    NotFoundError,
    UnlockError,
    ValidationError,
)
from dossier.crypto import kdf, keyheader
from dossier.crypto.kdf import MIN_PARAMS, KdfParams
from dossier.crypto.keyheader import (
    KeyHeader,
    create_header,
    decode,
    encode,
    read_header,
    rekey_header,
    rewrap,
    unlock,
    verify_counter,
    with_counter,
    write_header,
)

PASS = "correct horse battery staple"


@pytest.fixture
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Swap Argon2id for SHA-256 inside keyheader, for loops that would derive thousands
    of times. Bounds are still checked by the real `check_params`; only the slow hash is
    replaced, and only in this test module's process."""

    def fast(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
        kdf.check_params(params)
        return hashlib.sha256(kdf.normalise_passphrase(passphrase) + salt).digest()

    monkeypatch.setattr(keyheader.kdf, "derive", fast)


def test_round_trip(made_header: tuple[KeyHeader, bytes]) -> None:
    header, key = made_header
    raw = encode(header)
    assert raw.endswith(b"\n") and raw.count(b"\n") == 1 and len(raw) < 1024
    again = decode(raw)
    assert again == header
    assert unlock(again, PASS) == key
    verify_counter(again, key)
    assert len(key) == 32 and header.commit_counter == 0 and header.commit_hash == ""


def test_encoding_is_the_documented_json(made_header: tuple[KeyHeader, bytes]) -> None:
    header, _ = made_header
    obj = json.loads(encode(header))
    assert obj["format"] == "dossier-key" and obj["version"] == 1
    assert obj["kdf"] == {"algorithm": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 4}
    assert len(obj["store_id"]) == 32
    body = {k: v for k, v in obj.items() if k != "check"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    assert obj["check"] == hashlib.sha256(canonical).hexdigest()


def test_headers_differ_per_store() -> None:
    (a, key_a), (b, key_b) = create_header("same"), create_header("same")
    assert key_a != key_b and a.store_id != b.store_id and a.salt != b.salt


def test_wrong_passphrase(made_header: tuple[KeyHeader, bytes]) -> None:
    with pytest.raises(UnlockError, match="wrong passphrase for this store"):
        unlock(made_header[0], PASS + " ")


def test_empty_passphrase_is_refused_at_creation() -> None:
    with pytest.raises(ValidationError, match="empty"):
        create_header("")


def test_every_flipped_byte_is_refused(made_header: tuple[KeyHeader, bytes]) -> None:
    raw = encode(made_header[0])
    refused = 0
    for position in range(len(raw)):
        for mask in (0x01, 0x80):
            damaged = bytearray(raw)
            damaged[position] ^= mask
            try:
                decode(bytes(damaged))
            except IntegrityError:
                refused += 1
    assert refused == 2 * len(raw)


def test_truncated_and_padded_headers_are_refused(made_header: tuple[KeyHeader, bytes]) -> None:
    raw = encode(made_header[0])
    for cut in range(len(raw)):
        with pytest.raises(IntegrityError):
            decode(raw[:cut])
    for extra in (b" ", b"\n", b"{}", b"\x00" * 5000):
        with pytest.raises(IntegrityError):
            decode(raw + extra)


def test_non_canonical_but_equal_json_is_refused(made_header: tuple[KeyHeader, bytes]) -> None:
    obj = json.loads(encode(made_header[0]))
    pretty = (json.dumps(obj, indent=1) + "\n").encode()
    with pytest.raises(IntegrityError, match="canonical"):
        decode(pretty)


def _forge(header: KeyHeader, **changes: object) -> bytes:
    """What an attacker can do: change a field and recompute the (unkeyed) checksum."""
    return encode(replace(header, **changes))


def _flip(data: bytes, index: int) -> bytes:
    out = bytearray(data)
    out[index] ^= 0x01
    return bytes(out)


def test_forged_fields_with_a_recomputed_checksum_are_caught(cheap_kdf: None) -> None:
    header, key = create_header(PASS, MIN_PARAMS)
    assert unlock(decode(encode(header)), PASS) == key  # the cheap KDF round-trips
    wrap_fields = {
        "salt": [_flip(header.salt, i) for i in range(len(header.salt))],
        "nonce": [_flip(header.nonce, i) for i in range(len(header.nonce))],
        "wrapped_key": [_flip(header.wrapped_key, i) for i in range(len(header.wrapped_key))],
        "store_id": ["0" * 32, header.store_id[::-1]],
        "kdf": [KdfParams(65536, 4, 4), KdfParams(131072, 3, 4), KdfParams(65536, 3, 8)],
    }
    checked = 0
    for field, values in wrap_fields.items():
        for value in values:
            forged = decode(_forge(header, **{field: value}))
            with pytest.raises(UnlockError):
                unlock(forged, PASS)
            checked += 1
    counter_fields = {
        "commit_counter": [1, 2**62],
        "commit_hash": ["a" * 64],
        "counter_mac": [_flip(header.counter_mac, i) for i in range(32)],
        "store_id": ["f" * 32],
    }
    for field, values in counter_fields.items():
        for value in values:
            forged = decode(_forge(header, **{field: value}))
            with pytest.raises(IntegrityError, match="commit counter"):
                verify_counter(forged, key)
            checked += 1
    assert checked > 130


@pytest.mark.parametrize(
    "field, value",
    [
        ("memory_kib", 2**40),
        ("iterations", 10**12),
        ("lanes", 2**30),
        ("memory_kib", 1024),
        ("iterations", 1),
    ],
)
def test_absurd_kdf_parameters_in_a_file_are_refused_fast(
    made_header: tuple[KeyHeader, bytes], field: str, value: int
) -> None:
    obj = json.loads(encode(made_header[0]))
    obj["kdf"][field] = value
    body = {k: v for k, v in obj.items() if k != "check"}
    body["check"] = hashlib.sha256(
        json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
    raw = json.dumps(body, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    start = time.perf_counter()
    with pytest.raises(IntegrityError, match="KDF parameters out of bounds"):
        decode(raw)
    assert time.perf_counter() - start < 0.05
    # And through unlock on a hand-built header: no derivation is attempted.
    params = replace(made_header[0].kdf, **{field: value})
    start = time.perf_counter()
    with pytest.raises(IntegrityError):
        unlock(replace(made_header[0], kdf=params), PASS)
    assert time.perf_counter() - start < 0.05


def test_garbage_is_refused_as_damage() -> None:
    for raw in (b"", b"null", b"[]", b"{}", b"\xff\xfe", b"{" * 3000, b"[" * 4000, os.urandom(300)):
        with pytest.raises(IntegrityError):
            decode(raw)


def test_rewrap_keeps_the_data_key_and_counter(made_header: tuple[KeyHeader, bytes]) -> None:
    header, key = made_header
    counted = with_counter(header, key, 7, "abc123")
    moved = rewrap(counted, key, "新的密码 new passphrase")
    assert moved.store_id == header.store_id
    assert moved.salt != header.salt and moved.nonce != header.nonce
    assert unlock(decode(encode(moved)), "新的密码 new passphrase") == key
    with pytest.raises(UnlockError):
        unlock(moved, PASS)
    verify_counter(moved, key)
    assert (moved.commit_counter, moved.commit_hash) == (7, "abc123")


def test_rewrap_refuses_a_key_that_is_not_this_stores(
    made_header: tuple[KeyHeader, bytes],
) -> None:
    with pytest.raises(IntegrityError):
        rewrap(made_header[0], os.urandom(32), "new one")


def test_rekey_makes_a_new_data_key(made_header: tuple[KeyHeader, bytes]) -> None:
    header, key = made_header
    counted = with_counter(header, key, 41, "f00d")
    fresh, new_key = rekey_header(counted, key, PASS)
    assert new_key != key and len(new_key) == 32
    assert unlock(decode(encode(fresh)), PASS) == new_key
    verify_counter(fresh, new_key)
    assert (fresh.commit_counter, fresh.commit_hash, fresh.store_id) == (
        41,
        "f00d",
        header.store_id,
    )
    with pytest.raises(IntegrityError):
        verify_counter(fresh, key)


def test_counter_can_be_bumped_without_the_passphrase(
    made_header: tuple[KeyHeader, bytes],
) -> None:
    header, key = made_header
    current = header
    for n in range(1, 50):
        current = with_counter(current, key, n, hashlib.sha256(str(n).encode()).hexdigest())
        verify_counter(decode(encode(current)), key)
    assert current.wrapped_key == header.wrapped_key  # the wrap is untouched


def test_a_rolled_back_counter_is_detected(made_header: tuple[KeyHeader, bytes]) -> None:
    header, key = made_header
    newer = with_counter(header, key, 10, "aa")
    rolled = replace(newer, commit_counter=9)
    with pytest.raises(IntegrityError, match="commit counter does not verify"):
        verify_counter(decode(encode(rolled)), key)
    with pytest.raises(IntegrityError):
        verify_counter(replace(newer, commit_hash="ab"), key)
    with pytest.raises(IntegrityError):
        verify_counter(newer, os.urandom(32))


def test_counter_mac_is_bound_to_the_store(made_header: tuple[KeyHeader, bytes]) -> None:
    header, key = made_header
    other, _ = create_header("another", MIN_PARAMS)
    transplanted = replace(other, counter_mac=with_counter(header, key, 5, "x").counter_mac)
    with pytest.raises(IntegrityError):
        verify_counter(replace(transplanted, commit_counter=5, commit_hash="x"), key)


@pytest.mark.parametrize(
    "counter, commit_hash",
    [(-1, ""), (2**63, ""), (1.5, ""), (True, ""), (1, "has space"), (1, "x" * 257), (1, "é")],
)
def test_unencodable_counters_are_refused(
    made_header: tuple[KeyHeader, bytes], counter: object, commit_hash: str
) -> None:
    header, key = made_header
    with pytest.raises(ValidationError):
        with_counter(header, key, counter, commit_hash)  # type: ignore[arg-type]


def test_data_key_must_be_32_bytes(made_header: tuple[KeyHeader, bytes]) -> None:
    with pytest.raises(ValidationError):
        with_counter(made_header[0], b"short", 1, "")


def test_repr_shows_no_key_material(made_header: tuple[KeyHeader, bytes]) -> None:
    header, _ = made_header
    shown = repr(header)
    assert header.salt.hex() not in shown and "wrapped" not in shown and "mac" not in shown


def test_write_and_read_file(tmp_path: Path, made_header: tuple[KeyHeader, bytes]) -> None:
    header, key = made_header
    path = tmp_path / "cases.dossier.key"
    write_header(path, header)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_header(path) == header
    bumped = with_counter(header, key, 3, "cafe")
    write_header(path, bumped)
    assert read_header(path) == bumped
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp files left


def test_read_reports_the_path(tmp_path: Path, made_header: tuple[KeyHeader, bytes]) -> None:
    path = tmp_path / "s.key"
    with pytest.raises(NotFoundError, match="missing"):
        read_header(path)
    path.write_bytes(b"not a header")
    with pytest.raises(IntegrityError, match=str(path)):
        read_header(path)
    path.write_bytes(encode(made_header[0]) + b"x" * 5000)  # only 4 KiB is read
    with pytest.raises(IntegrityError, match="too large"):
        read_header(path)


def test_failed_write_leaves_the_old_header(
    tmp_path: Path, made_header: tuple[KeyHeader, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    header, key = made_header
    path = tmp_path / "s.key"
    write_header(path, header)

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(DossierError, match="No space left"):
        write_header(path, with_counter(header, key, 1, "x"))
    assert read_header(path) == header
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
