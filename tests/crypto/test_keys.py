"""Identities, signing keys, fingerprints, signatures, age identity files."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.errors import IntegrityError, ValidationError
from dossier.crypto.keys import (
    Identity,
    export_age_identity_text,
    fingerprint,
    parse_age_identity_text,
    parse_recipient,
    parse_signing_key,
    sign,
    verify,
)

FINGERPRINT = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")


@pytest.fixture(scope="module")
def me() -> Identity:
    return Identity.generate()


def test_generated_identity_has_the_documented_forms(me: Identity) -> None:
    assert me.recipient.startswith("age1")
    assert me.age_secret.startswith("AGE-SECRET-KEY-1")
    assert len(me.signing_seed) == 32
    assert me.signing_key.startswith("ed25519:")
    assert len(parse_signing_key(me.signing_key)) == 32
    assert FINGERPRINT.match(me.fingerprint)
    assert Identity.generate().recipient != me.recipient


def test_from_secrets_rebuilds_the_same_identity(me: Identity) -> None:
    again = Identity.from_secrets(me.age_secret, me.signing_seed)
    assert (again.recipient, again.signing_key, again.fingerprint) == (
        me.recipient,
        me.signing_key,
        me.fingerprint,
    )


@pytest.mark.parametrize(
    "secret, seed",
    [
        ("AGE-SECRET-KEY-1NOTAKEY", bytes(32)),
        ("age1qqqq", bytes(32)),
        (None, bytes(32)),
        ("VALID", b"short"),
        ("VALID", "not bytes" * 4),
    ],
)
def test_from_secrets_refuses_malformed_input(me: Identity, secret: object, seed: object) -> None:
    secret = me.age_secret if secret == "VALID" else secret
    with pytest.raises(ValidationError):
        Identity.from_secrets(secret, seed)  # type: ignore[arg-type]


def test_repr_hides_the_secrets(me: Identity) -> None:
    shown = repr(me)
    assert me.age_secret not in shown and me.signing_seed.hex() not in shown
    assert me.recipient in shown


def test_fingerprint_is_the_documented_hash() -> None:
    raw = bytes(range(32))
    key = "ed25519:" + base64.b64encode(raw).decode()
    value = int.from_bytes(hashlib.sha256(raw).digest()[:10], "big")
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    chars = "".join(alphabet[(value >> (75 - 5 * i)) & 31] for i in range(16))
    expected = "-".join(chars[i : i + 4] for i in range(0, 16, 4))
    assert fingerprint(key) == expected
    assert fingerprint(key) == fingerprint(" " + key + "\n")  # stable through copy/paste


def test_fingerprints_are_readable_and_distinct() -> None:
    prints = {Identity.generate().fingerprint for _ in range(50)}
    assert len(prints) == 50
    for fp in prints:
        assert FINGERPRINT.match(fp)
        assert not set(fp) & set("ILOU")  # nothing to mishear or misread


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ed25519:",
        "ssh-ed25519 AAAA",
        "ed25519:" + base64.b64encode(bytes(31)).decode(),
        "ed25519:" + base64.b64encode(bytes(33)).decode(),
        "ed25519:!!!!",
        "ED25519:" + base64.b64encode(bytes(32)).decode(),
        "ed25519:" + base64.b64encode(bytes(32)).decode().rstrip("="),
        "ed25519:" + base64.urlsafe_b64encode(b"\xff" * 32).decode(),
        "ed25519:é",
    ],
)
def test_malformed_signing_keys(text: str) -> None:
    with pytest.raises(ValidationError, match="signing key"):
        parse_signing_key(text)


def test_sign_and_verify(me: Identity) -> None:
    data = "manifest 案件 v1".encode()
    signature = sign(me, data)
    assert len(signature) == 64
    verify(me.signing_key, signature, data)


def test_tampered_data_or_signature_is_refused(me: Identity) -> None:
    data = b"share manifest: 3 cases"
    signature = sign(me, data)
    with pytest.raises(IntegrityError, match="does not match"):
        verify(me.signing_key, signature, b"share manifest: 4 cases")
    for i in (0, 31, 63):
        bad = bytearray(signature)
        bad[i] ^= 0x40
        with pytest.raises(IntegrityError):
            verify(me.signing_key, bytes(bad), data)
    for bad_sig in (b"", signature[:-1], signature + b"\x00"):
        with pytest.raises(IntegrityError):
            verify(me.signing_key, bad_sig, data)


def test_another_signer_is_refused(me: Identity) -> None:
    impostor = Identity.generate()
    data = b"claims to be from me"
    with pytest.raises(IntegrityError):
        verify(me.signing_key, sign(impostor, data), data)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=512), index=st.integers(min_value=0), bit=st.integers(0, 7))
def test_any_single_bit_change_of_the_data_is_refused(
    me: Identity, data: bytes, index: int, bit: int
) -> None:
    signature = sign(me, data)
    verify(me.signing_key, signature, data)
    if data:
        changed = bytearray(data)
        changed[index % len(data)] ^= 1 << bit
        with pytest.raises(IntegrityError):
            verify(me.signing_key, signature, bytes(changed))


def test_parse_recipient(me: Identity) -> None:
    assert parse_recipient(me.recipient) == me.recipient
    assert parse_recipient(f"  {me.recipient}\n") == me.recipient
    flipped = me.recipient[:-1] + ("q" if me.recipient[-1] != "q" else "p")
    for bad in ("", "age1", flipped, me.age_secret, me.signing_key, "age1" + "q" * 58):
        with pytest.raises(ValidationError, match="recipient"):
            parse_recipient(bad)


def test_age_identity_file_round_trip(me: Identity) -> None:
    when = dt.datetime(2024, 5, 1, 12, 30, 5, 999, tzinfo=dt.UTC)
    text = export_age_identity_text(me, now=when)
    lines = text.splitlines()
    assert lines == [
        "# created: 2024-05-01T12:30:05Z",
        f"# public key: {me.recipient}",
        me.age_secret,
    ]
    assert text.endswith("\n")
    assert parse_age_identity_text(text) == me.age_secret


def test_age_identity_file_parse_refuses_junk(me: Identity) -> None:
    for bad in (
        "",
        "# only comments\n",
        f"{me.age_secret}\n{me.age_secret}\n",
        "AGE-SECRET-KEY-1X",
    ):
        with pytest.raises(ValidationError):
            parse_age_identity_text(bad)
