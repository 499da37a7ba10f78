"""Fixtures shared by every test package: fast (but secure-minimum) KDF, temp stores."""

from __future__ import annotations

import os

os.environ.setdefault("DOSSIER_KDF_FAST", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

PASSPHRASE = "correct horse battery staple 马"


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "dossier.db"


@pytest.fixture
def dossier(store_path):
    from dossier.services.dossier import Dossier

    d = Dossier.create(store_path, PASSPHRASE)
    yield d
    d.close()


@pytest.fixture
def demo_dossier(store_path):
    from dossier.services.demo import build_demo
    from dossier.services.dossier import Dossier

    d = Dossier.create(store_path, PASSPHRASE)
    build_demo(d)
    yield d
    d.close()
