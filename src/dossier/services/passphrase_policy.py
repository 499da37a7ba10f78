"""One rule for every new passphrase, in the window and on the command line.

Why one rule: the window refused weak passphrases (with a meter and a "use it anyway?")
while `dossier init` took a one-character passphrase without a word. A seized laptop's
store is attacked offline, as long as the attacker likes; Argon2id makes each guess
costly, but a passphrase in the first few million guesses falls anyway.

The rule: zxcvbn's estimate must be at least MIN_SCORE ("good": about 10^8 guesses or
more). A weaker passphrase is refused unless the person says they mean it -- in the
window by answering Yes to a warning, on the command line with `--weak-passphrase-ok`
(or DOSSIER_WEAK_PASSPHRASE_OK=1), meant for scripts and tests that use throwaway
stores. An empty passphrase is never accepted. `dossier demo` is exempt: the demo store
holds only public cases and its passphrase, "demo", is printed for everyone to read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from dossier.core.errors import UsageError, ValidationError

MIN_SCORE = 3
WEAK_OK_ENV = "DOSSIER_WEAK_PASSPHRASE_OK"
_ZXCVBN_MAX = 100  # zxcvbn's cost grows with length; beyond this a passphrase is long anyway
LABELS = ("very weak", "weak", "fair", "good", "strong")


@dataclass(frozen=True)
class Rating:
    score: int  # 0-4, zxcvbn's
    hint: str  # zxcvbn's warning or suggestions, in English ("" when none)

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_SCORE

    @property
    def label(self) -> str:
        return LABELS[self.score]


def rate(passphrase: str, user_inputs: tuple[str, ...] = ()) -> Rating:
    """How hard `passphrase` is to guess (zxcvbn). `user_inputs`: words an attacker
    would try first (the store's file name, the person's name)."""
    if not passphrase:
        return Rating(0, "")
    from zxcvbn import zxcvbn  # imported on first use: it loads large word lists

    result = zxcvbn(passphrase[:_ZXCVBN_MAX], user_inputs=[u for u in user_inputs if u])
    fb = result.get("feedback") or {}
    hint = fb.get("warning") or " ".join(fb.get("suggestions") or [])
    return Rating(int(result["score"]), hint)


def weak_ok_from_env() -> bool:
    return os.environ.get(WEAK_OK_ENV, "").strip() not in ("", "0", "no", "false")


def check(
    passphrase: str,
    *,
    weak_ok: bool = False,
    what: str = "passphrase",
    flag: str = "--weak-passphrase-ok",
) -> Rating:
    """The rating of a new passphrase; UsageError if it is empty, ValidationError if it
    is weak and `weak_ok` is not given."""
    if not passphrase:
        raise UsageError(f"the {what} is empty")
    r = rate(passphrase)
    if not r.acceptable and not (weak_ok or weak_ok_from_env()):
        hint = f" ({r.hint.rstrip('.')})" if r.hint else ""
        raise ValidationError(
            f"the {what} is {r.label}{hint}: anyone who takes this computer could guess it",
            remedy=f"choose a longer one, e.g. four or more unrelated words; or, for a "
            f"throwaway store, pass {flag} (or set {WEAK_OK_ENV}=1)",
        )
    return r
