"""Argon2id parameters, bounds, normalisation and calibration."""

from __future__ import annotations

import time
import unicodedata

import pytest

from dossier.core.errors import IntegrityError
from dossier.crypto import kdf
from dossier.crypto.kdf import MIN_PARAMS, KdfParams, calibrate, check_params, derive

SALT = bytes(range(16))


def test_minimum_is_what_security_md_asks() -> None:
    assert MIN_PARAMS == KdfParams(memory_kib=64 * 1024, iterations=3, lanes=4)


def test_pinned_vector_so_existing_stores_keep_opening() -> None:
    # Computed once with this module; a change here means old key headers stop unlocking.
    expected = "577f1ff37e9a3e52c97d39f8e83891c1b73b0e87ffe0429cee8ede2fb005fe44"
    assert derive("correct horse", SALT, MIN_PARAMS).hex() == expected


def test_derive_is_deterministic_and_salted() -> None:
    one = derive("passphrase", SALT, MIN_PARAMS)
    assert len(one) == 32
    assert derive("passphrase", SALT, MIN_PARAMS) == one
    assert derive("passphrase", bytes(16), MIN_PARAMS) != one
    assert derive("passphrasf", SALT, MIN_PARAMS) != one


def test_unicode_forms_derive_the_same_key() -> None:
    typed_on_mac = unicodedata.normalize("NFD", "café 自由 한국어")
    typed_on_windows = unicodedata.normalize("NFC", "café 自由 한국어")
    assert typed_on_mac != typed_on_windows
    assert derive(typed_on_mac, SALT, MIN_PARAMS) == derive(typed_on_windows, SALT, MIN_PARAMS)


@pytest.mark.parametrize(
    "params",
    [
        KdfParams(2**40, 3, 4),  # a terabyte
        KdfParams(64 * 1024, 10**9, 4),  # a billion passes
        KdfParams(64 * 1024, 3, 2**24),  # millions of lanes
        KdfParams(kdf.MAX_MEMORY_KIB, kdf.MAX_ITERATIONS, 4),  # each in bounds, total too much
        KdfParams(kdf.MAX_MEMORY_KIB + 1, 3, 4),
        KdfParams(64 * 1024, kdf.MAX_ITERATIONS + 1, 4),
        KdfParams(64 * 1024, 3, kdf.MAX_LANES + 1),
    ],
)
def test_absurd_parameters_are_refused_fast(params: KdfParams) -> None:
    start = time.perf_counter()
    with pytest.raises(IntegrityError, match="out of bounds"):
        derive("x", SALT, params)
    assert time.perf_counter() - start < 0.05


@pytest.mark.parametrize(
    "params",
    [
        KdfParams(64 * 1024 - 1, 3, 4),
        KdfParams(64 * 1024, 2, 4),
        KdfParams(64 * 1024, 3, 3),
        KdfParams(8, 1, 1),
    ],
)
def test_parameters_below_the_floor_are_refused(params: KdfParams) -> None:
    with pytest.raises(IntegrityError):
        check_params(params)


@pytest.mark.parametrize("bad", [3.0, "3", True, None])
def test_non_integer_parameters_are_refused(bad: object) -> None:
    with pytest.raises(IntegrityError):
        check_params(KdfParams(64 * 1024, bad, 4))  # type: ignore[arg-type]


def test_the_largest_calibrated_parameters_are_accepted() -> None:
    check_params(KdfParams(64 * 1024, kdf.MAX_ITERATIONS, 4))
    check_params(KdfParams(kdf.MAX_MEMORY_KIB, kdf.MAX_COST // kdf.MAX_MEMORY_KIB, kdf.MAX_LANES))


def test_short_salt_is_refused() -> None:
    with pytest.raises(IntegrityError, match="salt"):
        derive("x", b"short", MIN_PARAMS)


def test_fast_env_returns_the_minimum_without_timing(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(_params: KdfParams) -> float:
        raise AssertionError("calibrate timed a derivation under DOSSIER_KDF_FAST=1")

    monkeypatch.setattr(kdf, "time_derivation", boom)
    assert calibrate() == MIN_PARAMS


def _fake_machine(
    monkeypatch: pytest.MonkeyPatch, fixed: float, per_pass: float
) -> list[KdfParams]:
    timed: list[KdfParams] = []

    def fake(params: KdfParams) -> float:
        timed.append(params)
        return fixed + per_pass * params.iterations

    monkeypatch.delenv("DOSSIER_KDF_FAST")
    monkeypatch.setattr(kdf, "time_derivation", fake)
    return timed


def test_calibrate_fits_fixed_cost_plus_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    timed = _fake_machine(monkeypatch, fixed=0.05, per_pass=0.05)
    chosen = calibrate(1.0)
    assert chosen == KdfParams(64 * 1024, 19, 4)  # 0.05 + 19 * 0.05 = 1.0 s
    assert len(timed) == 3  # bounded work: the floor twice (warm-up), then the guess


def test_calibrate_ignores_the_first_derivations_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first derivation of a process also faults in its memory: fitting it as steady
    state chose too many passes (1.74 s measured for a 1 s target)."""
    timed = _fake_machine(monkeypatch, fixed=0.05, per_pass=0.05)
    fake = kdf.time_derivation
    monkeypatch.setattr(
        kdf, "time_derivation", lambda p: fake(p) + (0.3 if len(timed) == 0 else 0.0)
    )
    assert calibrate(1.0) == KdfParams(64 * 1024, 19, 4)


def test_calibrate_is_capped_on_a_very_fast_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_machine(monkeypatch, fixed=0.0, per_pass=0.0001)
    chosen = calibrate(1.0)
    assert chosen.iterations == kdf.MAX_ITERATIONS
    check_params(chosen)


def test_calibrate_never_goes_below_the_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_machine(monkeypatch, fixed=1.0, per_pass=1.0)
    assert calibrate(1.0) == MIN_PARAMS


def test_real_calibration_lands_near_its_target(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOSSIER_KDF_FAST")
    chosen = calibrate(0.4)
    check_params(chosen)
    assert chosen.memory_kib == MIN_PARAMS.memory_kib and chosen.lanes == MIN_PARAMS.lanes
    took = kdf.time_derivation(chosen)
    # Loose: CI machines are noisy; what matters is the order of magnitude.
    assert took < 2.0 or chosen == MIN_PARAMS
