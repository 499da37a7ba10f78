"""services.passphrase_policy: the one rule for new passphrases, shared by the window's
meter and the command line's init / passwd / identity export --protect."""

from __future__ import annotations

import pytest

from dossier.core.errors import UsageError, ValidationError
from dossier.services import passphrase_policy as policy


@pytest.mark.parametrize("weak", ["a", "demo", "password1", "12345678", "qwertyuiop"])
def test_weak_passphrases_are_refused_with_the_way_out_named(weak, monkeypatch):
    monkeypatch.delenv(policy.WEAK_OK_ENV, raising=False)
    with pytest.raises(ValidationError) as err:
        policy.check(weak)
    assert "--weak-passphrase-ok" in str(err.value) and policy.WEAK_OK_ENV in str(err.value)
    assert policy.check(weak, weak_ok=True).score < policy.MIN_SCORE


def test_the_environment_says_weak_is_ok_for_scripts(monkeypatch):
    monkeypatch.setenv(policy.WEAK_OK_ENV, "1")
    assert policy.check("demo").score < policy.MIN_SCORE
    monkeypatch.setenv(policy.WEAK_OK_ENV, "0")
    with pytest.raises(ValidationError):
        policy.check("demo")


def test_empty_is_never_ok():
    with pytest.raises(UsageError):
        policy.check("", weak_ok=True)


@pytest.mark.parametrize(
    "good",
    [
        "correct horse battery staple",
        "雪山 茶馆 自行车 星期三 灯笼",
        "tamper test passphrase 刘晓波",
    ],
)
def test_good_passphrases_pass(good):
    assert policy.check(good).acceptable


def test_the_window_uses_the_same_rule():
    pytest.importorskip("PySide6")
    from dossier.gui.dialogs import passphrase as dialog

    assert dialog.MIN_SCORE == policy.MIN_SCORE
    assert dialog.strength("demo") == (policy.rate("demo").score, policy.rate("demo").hint)
