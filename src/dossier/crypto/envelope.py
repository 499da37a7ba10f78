"""age streams: the outer encryption of share files (SECURITY.md item 6).

Files written here are plain age v1 (binary, not armored), so the standard `age` tool
opens them with the researcher's exported identity, and files made by `age -r age1...`
open here. Armored input is accepted when decrypting.

Streaming. To named recipients, both directions stream through pyrage in 64 KiB chunks:
neither the plaintext nor the ciphertext is held whole in memory. A passphrase share is
different: pyrage (1.4) offers `pyrage.passphrase` only as bytes in, bytes out, so a
passphrase share goes through memory whole (plaintext and ciphertext at once, plus about
512 MiB for age's scrypt). Such shares are limited to `PASSPHRASE_MAX_BYTES`.
Share passphrases are normalised to Unicode NFC (as store passphrases are, see `kdf`), so
a Chinese passphrase typed on another system still matches; decryption also tries the
passphrase exactly as typed, for files made by the `age` tool, which does not normalise.

What the caller must know about decryption. age authenticates every 64 KiB chunk before
releasing it, but truncation or a changed last chunk is only found at the end: by then
earlier chunks have been written to `out_stream`. So `out_stream` must be a temp file or
buffer whose content is thrown away when `decrypt_from` raises -- never the final place
(SECURITY.md item 5). Nothing is trusted until `decrypt_from` returns.

Errors. pyrage reports failures as `DecryptError` (header problems; the message names the
case), as `OSError('decryption error')` (a payload chunk that fails its tag, truncation,
trailing bytes) and as `EncryptError`. Both streams are wrapped so that an exception
raised by the caller's own stream (disk full, a read error) is re-raised as itself and not
mistaken for tampering -- and so that a failed final write, which pyrage's buffered writer
would otherwise swallow when it is dropped, is never lost. The mapping:

* "No matching keys found" -> UnlockError: not encrypted to any of our identities (an
  X25519 stanza that was tampered with looks exactly like one for somebody else);
* a wrong passphrase ("Decryption failed" on a passphrase file) -> UnlockError;
* anything else from pyrage (bad header, bad header MAC, incomplete header, a chunk that
  fails, truncation, too much scrypt work asked) -> IntegrityError.
"""

from __future__ import annotations

import unicodedata
from typing import BinaryIO, Protocol

import pyrage

from dossier.core.errors import (
    DossierError,
    IntegrityError,
    UnlockError,
    UsageError,
    ValidationError,
)

from .keys import parse_recipient

PASSPHRASE_MAX_BYTES = 512 * 1024 * 1024

_NOT_FOR_US = "this file is not encrypted to you (it was made for other recipients, or damaged)"
_WRONG_PASSPHRASE = "wrong passphrase for this file"
_DAMAGED = "this file is damaged, truncated or tampered with"


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _Writable(Protocol):
    def write(self, data: bytes, /) -> int | None: ...


def encrypt_to(
    out_stream: BinaryIO | _Writable,
    plaintext_stream: BinaryIO | _Readable,
    recipients: list[str] | None,
    passphrase: str | None,
) -> int:
    """Encrypt all of `plaintext_stream` to `out_stream`; return the ciphertext size.

    Give either age recipients (`age1...`) or a passphrase, not both: age files hold
    either X25519 stanzas or a single scrypt stanza.
    """
    _one_of(recipients, passphrase)
    writer = _GuardedWriter(out_stream)
    reader = _GuardedReader(plaintext_stream)
    if passphrase is not None:
        plaintext = _read_capped(reader, "the data to share")
        try:
            ciphertext = pyrage.passphrase.encrypt(plaintext, _nfc(passphrase))
        except pyrage.EncryptError as exc:
            raise IntegrityError(f"could not encrypt: {exc}") from None
        writer.write(ciphertext)
        return writer.count
    parsed = [pyrage.x25519.Recipient.from_str(parse_recipient(r)) for r in recipients or []]
    try:
        pyrage.encrypt_io(reader, writer, parsed)
    except pyrage.EncryptError as exc:
        reader.reraise()
        writer.reraise()
        raise IntegrityError(f"could not encrypt: {exc}") from None
    reader.reraise()
    writer.reraise()  # the last buffered write happens when pyrage drops its writer
    return writer.count


def decrypt_from(
    in_stream: BinaryIO | _Readable,
    out_stream: BinaryIO | _Writable,
    identities: list[str] | None,
    passphrase: str | None,
) -> int:
    """Decrypt an age file from `in_stream` into `out_stream`; return the plaintext size.

    `identities` are `AGE-SECRET-KEY-1...` strings. On any exception, discard what was
    written to `out_stream` (see the module docstring).
    """
    _one_of(identities, passphrase)
    reader = _GuardedReader(in_stream)
    writer = _GuardedWriter(out_stream)
    if passphrase is not None:
        ciphertext = _read_capped(reader, "the share file")
        writer.write(_decrypt_passphrase(ciphertext, passphrase))
        return writer.count
    parsed = [_parse_identity(i) for i in identities or []]
    try:
        pyrage.decrypt_io(reader, writer, parsed)
    except (pyrage.DecryptError, OSError) as exc:
        reader.reraise()
        writer.reraise()
        raise _map_decrypt_error(str(exc), passphrase=False) from None
    reader.reraise()
    writer.reraise()
    return writer.count


def _decrypt_passphrase(ciphertext: bytes, passphrase: str) -> bytes:
    """NFC first (what we encrypt with); then the passphrase as typed, if that differs,
    for a file made by the age tool from a passphrase typed in another normal form."""
    tries = [_nfc(passphrase)]
    if passphrase != tries[0]:
        tries.append(passphrase)
    for attempt, candidate in enumerate(tries, start=1):
        try:
            return pyrage.passphrase.decrypt(ciphertext, candidate)
        except pyrage.DecryptError as exc:
            error = _map_decrypt_error(str(exc), passphrase=True)
            if attempt == len(tries) or not isinstance(error, UnlockError):
                raise error from None
    raise AssertionError("unreachable")


def _nfc(passphrase: str) -> str:
    return unicodedata.normalize("NFC", passphrase)


def _map_decrypt_error(message: str, *, passphrase: bool) -> Exception:
    if message == "No matching keys found":
        if passphrase:
            return UnlockError("this file is encrypted to named recipients, not a passphrase")
        return UnlockError(_NOT_FOR_US, remedy="ask the sender to share it to your recipient")
    if passphrase and message == "Decryption failed":
        return UnlockError(_WRONG_PASSPHRASE)
    if passphrase and "excessive work" in message.lower():
        # age refuses scrypt work factors it would take too long to compute here; the
        # file is not damaged, this machine is just slower than the one that made it.
        return DossierError(
            "this passphrase-protected file needs more work to open than this machine allows",
            remedy="ask the sender to share it to your recipient key instead",
        )
    return IntegrityError(f"{_DAMAGED} ({message})")


def _one_of(keys: list[str] | None, passphrase: str | None) -> None:
    if (keys is None) == (passphrase is None):
        raise UsageError("give recipients/identities or a passphrase, exactly one of them")
    if keys is not None and not keys:
        raise ValidationError("no recipients or identities given", where="age")
    if passphrase is not None and not passphrase:
        raise ValidationError("the passphrase is empty", where="passphrase")


def _parse_identity(text: str) -> pyrage.x25519.Identity:
    try:
        return pyrage.x25519.Identity.from_str(text.strip())
    except (pyrage.IdentityError, AttributeError, ValueError):
        raise ValidationError(
            "not an age secret key (AGE-SECRET-KEY-1...)", where="identity"
        ) from None


def _read_capped(reader: _GuardedReader, what: str) -> bytes:
    """All of `reader`, refusing (before holding more than the cap) what is too large."""
    chunks, total = [], 0
    while chunk := reader.read(1 << 20):
        chunks.append(chunk)
        total += len(chunk)
        if total > PASSPHRASE_MAX_BYTES:
            raise ValidationError(
                f"{what} is over {PASSPHRASE_MAX_BYTES // 2**20} MiB, too large for a "
                "passphrase share",
                where="share",
                remedy="share it to named colleagues instead",
            )
    return b"".join(chunks)


class _GuardedReader:
    """Reads from the caller's stream, remembering the first exception the stream raised."""

    def __init__(self, stream: BinaryIO | _Readable) -> None:
        self._stream = stream
        self._error: BaseException | None = None

    def read(self, size: int = -1) -> bytes:
        if self._error is not None:
            raise self._error
        try:
            if size is None or size < 0:
                return _read_all(self._stream)
            chunks, left = [], size
            while left > 0:  # a short read is not EOF for every stream: loop until empty
                chunk = self._stream.read(left)
                if not chunk:
                    break
                chunks.append(bytes(chunk))
                left -= len(chunk)
            return b"".join(chunks)
        except BaseException as exc:
            self._error = exc
            raise

    def reraise(self) -> None:
        if self._error is not None:
            raise self._error


class _GuardedWriter:
    """Writes to the caller's stream completely, remembering the first exception."""

    def __init__(self, stream: BinaryIO | _Writable) -> None:
        self._stream = stream
        self._error: BaseException | None = None
        self.count = 0

    def write(self, data: bytes) -> int:
        if self._error is not None:
            raise self._error
        try:
            data = bytes(data)
            offset = 0
            while offset < len(data):  # raw (unbuffered) streams may write only part
                part = data if offset == 0 else data[offset:]
                written = self._stream.write(part)
                written = len(part) if written is None else written
                if written <= 0:
                    raise OSError("the output stream accepted no bytes")
                offset += written
            self.count += len(data)
            return len(data)
        except BaseException as exc:
            self._error = exc
            raise

    def flush(self) -> None:
        if self._error is not None:
            raise self._error
        flush = getattr(self._stream, "flush", None)
        try:
            if flush is not None:
                flush()
        except BaseException as exc:
            self._error = exc
            raise

    def reraise(self) -> None:
        if self._error is not None:
            raise self._error


def _read_all(stream: BinaryIO | _Readable) -> bytes:
    chunks = []
    while chunk := stream.read(1 << 16):
        chunks.append(bytes(chunk))
    return b"".join(chunks)
