"""age streams: round trips, error mapping, stream failures, and interop with the age CLI."""

from __future__ import annotations

import io
import os
import subprocess
import unicodedata
from pathlib import Path

import pyrage
import pytest

from dossier.core.errors import IntegrityError, UnlockError, UsageError, ValidationError
from dossier.crypto import envelope
from dossier.crypto.envelope import decrypt_from, encrypt_to
from dossier.crypto.keys import Identity, export_age_identity_text

from .conftest import AGE, needs_age

CHUNK = 64 * 1024


@pytest.fixture(scope="module")
def alice() -> Identity:
    return Identity.generate()


@pytest.fixture(scope="module")
def bob() -> Identity:
    return Identity.generate()


@pytest.fixture(scope="module")
def plaintext() -> bytes:
    return os.urandom(3 * CHUNK + 1234)  # several chunks and a short last one


@pytest.fixture(scope="module")
def sealed(alice: Identity, plaintext: bytes) -> bytes:
    out = io.BytesIO()
    size = encrypt_to(out, io.BytesIO(plaintext), [alice.recipient], None)
    assert size == len(out.getvalue())
    return out.getvalue()


def _stream_start(sealed: bytes) -> int:
    """Where the STREAM chunks begin: after the header, its MAC line and the 16-byte nonce."""
    return sealed.index(b"\n---") + 1 + len("--- ") + 43 + 1 + 16


def _open(data: bytes, identities: list[str]) -> bytes:
    out = io.BytesIO()
    decrypt_from(io.BytesIO(data), out, identities, None)
    return out.getvalue()


def test_round_trip(alice: Identity, sealed: bytes, plaintext: bytes) -> None:
    assert sealed.startswith(b"age-encryption.org/v1\n")
    assert _open(sealed, [alice.age_secret]) == plaintext


def test_several_recipients_each_can_open(alice: Identity, bob: Identity) -> None:
    out = io.BytesIO()
    encrypt_to(out, io.BytesIO(b"for both"), [alice.recipient, bob.recipient], None)
    assert _open(out.getvalue(), [alice.age_secret]) == b"for both"
    assert _open(out.getvalue(), [bob.age_secret]) == b"for both"


def test_empty_plaintext(alice: Identity) -> None:
    out = io.BytesIO()
    encrypt_to(out, io.BytesIO(b""), [alice.recipient], None)
    assert _open(out.getvalue(), [alice.age_secret]) == b""


def test_not_for_us(bob: Identity, sealed: bytes) -> None:
    with pytest.raises(UnlockError, match="not encrypted to you"):
        _open(sealed, [bob.age_secret])


def test_every_header_byte_flipped_is_refused(alice: Identity, sealed: bytes) -> None:
    for position in range(_stream_start(sealed)):
        damaged = bytearray(sealed)
        damaged[position] ^= 0x01
        out = io.BytesIO()
        with pytest.raises((IntegrityError, UnlockError)):
            decrypt_from(io.BytesIO(bytes(damaged)), out, [alice.age_secret], None)
        assert out.getvalue() == b""  # nothing released before the header verified


def test_payload_bytes_flipped_are_refused(alice: Identity, sealed: bytes) -> None:
    for position in range(_stream_start(sealed), len(sealed), 997):
        damaged = bytearray(sealed)
        damaged[position] ^= 0x80
        with pytest.raises(IntegrityError, match="damaged, truncated or tampered with"):
            _open(bytes(damaged), [alice.age_secret])


def test_truncation_at_chunk_boundaries_is_refused(alice: Identity, sealed: bytes) -> None:
    start = _stream_start(sealed)
    cuts = {0, 1, 10, start - 20, start, len(sealed) - 1}
    for k in range(1, 4):  # each full chunk is 64 KiB of data plus a 16-byte tag
        boundary = start + k * (CHUNK + 16)
        cuts |= {boundary - 1, boundary, boundary + 1}
    for cut in sorted(c for c in cuts if 0 <= c < len(sealed)):
        with pytest.raises(IntegrityError):
            _open(sealed[:cut], [alice.age_secret])
    with pytest.raises(IntegrityError):
        _open(sealed + b"\x00", [alice.age_secret])


@pytest.mark.parametrize("junk", [b"", b"hello", b"PK\x03\x04" + bytes(100), os.urandom(500)])
def test_not_an_age_file(alice: Identity, junk: bytes) -> None:
    with pytest.raises(IntegrityError):
        _open(junk, [alice.age_secret])


def test_exactly_one_of_keys_or_passphrase(alice: Identity) -> None:
    with pytest.raises(UsageError):
        encrypt_to(io.BytesIO(), io.BytesIO(b"x"), [alice.recipient], "pw")
    with pytest.raises(UsageError):
        decrypt_from(io.BytesIO(b"x"), io.BytesIO(), None, None)
    with pytest.raises(ValidationError):
        encrypt_to(io.BytesIO(), io.BytesIO(b"x"), [], None)
    with pytest.raises(ValidationError, match="recipient"):
        encrypt_to(io.BytesIO(), io.BytesIO(b"x"), ["age1nope"], None)
    with pytest.raises(ValidationError, match="identity"):
        decrypt_from(io.BytesIO(b"x"), io.BytesIO(), ["AGE-SECRET-KEY-1NOPE"], None)


class _FailingWriter:
    """A disk that fills up after `room` bytes."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.data = bytearray()

    def write(self, data: bytes) -> int:
        if len(self.data) + len(data) > self.room:
            raise OSError(28, "No space left on device")
        self.data += data
        return len(data)


@pytest.mark.parametrize("room", [0, 100, CHUNK * 2, CHUNK * 3 + 1000])
def test_a_full_disk_while_encrypting_is_never_silent(
    alice: Identity, plaintext: bytes, room: int
) -> None:
    # The last case fails only on the final buffered write, which pyrage would swallow.
    with pytest.raises(OSError, match="No space left"):
        encrypt_to(_FailingWriter(room), io.BytesIO(plaintext), [alice.recipient], None)


def test_a_full_disk_while_decrypting_is_an_os_error(alice: Identity, sealed: bytes) -> None:
    with pytest.raises(OSError, match="No space left"):
        decrypt_from(io.BytesIO(sealed), _FailingWriter(CHUNK), [alice.age_secret], None)


def test_a_read_error_is_not_reported_as_tampering(alice: Identity, sealed: bytes) -> None:
    class Flaky(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            if self.tell() > CHUNK:
                raise OSError(5, "Input/output error")
            return super().read(size)

    with pytest.raises(OSError, match="Input/output error"):
        decrypt_from(Flaky(sealed), io.BytesIO(), [alice.age_secret], None)
    with pytest.raises(OSError, match="Input/output error"):
        encrypt_to(io.BytesIO(), Flaky(sealed), [alice.recipient], None)


def test_real_files_stream(tmp_path: Path, alice: Identity, plaintext: bytes) -> None:
    src, enc, dec = tmp_path / "p", tmp_path / "p.age", tmp_path / "p.out"
    src.write_bytes(plaintext)
    with src.open("rb") as i, enc.open("wb") as o:
        encrypt_to(o, i, [alice.recipient], None)
    with enc.open("rb") as i, dec.open("wb") as o:
        assert decrypt_from(i, o, [alice.age_secret], None) == len(plaintext)
    assert dec.read_bytes() == plaintext


# --- passphrase shares: age's scrypt costs ~2 s per operation, so few of them -------------


@pytest.fixture(scope="module")
def pw_sealed() -> bytes:
    out = io.BytesIO()
    encrypt_to(out, io.BytesIO("给同事 for a colleague".encode()), None, "share passphrase")
    return out.getvalue()


def test_passphrase_round_trip_and_wrong_passphrase(pw_sealed: bytes) -> None:
    assert b"-> scrypt " in pw_sealed
    out = io.BytesIO()
    decrypt_from(io.BytesIO(pw_sealed), out, None, "share passphrase")
    assert out.getvalue() == "给同事 for a colleague".encode()
    with pytest.raises(UnlockError, match="wrong passphrase"):
        decrypt_from(io.BytesIO(pw_sealed), io.BytesIO(), None, "share passphrasf")


def test_passphrase_file_with_identities_and_the_reverse(
    alice: Identity, pw_sealed: bytes, sealed: bytes
) -> None:
    with pytest.raises(UnlockError, match="not encrypted to you"):
        _open(pw_sealed, [alice.age_secret])
    with pytest.raises(UnlockError, match="named recipients"):
        decrypt_from(io.BytesIO(sealed), io.BytesIO(), None, "share passphrase")


def test_passphrase_header_mac_flip_is_integrity(pw_sealed: bytes) -> None:
    damaged = bytearray(pw_sealed)
    damaged[pw_sealed.index(b"\n---") + 6] ^= 0x01
    with pytest.raises(IntegrityError):
        decrypt_from(io.BytesIO(bytes(damaged)), io.BytesIO(), None, "share passphrase")


def test_passphrase_unicode_forms_match() -> None:
    nfd, nfc = unicodedata.normalize("NFD", "café 自由"), unicodedata.normalize("NFC", "café 自由")
    out = io.BytesIO()
    encrypt_to(out, io.BytesIO(b"x"), None, nfd)
    back = io.BytesIO()
    decrypt_from(io.BytesIO(out.getvalue()), back, None, nfc)
    assert back.getvalue() == b"x"


def test_passphrase_as_typed_is_tried_for_age_tool_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file the age tool made from an NFD passphrase: NFC fails, the raw form opens it.
    (pyrage is faked here: each real attempt costs ~2 s of scrypt.)"""
    nfd = unicodedata.normalize("NFD", "café")
    tried: list[str] = []

    def fake_decrypt(_ciphertext: bytes, passphrase: str) -> bytes:
        tried.append(passphrase)
        if passphrase != nfd:
            raise pyrage.DecryptError("Decryption failed")
        return b"opened"

    monkeypatch.setattr(pyrage.passphrase, "decrypt", fake_decrypt)
    out = io.BytesIO()
    decrypt_from(io.BytesIO(b"age"), out, None, nfd)
    assert out.getvalue() == b"opened"
    assert tried == [unicodedata.normalize("NFC", nfd), nfd]
    tried.clear()
    with pytest.raises(UnlockError, match="wrong passphrase"):
        decrypt_from(io.BytesIO(b"age"), io.BytesIO(), None, "plain ascii")
    assert tried == ["plain ascii"]


def test_passphrase_shares_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(envelope, "PASSPHRASE_MAX_BYTES", 1000)
    with pytest.raises(ValidationError, match="too large"):
        encrypt_to(io.BytesIO(), io.BytesIO(bytes(1001)), None, "pw")
    with pytest.raises(ValidationError, match="too large"):
        decrypt_from(io.BytesIO(bytes(5000)), io.BytesIO(), None, "pw")


# --- interop with the real age tool ------------------------------------------------------


@needs_age
def test_age_cli_opens_our_files(
    tmp_path: Path, alice: Identity, sealed: bytes, plaintext: bytes
) -> None:
    identity_file = tmp_path / "me.txt"
    identity_file.write_text(export_age_identity_text(alice))
    (tmp_path / "share.age").write_bytes(sealed)
    result = subprocess.run(
        [AGE, "-d", "-i", str(identity_file), str(tmp_path / "share.age")],
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert result.stdout == plaintext


@needs_age
def test_we_open_age_cli_files(tmp_path: Path, alice: Identity, plaintext: bytes) -> None:
    (tmp_path / "plain").write_bytes(plaintext)
    for armor in ([], ["-a"]):
        result = subprocess.run(
            [AGE, "-r", alice.recipient, *armor, str(tmp_path / "plain")],
            capture_output=True,
            timeout=60,
            check=True,
        )
        assert _open(result.stdout, [alice.age_secret]) == plaintext


@needs_age
def test_age_cli_refuses_our_file_for_someone_else(
    tmp_path: Path, bob: Identity, sealed: bytes
) -> None:
    identity_file = tmp_path / "bob.txt"
    identity_file.write_text(export_age_identity_text(bob))
    (tmp_path / "share.age").write_bytes(sealed)
    result = subprocess.run(
        [AGE, "-d", "-i", str(identity_file), str(tmp_path / "share.age")],
        capture_output=True,
        timeout=60,
    )
    assert result.returncode != 0 and result.stdout == b""
