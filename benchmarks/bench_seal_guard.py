"""What issue 12's fix costs: the seal kept in the rollback-guard record, and the checks
before sealing.

Run by hand: `PYTHONPATH=src DOSSIER_KDF_FAST=1 python -m benchmarks.bench_seal_guard [CASES]`
(default 5,000 synthetic cases, ten events each). Prints one JSON line:

* `store_mib`: the size of the store file;
* `digest_ms`, `digest_mib_s`: one keyed digest of the whole file (what every open of a
  sealed store already paid before the fix; paid again only on the attack path, when the
  header's own seal does not vouch for the file and the record's does);
* `guard_read_ms`: reading and verifying the record on open (new on every open);
* `guard_clear_ms`, `guard_seal_ms`: the durable record writes (new: once at the first
  change of a session, once at a clean close after changes);
* `check_size_ms`: the length check on opening an unsealed store (new);
* `seal_ms`, `seal_deep_ms`: sealing at close, without and with `PRAGMA cipher_integrity_check`
  (the deep one runs only when the session began unsealed, after a crash);
* `open_close_ms`: a read-only open and close of the sealed store, all checks included.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from .harness import emit
from .synth import make_cases

PASS = "benchmark passphrase"


def _ms(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 2)


def main(n_cases: int = 5000) -> dict:
    os.environ.setdefault("DOSSIER_KDF_FAST", "1")
    from dossier.crypto import keyheader
    from dossier.store import bulk, rollback_guard, seal
    from dossier.store.engine import key_header_path
    from dossier.store.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DOSSIER_STATE_DIR"] = str(Path(tmp) / "state")
        path = Path(tmp) / "bench.db"
        store = Store.create(path, PASS)
        for start in range(0, n_cases, 1000):
            cases = make_cases(min(1000, n_cases - start), seed=start)
            with store.write("bench") as s:
                bulk.insert_cases(s, cases, facts_day=date.today())
        key = store.data_key
        store.close()
        h = keyheader.read_header(key_header_path(path))
        size = path.stat().st_size
        out: dict = {"cases": n_cases, "store_mib": round(size / 2**20, 1)}
        out["digest_ms"] = _ms(lambda: seal.digest(path, key))
        out["digest_mib_s"] = round(size / 2**20 / (out["digest_ms"] / 1000), 1)
        out["guard_read_ms"] = _ms(
            lambda: rollback_guard.seen_quietly(h.store_id, key, where=path), 20
        )

        t_clear, t_seal = [], []
        for _ in range(20):
            t = time.perf_counter()
            rollback_guard.clear_seal(h.store_id, key, where=path)
            t_clear.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            rollback_guard.record_seal(
                h.store_id, h.commit_counter, key, h.commit_hash, h.seal, where=path
            )
            t_seal.append((time.perf_counter() - t) * 1000)
        out["guard_clear_ms"] = round(statistics.median(t_clear), 2)
        out["guard_seal_ms"] = round(statistics.median(t_seal), 2)
        out["check_size_ms"] = _ms(lambda: seal.check_size(path, key), 20)
        out["seal_ms"] = _ms(lambda: seal.seal_header(path, h, key), 3)
        out["seal_deep_ms"] = _ms(lambda: seal.seal_header(path, h, key, deep=True), 3)
        out["page_check_mib_s"] = round(
            size / 2**20 / ((out["seal_deep_ms"] - out["seal_ms"]) / 1000), 1
        )
        out["open_close_ms"] = _ms(lambda: Store.open(path, PASS).close(), 3)
        out["kdf_fast"] = os.environ.get("DOSSIER_KDF_FAST") == "1"
        return out


if __name__ == "__main__":
    emit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000))
