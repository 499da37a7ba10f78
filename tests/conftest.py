"""Fixtures shared by every test package: fast (but secure-minimum) KDF, temp stores."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("DOSSIER_KDF_FAST", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if not os.environ.get("DOSSIER_STATE_DIR"):
    # The rollback guard remembers every store it sees: never in the tester's real state
    # folder. One folder per test session (per xdist worker); tests that need their own
    # use the `_private_state_dir` fixture (tests/reliability/conftest.py) or monkeypatch.
    _STATE = tempfile.mkdtemp(prefix="dossier-test-state-")
    os.environ["DOSSIER_STATE_DIR"] = _STATE
    atexit.register(shutil.rmtree, _STATE, True)

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
