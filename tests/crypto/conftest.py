"""Shared fixtures for the crypto tests.

DOSSIER_KDF_FAST=1 makes `calibrate()` return the secure minimum (64 MiB, t=3, p=4)
without spending a second timing Argon2id; derivations still cost ~0.2 s each.
"""

from __future__ import annotations

import shutil

import pytest

from dossier.crypto import keyheader
from dossier.crypto.kdf import MIN_PARAMS


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_KDF_FAST", "1")


@pytest.fixture(scope="session")
def made_header() -> tuple[keyheader.KeyHeader, bytes]:
    """One real header (minimum Argon2id) for tests that only read it."""
    return keyheader.create_header("correct horse battery staple", MIN_PARAMS)


AGE = shutil.which("age")
needs_age = pytest.mark.skipif(AGE is None, reason="the age command-line tool is not installed")
