"""The researcher's identity: an age X25519 key pair for receiving share files, and an
Ed25519 key pair for signing the ones they send (SECURITY.md item 6).

Text forms, as `identity show` prints them and `contacts add` accepts them:

* recipient: the age `age1...` string (bech32), what colleagues encrypt to;
* signing key: `ed25519:<standard base64, with padding, of the 32-byte public key>`;
* fingerprint: the first 80 bits of SHA-256(raw 32-byte Ed25519 public key), in
  Crockford base32 (digits and capitals without I, L, O, U, so nothing is misheard or
  misread), four groups of four joined by hyphens: `K7QF-2M9X-...`. 80 bits is far beyond
  what anyone can forge to match a key read out over the phone, and short enough to read.
  Anyone can recompute it: `sha256(raw key)[:10]`, Crockford base32.

The fingerprint covers the SIGNING key only. A contact's age recipient is not covered by
it; whoever exchanges contact cards should have the card (recipient included) signed, or
compare the recipient too.

The secrets (`age_secret`, a Python `str`, and `signing_seed`, `bytes`) cannot be wiped
from memory by Python; they live as long as the objects holding them.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re
import unicodedata

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from dossier.core.errors import IntegrityError, ValidationError

SIGNING_PREFIX = "ed25519:"
SEED_LENGTH = 32
SIGNATURE_LENGTH = 64
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_FINGERPRINT_BITS = 80
# What `fingerprint()` produces, and the only form a share may carry.
FINGERPRINT_RE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}")


class Identity:
    """An age identity plus an Ed25519 signing key. Build with `generate` or `from_secrets`."""

    __slots__ = ("_age", "_signer", "_seed")

    def __init__(self, age_identity: pyrage.x25519.Identity, signing_seed: bytes) -> None:
        self._age = age_identity
        self._seed = bytes(signing_seed)
        self._signer = Ed25519PrivateKey.from_private_bytes(self._seed)

    @classmethod
    def generate(cls) -> Identity:
        """A fresh identity from the operating system's random source."""
        seed = Ed25519PrivateKey.generate().private_bytes_raw()
        return cls(pyrage.x25519.Identity.generate(), seed)

    @classmethod
    def from_secrets(cls, age_secret: str, signing_seed: bytes) -> Identity:
        """Rebuild an identity from what the store keeps; ValidationError if malformed."""
        try:
            age_identity = pyrage.x25519.Identity.from_str(age_secret.strip())
        except (pyrage.IdentityError, AttributeError, TypeError, ValueError):
            raise ValidationError(
                "not an age secret key (AGE-SECRET-KEY-1...)", where="identity"
            ) from None
        if not isinstance(signing_seed, bytes | bytearray) or len(signing_seed) != SEED_LENGTH:
            raise ValidationError("the signing seed must be 32 bytes", where="identity")
        return cls(age_identity, bytes(signing_seed))

    @property
    def recipient(self) -> str:
        """The public `age1...` string colleagues encrypt to."""
        return str(self._age.to_public())

    @property
    def age_secret(self) -> str:
        """The `AGE-SECRET-KEY-1...` string. Secret."""
        return str(self._age)

    @property
    def signing_seed(self) -> bytes:
        """The 32 raw bytes of the Ed25519 private key. Secret."""
        return self._seed

    @property
    def signing_key(self) -> str:
        """The public signing key, `ed25519:<base64>`."""
        return format_signing_key(self._signer.public_key().public_bytes_raw())

    @property
    def fingerprint(self) -> str:
        """The readable fingerprint of `signing_key`."""
        return fingerprint(self.signing_key)

    def __repr__(self) -> str:  # never the secrets
        return f"Identity(recipient={self.recipient!r}, fingerprint={self.fingerprint!r})"


def format_signing_key(raw: bytes) -> str:
    """`ed25519:<base64>` for a raw 32-byte public key."""
    return SIGNING_PREFIX + base64.b64encode(raw).decode("ascii")


def parse_signing_key(text: str) -> bytes:
    """The raw 32-byte public key from `ed25519:<base64>`; ValidationError if malformed."""
    if not isinstance(text, str):
        raise ValidationError("a signing key is text: ed25519:<base64>", where="signing key")
    text = text.strip()
    if not text.startswith(SIGNING_PREFIX):
        raise ValidationError("a signing key starts with 'ed25519:'", where="signing key")
    body = text[len(SIGNING_PREFIX) :]
    try:
        raw = base64.b64decode(body.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValidationError("the signing key is not valid base64", where="signing key") from None
    if len(raw) != 32 or format_signing_key(raw) != text:
        raise ValidationError("the signing key must be 32 bytes in base64", where="signing key")
    try:
        Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise ValidationError("not a valid Ed25519 public key", where="signing key") from None
    return raw


def parse_recipient(text: str) -> str:
    """A checked `age1...` recipient (whitespace trimmed); ValidationError otherwise."""
    if not isinstance(text, str):
        raise ValidationError("a recipient is text: age1...", where="recipient")
    text = text.strip()
    try:
        return str(pyrage.x25519.Recipient.from_str(text))
    except (pyrage.RecipientError, ValueError, TypeError):
        shown = text if len(text) <= 80 else text[:77] + "..."
        raise ValidationError(
            f"not an age recipient (age1...): {shown!r}", where="recipient"
        ) from None


def fingerprint(signing_key: str) -> str:
    """`XXXX-XXXX-XXXX-XXXX`: SHA-256 of the raw key, first 80 bits, Crockford base32."""
    digest = hashlib.sha256(parse_signing_key(signing_key)).digest()
    value = int.from_bytes(digest[: _FINGERPRINT_BITS // 8], "big")
    chars = [_CROCKFORD[(value >> shift) & 31] for shift in range(_FINGERPRINT_BITS - 5, -1, -5)]
    return "-".join("".join(chars[i : i + 4]) for i in range(0, len(chars), 4))


def sign(identity: Identity, data: bytes) -> bytes:
    """A 64-byte Ed25519 signature of `data`."""
    return identity._signer.sign(bytes(data))


def verify(signing_key: str, signature: bytes, data: bytes) -> None:
    """IntegrityError unless `signature` is `signing_key`'s signature of `data`."""
    public = Ed25519PublicKey.from_public_bytes(parse_signing_key(signing_key))
    if not isinstance(signature, bytes | bytearray) or len(signature) != SIGNATURE_LENGTH:
        raise IntegrityError("the signature is missing or malformed")
    try:
        public.verify(bytes(signature), bytes(data))
    except InvalidSignature:
        raise IntegrityError(
            "the signature does not match: the data was changed or was not signed by this key"
        ) from None


def export_age_identity_text(identity: Identity, *, now: dt.datetime | None = None) -> str:
    """The identity in age's own identity-file format (what `age -d -i FILE` reads)."""
    created = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    return (
        f"# created: {created.isoformat().replace('+00:00', 'Z')}\n"
        f"# public key: {identity.recipient}\n"
        f"{identity.age_secret}\n"
    )


def export_protected_age_identity(identity: Identity, passphrase: str) -> bytes:
    """The identity file encrypted under `passphrase` (age's scrypt recipient): what
    age 1.1+ calls a passphrase-protected identity file -- `age -d -i FILE` asks for
    the passphrase, then decrypts with the key inside. Binary age format."""
    if not passphrase:
        raise ValidationError("the identity passphrase is empty")
    text = export_age_identity_text(identity).encode("ascii")
    return pyrage.passphrase.encrypt(text, unicodedata.normalize("NFC", passphrase))


def parse_age_identity_text(text: str) -> str:
    """The single `AGE-SECRET-KEY-1...` line of an age identity file; ValidationError else."""
    lines = [ln.strip() for ln in text.splitlines()]
    keys = [ln for ln in lines if ln and not ln.startswith("#")]
    if len(keys) != 1 or not keys[0].startswith("AGE-SECRET-KEY-1"):
        raise ValidationError(
            "expected exactly one AGE-SECRET-KEY-1... line", where="age identity file"
        )
    try:
        pyrage.x25519.Identity.from_str(keys[0])
    except (pyrage.IdentityError, ValueError):
        raise ValidationError(
            "the AGE-SECRET-KEY line is not a valid key", where="age identity file"
        ) from None
    return keys[0]
