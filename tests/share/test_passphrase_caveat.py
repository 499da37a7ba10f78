"""Issue #12 (low): a passphrase share is not bound to its passphrase.

Anyone who knows the passphrase can decrypt the file and encrypt it again under a new
one; the result still verifies and is "meant for" whoever knows the new passphrase.
This is a limit of the format (docs/share-format.md says so), and `share inspect` must
say it under every passphrase share -- never under a share to named recipients.
"""

from __future__ import annotations

import pyrage
import pytest

from dossier.core.model import Case
from dossier.services import sharing
from dossier.share.report import PASSPHRASE_CAVEAT
from tests.share.helpers import PASS_A, PASS_B, exchange, researcher

pytestmark = pytest.mark.attack  # issue #12; kept by `make test-reliability`


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch):
    monkeypatch.setenv("DOSSIER_KDF_FAST", "1")


def test_inspect_says_a_rewrapped_passphrase_share_still_verifies(tmp_path):
    alice = researcher(tmp_path / "a", "alice", PASS_A)
    bob = researcher(tmp_path / "b", "bob", PASS_B)
    exchange(alice, bob)
    alice.d.add_case(Case(name="Example Person (fictional)"))
    share = tmp_path / "p.age"
    sharing.export_share(alice.d, share, None, passphrase="first share passphrase")
    rewrapped = tmp_path / "rewrapped.age"
    plain = pyrage.passphrase.decrypt(share.read_bytes(), "first share passphrase")
    rewrapped.write_bytes(pyrage.passphrase.encrypt(plain, "a passphrase alice never chose"))
    info = sharing.inspect_share(bob.d, rewrapped, "a passphrase alice never chose")
    assert info.meant_for_me and info.signer.name == "alice"  # what the format cannot tell
    lines = info.lines()
    assert lines[-1] == PASSPHRASE_CAVEAT
    assert "encrypt it again under another passphrase" in lines[-1]
    assert "not who sent it to you" in lines[-1]
    alice.d.close()
    bob.d.close()


def test_no_caveat_for_named_recipients(tmp_path):
    alice = researcher(tmp_path / "a", "alice", PASS_A)
    bob = researcher(tmp_path / "b", "bob", PASS_B)
    exchange(alice, bob)
    alice.d.add_case(Case(name="Example Person (fictional)"))
    share = tmp_path / "r.age"
    sharing.export_share(alice.d, share, None, to=["bob"])
    assert PASSPHRASE_CAVEAT not in sharing.inspect_share(bob.d, share).lines()
    alice.d.close()
    bob.d.close()
