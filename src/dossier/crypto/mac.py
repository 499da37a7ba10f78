"""Keyed MACs under a store's data key, for the small records Dossier keeps outside the store.

Why: some facts about a store must live beside it, not in it (the rollback guard's "last
commit this computer saw", SECURITY.md item 5). They hold no case content, but they must
not be forgeable by someone who can write to the disk without knowing the store's key, and
a record made for one store must never verify for another. Each use gets its own subkey,
HKDF-SHA256(data key, info = b"dossier mac v1\\0" + purpose), so a MAC made for one purpose
can never be replayed as another (and none collides with the key header's counter MAC,
which uses a different info string).
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from dossier.core.errors import ValidationError

TAG_LENGTH = 32
_INFO_PREFIX = b"dossier mac v1\0"


def subkey(data_key: bytes, purpose: str) -> bytes:
    """A 32-byte key for one `purpose` (a short ASCII label), derived from the data key."""
    if not isinstance(data_key, bytes | bytearray) or len(data_key) != 32:
        raise ValidationError("a data key is 32 bytes", where="data key")
    if not purpose or not purpose.isascii():
        raise ValidationError("a MAC purpose is a non-empty ASCII label", where="mac")
    info = _INFO_PREFIX + purpose.encode("ascii")
    return HKDF(hashes.SHA256(), 32, salt=None, info=info).derive(bytes(data_key))


def tag(data_key: bytes, purpose: str, message: bytes) -> bytes:
    """HMAC-SHA256 of `message` under the `purpose` subkey of `data_key`."""
    return hmac.new(subkey(data_key, purpose), bytes(message), hashlib.sha256).digest()


def verify(data_key: bytes, purpose: str, message: bytes, expected: bytes) -> bool:
    """True when `expected` is the tag of `message` (compared in constant time)."""
    if not isinstance(expected, bytes | bytearray) or len(expected) != TAG_LENGTH:
        return False
    return hmac.compare_digest(tag(data_key, purpose, message), bytes(expected))
