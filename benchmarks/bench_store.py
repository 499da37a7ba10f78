"""Store at Dui Hua scale: 50,000 cases / 500,000 events on SQLCipher vs plain SQLite
with the same schema, full-text search latency, and open/unlock (KDF separately).

Run: `make bench` (all benchmarks) or `python -m benchmarks.bench_store [N_CASES]`.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import sqlcipher3
from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from dossier.crypto import kdf, keyheader
from dossier.services.dossier import Dossier
from dossier.store import bulk, migrations, search
from dossier.store.engine import key_header_path
from dossier.store.store import Store

from .synth import make_cases

BATCH = 5000


def _plain_engine(path: Path):
    def creator():
        # SQLCipher's library without a key is plain SQLite of the same version (the
        # system sqlite3 may lack the trigram options).
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        for p in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "temp_store = MEMORY", "secure_delete = ON"):
            conn.execute(f"PRAGMA {p}")
        return conn

    eng = create_engine("sqlite://", creator=creator, poolclass=NullPool)

    @event.listens_for(eng, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    with eng.begin() as conn:
        migrations.upgrade(conn)
    return eng


def _insert(session_factory, n_cases: int) -> float:
    total = 0.0
    for start in range(0, n_cases, BATCH):
        cases = make_cases(min(BATCH, n_cases - start), seed=start)  # built outside the timer
        t = time.perf_counter()
        with session_factory() as s:
            bulk.insert_cases(s, cases, facts_day=date.today())
        total += time.perf_counter() - t
    return total


def _search_latency(session_factory, queries: list[str]) -> float:
    times = []
    for q in queries:
        t = time.perf_counter()
        with session_factory() as s:
            search.search(s, q, limit=50)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main(n_cases: int = 50_000) -> dict:
    os.environ.setdefault("DOSSIER_KDF_FAST", "1")
    tmp = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    rng = random.Random(1)
    sample = make_cases(200, seed=0)
    queries = [c.names[0].value[:2] for c in sample[:25]] + [c.name.split()[1][:5] for c in sample[:25]]
    rng.shuffle(queries)

    # encrypted
    d = Dossier.create(tmp / "enc.db", "bench passphrase")

    def enc_session():
        class _Ctx:
            def __enter__(self_inner):
                self_inner.cm = d.store.write("bench")
                return self_inner.cm.__enter__()

            def __exit__(self_inner, *a):
                return self_inner.cm.__exit__(*a)

        return _Ctx()

    enc_insert = _insert(enc_session, n_cases)
    enc_search = _search_latency(lambda: d.store.read(), queries)
    d.close()

    # plain SQLite, same schema, same pragmas (no encryption)
    eng = _plain_engine(tmp / "plain.db")

    def plain_session():
        class _Ctx:
            def __enter__(self_inner):
                self_inner.s = Session(eng)
                self_inner.tx = self_inner.s.begin()
                return self_inner.s

            def __exit__(self_inner, exc_type, *a):
                if exc_type:
                    self_inner.tx.rollback()
                else:
                    self_inner.tx.commit()
                self_inner.s.close()

        return _Ctx()

    plain_insert = _insert(plain_session, n_cases)
    plain_search = _search_latency(lambda: Session(eng), queries)
    eng.dispose()

    # open / unlock
    params = kdf.calibrate(1.0) if os.environ.get("DOSSIER_BENCH_CALIBRATE") else kdf.MIN_PARAMS
    t = time.perf_counter()
    kdf.derive("bench passphrase", os.urandom(16), params)
    kdf_s = time.perf_counter() - t
    hdr = keyheader.read_header(key_header_path(tmp / "enc.db"))
    key = keyheader.unlock(hdr, "bench passphrase")
    t = time.perf_counter()
    st = Store.open_with_key(tmp / "enc.db", hdr, key)
    open_s = time.perf_counter() - t
    st.close()

    size = (tmp / "enc.db").stat().st_size
    res = {
        "cases": n_cases,
        "events": n_cases * 10,
        "insert_sqlcipher_s": round(enc_insert, 2),
        "insert_sqlite_s": round(plain_insert, 2),
        "insert_ratio": round(enc_insert / plain_insert, 2),
        "search_median_ms_sqlcipher": round(enc_search, 2),
        "search_median_ms_sqlite": round(plain_search, 2),
        "search_ratio": round(enc_search / plain_search, 2) if plain_search else None,
        "kdf_s": round(kdf_s, 3),
        "kdf_params": f"{params.memory_kib // 1024} MiB, t={params.iterations}, p={params.lanes}",
        "open_after_kdf_s": round(open_s, 3),
        "store_mb": round(size / 2**20, 1),
    }
    print(f"store: {n_cases} cases / {n_cases * 10} events")
    print(f"  insert  SQLCipher {res['insert_sqlcipher_s']} s | plain SQLite {res['insert_sqlite_s']} s | ratio {res['insert_ratio']} (goal <= 1.3)")
    print(f"  search  median {res['search_median_ms_sqlcipher']} ms (SQLite {res['search_median_ms_sqlite']} ms) (goal < 50 ms)")
    print(f"  unlock  KDF {res['kdf_s']} s ({res['kdf_params']}) + open {res['open_after_kdf_s']} s")
    print(f"  size    {res['store_mb']} MB")
    return res


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
