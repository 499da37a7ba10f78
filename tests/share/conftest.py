"""Fixtures for the sharing tests: researchers with stores, identities and contacts.

DOSSIER_KDF_FAST=1 keeps each store's Argon2id at the secure minimum without the
one-second calibration, so a store costs a fraction of a second.
"""

from __future__ import annotations

import pytest

from tests.share.helpers import PASS_A, PASS_B, exchange, researcher


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_KDF_FAST", "1")


@pytest.fixture
def pair(tmp_path):
    """Alice and Bob: two stores, different passphrases and identities, contacts exchanged."""
    a = researcher(tmp_path / "alice", "alice", PASS_A)
    b = researcher(tmp_path / "bob", "bob", PASS_B)
    exchange(a, b)
    yield a, b
    a.d.close()
    b.d.close()
