"""Argon2id: turning a passphrase into a key-encryption key.

Why these numbers (SECURITY.md item 2):

* The floor is 64 MiB of memory, 3 passes, 4 lanes (`MIN_PARAMS`). Every header this
  program writes uses at least that, and `calibrate()` only ever raises the number of
  passes until one derivation takes about a second on the creating machine.
* The ceilings (`MAX_MEMORY_KIB`, `MAX_ITERATIONS`, `MAX_LANES`, `MAX_COST`) bound what
  a key header read from disk may ask for. A header is attacker-controlled input: one
  that demands 1 TiB of memory or a million passes must be refused at once, before any
  memory is allocated, not after the laptop has swapped itself to death. They sit near
  what `calibrate()` can write (64 MiB, 4 lanes, at most 64 passes -- a fast desktop's
  one second, which a slow laptop must still open, just slower): twice its memory and
  lanes, its most passes, and no more total work than its most. Issue 12: the caps were
  1 GiB and 16 lanes, so a forged header could make every unlock attempt take 1 GiB of
  memory (1 GiB x 4 passes x 16 lanes was within them).
* Parameters BELOW the floor are refused too: this program never writes them, so a
  header carrying them was not made by us (a downgrade attempt or damage).

`DOSSIER_KDF_FAST=1` in the environment makes `calibrate()` return the floor without
timing anything. It exists for the test suite and is still the secure minimum; it only
skips the one-second tuning.

Passphrases are normalised to Unicode NFC before UTF-8 encoding: the same Chinese (or
accented) passphrase typed on macOS and on Windows can arrive in different normal forms,
and must derive the same key.
"""

from __future__ import annotations

import math
import os
import time
import unicodedata
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from dossier.core.errors import IntegrityError

KEY_LENGTH = 32
MIN_SALT_LENGTH = 16

#: Refuse headers asking for more than this: 128 MiB of memory (we write 64)...
MAX_MEMORY_KIB = 128 * 1024
#: ...more than this many passes (the most `calibrate()` can choose)...
MAX_ITERATIONS = 64
#: ...more than this many lanes (we write 4)...
MAX_LANES = 8
#: ...or more total work (KiB x passes) than 64 passes over 64 MiB, the most `calibrate()`
#: can produce. This keeps the worst accepted header to a few seconds of work.
MAX_COST = 64 * 1024 * MAX_ITERATIONS

FAST_ENV = "DOSSIER_KDF_FAST"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters, as stored in a key header."""

    memory_kib: int
    iterations: int
    lanes: int


MIN_PARAMS = KdfParams(memory_kib=64 * 1024, iterations=3, lanes=4)


def check_params(params: KdfParams) -> None:
    """Refuse parameters outside [MIN_PARAMS, the caps] without doing any work.

    Raised as IntegrityError because parameters only ever come from a key header, and one
    outside the bounds was damaged, forged or not made by this program.
    """
    values = (params.memory_kib, params.iterations, params.lanes)
    if any(type(v) is not int for v in values):
        raise IntegrityError("the key header is damaged or was tampered with (KDF parameters)")
    if not (
        MIN_PARAMS.memory_kib <= params.memory_kib <= MAX_MEMORY_KIB
        and MIN_PARAMS.iterations <= params.iterations <= MAX_ITERATIONS
        and MIN_PARAMS.lanes <= params.lanes <= MAX_LANES
        and params.memory_kib * params.iterations <= MAX_COST
        and params.memory_kib >= 8 * params.lanes  # Argon2's own rule
    ):
        raise IntegrityError(
            "the key header is damaged or was tampered with "
            f"(KDF parameters out of bounds: it asks Argon2id for {params.memory_kib} KiB of "
            f"memory, {params.iterations} passes and {params.lanes} lanes; this program writes "
            f"at most {MAX_MEMORY_KIB} KiB, {MAX_ITERATIONS} passes, {MAX_LANES} lanes and "
            f"{MAX_COST} KiB-passes in all, so nothing was derived)",
            remedy="restore the key header from a backup (dossier key-restore)",
        )


def normalise_passphrase(passphrase: str) -> bytes:
    """NFC, then UTF-8: equal-looking passphrases from different systems derive equal keys."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """Derive a 32-byte key from `passphrase`. Parameters are checked before any work."""
    check_params(params)
    if len(salt) < MIN_SALT_LENGTH:
        raise IntegrityError("the key header is damaged or was tampered with (salt too short)")
    kdf = Argon2id(
        salt=bytes(salt),
        length=KEY_LENGTH,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(normalise_passphrase(passphrase))


def time_derivation(params: KdfParams) -> float:
    """Seconds one derivation with `params` takes here (used by calibrate and benchmarks)."""
    salt = os.urandom(MIN_SALT_LENGTH)
    start = time.perf_counter()
    derive("calibration", salt, params)
    return time.perf_counter() - start


def calibrate(target_seconds: float = 1.0) -> KdfParams:
    """Parameters at the memory floor whose derivation takes about `target_seconds` here.

    Only the number of passes is raised: memory stays at 64 MiB so that a store created on
    a big desktop never demands more memory than a small laptop has. The time of one pass
    is not quite linear (allocating and filling the memory is a fixed cost), so two
    measurements fit `time = fixed + per_pass * passes` and the fit picks the passes. At
    most three derivations are timed, so calibration costs about 1.5-2.5 x `target_seconds`.
    """
    if os.environ.get(FAST_ENV) == "1":
        return MIN_PARAMS
    if not 0 < target_seconds <= 10:
        raise ValueError("target_seconds must be in (0, 10]")
    limit = min(MAX_ITERATIONS, MAX_COST // MIN_PARAMS.memory_kib)
    base = MIN_PARAMS.iterations
    # The first derivation in a process also pays for faulting in 64 MiB of fresh memory;
    # fitted as if it were steady state, it made the fit pick too many passes (measured:
    # 1.74 s instead of 1 s). The faster of two timings is the steady-state one.
    t_base = time_derivation(MIN_PARAMS)
    if t_base < target_seconds:
        t_base = min(t_base, time_derivation(MIN_PARAMS))
    if t_base >= target_seconds:
        return MIN_PARAMS
    guess = _clamp(math.ceil(base * target_seconds / t_base), base, limit)
    if guess == base:
        return MIN_PARAMS
    t_guess = time_derivation(_with_iterations(guess))
    per_pass = (t_guess - t_base) / (guess - base)
    if per_pass <= 0:  # timer noise; the proportional guess is the best we have
        return _with_iterations(guess)
    fixed = t_base - per_pass * base
    best = _clamp(round((target_seconds - fixed) / per_pass), base, limit)
    return _with_iterations(best)


def _with_iterations(iterations: int) -> KdfParams:
    return KdfParams(MIN_PARAMS.memory_kib, iterations, MIN_PARAMS.lanes)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))
