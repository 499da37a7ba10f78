"""Store at Dui Hua scale: 50,000 cases / 500,000 events on SQLCipher vs plain SQLite
with the same schema and pragmas, full-text search latency over a fixed query set, and
open/unlock (the Argon2id KDF and the open after it, separately).

Each phase is its own process (its peak memory is its own): `sqlcipher` (insert, then
search), `sqlite` (the same on plain SQLite, the baseline), `unlock` (KDF at the floor
and calibrated, then the open with the key), and `attribution` (a small insert on plain
SQLite, keyed SQLCipher with cipher_memory_security OFF and ON: where the ratio comes
from), plus the cost of opening a session, which every search pays.

The store phases also time editing one event (median of EDITS edits, each its own
write: the row, the case's index rows replaced, its facts refreshed, the commit), on
both engines, and through the service (`Dossier.update_event`) on SQLCipher.

Run: `make bench` (all benchmarks) or `python -m benchmarks.bench_store [N_CASES]`;
only the edit figures: `python -m benchmarks.bench_store --edit [N_CASES]`.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from .harness import emit, percentile, run_child
from .synth import make_cases

BATCH = 5000
EDITS = 50  # events edited one at a time for the "edit one event" figure
REPEATS = 3  # each query of the set runs this many times (shuffled)
PASSPHRASE = "bench passphrase"
COMMON_WORDS = ["Beijing", "Urumqi", "Lhasa", "Shanghai", "note"]  # in 1/4 .. all of the events


def query_set() -> list[tuple[str, str]]:
    """(kind, query): Chinese names (whole and 2-character), pinyin, common words.

    Fixed: the names come from the first synthetic batch (seed 0), so they are in every
    store of any size, and the same queries run on SQLCipher and on plain SQLite."""
    sample = make_cases(40, seed=0)
    out = [("chinese_name", c.names[0].value) for c in sample[:10]]
    out += [("chinese_2char", c.names[0].value[:2]) for c in sample[10:20]]
    out += [("pinyin", c.name.split()[1][:5]) for c in sample[20:30]]
    out += [("pinyin_full", c.name) for c in sample[30:35]]
    out += [("common_word", w) for w in COMMON_WORDS]
    return out


# --- phases (each in its own process) --------------------------------------------------


def _insert(session_factory, n_cases: int) -> tuple[float, float]:
    """Wall and CPU seconds of the inserts (the CPU figure is the one the machine's load
    distorts least: other processes stretch wall time, not this process's CPU time)."""
    from dossier.store import bulk

    total = cpu = 0.0
    for start in range(0, n_cases, BATCH):
        cases = make_cases(min(BATCH, n_cases - start), seed=start)  # built outside the timer
        t, c = time.perf_counter(), time.process_time()
        with session_factory() as s:
            bulk.insert_cases(s, cases, facts_day=date.today())
        total += time.perf_counter() - t
        cpu += time.process_time() - c
    return total, cpu


def _session_ms(session_factory) -> float:
    """Median ms of a session that runs one trivial query: the per-search cost of opening
    a connection (keyed, for SQLCipher) before any searching."""
    from sqlalchemy import text

    times = []
    for _ in range(20):
        t = time.perf_counter()
        with session_factory() as s:
            s.execute(text("SELECT 1")).all()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 2)


def _store_edit(write_factory):
    """An edit of one event in its own write, at the store level (no service): the row
    written, the case re-indexed, its facts refreshed, the commit."""
    from dossier.store import repo

    def edit(eid: str, i: int) -> None:
        with write_factory() as s:
            ev = repo.get_event(s, eid)
            ev.note = f"edited {i} {ev.note}"
            repo.put_event(s, ev)
            repo.mark_updated(s, ev.case_id)

    return edit


def _edit_ms(edit, session_factory, nth: int = 0) -> dict:
    """Median and p95 ms of `edit(event_id, i)` for EDITS events, one at a time: the
    `nth` event of random cases, the same cases on every engine (seed 3). The CPU median
    beside the wall one: other processes on a shared machine stretch the wall time."""
    from sqlalchemy import text

    with session_factory() as s:
        n = s.execute(text("SELECT count(*) FROM cases")).scalar_one()
        picks = random.Random(3).sample(range(n), min(EDITS, n))
        cases = [
            s.execute(
                text("SELECT id FROM cases ORDER BY rowid LIMIT 1 OFFSET :o"), {"o": i}
            ).scalar_one()
            for i in picks
        ]
        ids = [
            s.execute(
                text("SELECT id FROM events WHERE case_id = :c ORDER BY seq LIMIT 1 OFFSET :n"),
                {"c": c, "n": nth},
            ).scalar_one()
            for c in cases
        ]
    times, cpu = [], []
    for i, eid in enumerate(ids):
        t, c = time.perf_counter(), time.process_time()
        edit(eid, i)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return {
        "median_ms": round(statistics.median(times), 2),
        "cpu_median_ms": round(statistics.median(cpu), 2),
        "p95_ms": round(percentile(times, 95), 2),
        "edits": len(times),
    }


def _search_latency(session_factory) -> dict:
    """Every query REPEATS times in a shuffled order, a fresh session (connection) each
    time, as the window does; median and p95 overall and per kind, in ms."""
    from dossier.store import search

    runs = query_set() * REPEATS
    random.Random(1).shuffle(runs)
    by_kind: dict[str, list[float]] = {}
    for kind, q in runs:
        t = time.perf_counter()
        with session_factory() as s:
            search.search(s, q, limit=50)
        by_kind.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
    every = [x for xs in by_kind.values() for x in xs]
    return {
        "median_ms": round(statistics.median(every), 2),
        "p95_ms": round(percentile(every, 95), 2),
        "max_ms": round(max(every), 2),
        "queries": len(every),
        "by_kind_median_ms": {k: round(statistics.median(v), 2) for k, v in by_kind.items()},
    }


def phase_sqlcipher(tmp: Path, n_cases: int) -> dict:
    from dossier.services.dossier import Dossier

    d = Dossier.create(tmp / "enc.db", PASSPHRASE)
    try:
        insert_s, insert_cpu_s = _insert(lambda: d.store.write("bench"), n_cases)
        found = _search_latency(lambda: d.store.read())
        found["session_ms"] = _session_ms(lambda: d.store.read())
        edit = _edit_ms(_store_edit(lambda: d.store.write("bench")), lambda: d.store.read())

        def service_edit(eid: str, i: int) -> None:
            ev = d.get_event(eid)
            ev.note = f"edited {i} {ev.note}"
            d.update_event(ev)

        edit_service = _edit_ms(service_edit, lambda: d.store.read(), nth=1)
    finally:
        d.close()
    return {
        "edit": edit,
        "edit_service": edit_service,
        "insert_s": round(insert_s, 2),
        "insert_cpu_s": round(insert_cpu_s, 2),
        "search": found,
        "store_mb": round((tmp / "enc.db").stat().st_size / 2**20, 1),
    }


def _plain_engine(path: Path, key: bytes | None = None, memory_security: bool = True):
    import sqlcipher3
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    from dossier.store import migrations

    def creator():
        # SQLCipher's library without a key is plain SQLite of the same version (the
        # system sqlite3 may lack the trigram options).
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        if key is not None:  # only for the attribution phase: which SQLCipher setting costs what
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            conn.execute(f"PRAGMA cipher_memory_security = {'ON' if memory_security else 'OFF'}")
        for p in (
            "journal_mode = WAL",
            "synchronous = FULL",
            "foreign_keys = ON",
            "temp_store = MEMORY",
            "secure_delete = ON",
            "cache_size = -32768",
        ):
            conn.execute(f"PRAGMA {p}")
        return conn

    eng = create_engine("sqlite://", creator=creator, poolclass=NullPool)

    @event.listens_for(eng, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    with eng.begin() as conn:
        migrations.upgrade(conn)
    return eng


def phase_sqlite(tmp: Path, n_cases: int) -> dict:
    from sqlalchemy.orm import Session

    from dossier.store import settle, unit

    eng = _plain_engine(tmp / "plain.db")

    class _Write:
        """A write as Store.write does it, less the encryption and the commit counter:
        what it touched is settled (index, facts cache) in the same transaction."""

        def __enter__(self):
            self.s = Session(eng)
            self.tx = self.s.begin()
            unit.begin(self.s)
            return self.s

        def __exit__(self, exc_type, *a):
            if exc_type:
                self.tx.rollback()
            else:
                settle.settle(self.s)
                self.tx.commit()
            self.s.close()

    try:
        insert_s, insert_cpu_s = _insert(_Write, n_cases)
        found = _search_latency(lambda: Session(eng))
        found["session_ms"] = _session_ms(lambda: Session(eng))
        edit = _edit_ms(_store_edit(_Write), lambda: Session(eng))
    finally:
        eng.dispose()
    return {
        "edit": edit,
        "insert_s": round(insert_s, 2),
        "insert_cpu_s": round(insert_cpu_s, 2),
        "search": found,
        "store_mb": round((tmp / "plain.db").stat().st_size / 2**20, 1),
    }


ATTRIBUTION_CASES = 1500


def phase_attribution(tmp: Path) -> dict:
    """Where SQLCipher's cost comes from, on a small store in one process: plain SQLite,
    SQLCipher keyed with cipher_memory_security OFF (as the store runs since issue 13), and ON (as it ran before): insert
    (CPU seconds, so that the shared machine's load matters less) and search median."""
    from sqlalchemy.orm import Session

    from dossier.store import bulk

    cases = make_cases(ATTRIBUTION_CASES, seed=0)
    out: dict = {"cases": ATTRIBUTION_CASES}
    for name, key, secure in (
        ("plain", None, True),
        ("keyed_memsec_off", os.urandom(32), False),
        ("keyed_memsec_on", os.urandom(32), True),
    ):
        eng = _plain_engine(tmp / f"attr-{name}.db", key, secure)
        try:
            c, w = time.process_time(), time.perf_counter()
            with Session(eng) as s, s.begin():
                bulk.insert_cases(s, cases, facts_day=date.today())
            out[f"{name}_cpu_s"], out[f"{name}_s"] = (
                round(time.process_time() - c, 2),
                round(time.perf_counter() - w, 2),
            )
            out[f"{name}_search_ms"] = _search_latency(lambda: Session(eng))["median_ms"]  # noqa: B023
        finally:
            eng.dispose()
    return out


def phase_unlock(tmp: Path) -> dict:
    """The KDF at the floor and at the calibrated parameters (what a new store gets),
    then opening with the key (header read and checked, SQLCipher keyed, counter
    verified) — the part of an unlock that is not the KDF."""
    from dossier.crypto import kdf, keyheader
    from dossier.store.engine import key_header_path
    from dossier.store.store import Store

    floor_s = kdf.time_derivation(kdf.MIN_PARAMS)
    os.environ.pop(kdf.FAST_ENV, None)  # calibrate for real in this process
    t = time.perf_counter()
    params = kdf.calibrate(1.0)
    calibrate_s = time.perf_counter() - t
    calibrated_s = statistics.median(kdf.time_derivation(params) for _ in range(3))
    path = tmp / "enc.db"
    opens = []
    for _ in range(5):
        hdr = keyheader.read_header(key_header_path(path))
        key = keyheader.unlock(hdr, PASSPHRASE)
        t = time.perf_counter()
        st = Store.open_with_key(path, hdr, key)
        opens.append(time.perf_counter() - t)
        st.close()
    return {
        "kdf_floor_s": round(floor_s, 3),
        "kdf_calibrated_s": round(calibrated_s, 3),
        "calibrate_s": round(calibrate_s, 2),
        "kdf_params": f"{params.memory_kib // 1024} MiB, t={params.iterations}, p={params.lanes}",
        "open_after_kdf_s": round(statistics.median(opens), 3),
        "open_after_kdf_first_s": round(opens[0], 3),
    }


# --- the benchmark ---------------------------------------------------------------------


def main(n_cases: int = 50_000) -> dict:
    """All three phases, each in a child process; the combined figures."""
    os.environ.setdefault("DOSSIER_KDF_FAST", "1")
    tmp = Path(
        tempfile.mkdtemp(prefix="dossier-bench-store-", dir=os.environ.get("DOSSIER_BENCH_DIR"))
    )
    print(f"store: {n_cases:,} cases / {n_cases * 10:,} events", flush=True)
    try:
        enc = run_child("bench_store", "--phase", "sqlcipher", str(tmp), str(n_cases))
        print(
            f"  SQLCipher insert {enc['insert_s']} s, search median {enc['search']['median_ms']} ms, "
            f"p95 {enc['search']['p95_ms']} ms, peak {enc['peak_rss_mib']} MiB",
            flush=True,
        )
        plain = run_child("bench_store", "--phase", "sqlite", str(tmp), str(n_cases))
        print(
            f"  SQLite    insert {plain['insert_s']} s, search median {plain['search']['median_ms']} ms, "
            f"p95 {plain['search']['p95_ms']} ms, peak {plain['peak_rss_mib']} MiB",
            flush=True,
        )
        unlock = run_child("bench_store", "--phase", "unlock", str(tmp))
        attr = run_child("bench_store", "--phase", "attribution", str(tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    es, ps = enc["search"], plain["search"]
    res = {
        "cases": n_cases,
        "events": n_cases * 10,
        "insert_sqlcipher_s": enc["insert_s"],
        "insert_sqlite_s": plain["insert_s"],
        "insert_ratio": round(enc["insert_s"] / plain["insert_s"], 2),
        "insert_sqlcipher_cpu_s": enc["insert_cpu_s"],
        "insert_sqlite_cpu_s": plain["insert_cpu_s"],
        "insert_cpu_ratio": round(enc["insert_cpu_s"] / plain["insert_cpu_s"], 2),
        "search_median_ms_sqlcipher": es["median_ms"],
        "search_median_ms_sqlite": ps["median_ms"],
        "search_ratio": round(es["median_ms"] / ps["median_ms"], 2) if ps["median_ms"] else None,
        "search_p95_ms_sqlcipher": es["p95_ms"],
        "search_p95_ms_sqlite": ps["p95_ms"],
        "search_max_ms_sqlcipher": es["max_ms"],
        "search_queries": es["queries"],
        "search_by_kind_ms_sqlcipher": es["by_kind_median_ms"],
        "search_by_kind_ms_sqlite": ps["by_kind_median_ms"],
        "kdf_s": unlock["kdf_floor_s"],
        "kdf_calibrated_s": unlock["kdf_calibrated_s"],
        "kdf_params": unlock["kdf_params"],
        "open_after_kdf_s": unlock["open_after_kdf_s"],
        "open_after_kdf_first_s": unlock["open_after_kdf_first_s"],
        **_edit_figures(enc, plain),
        "search_session_ms_sqlcipher": es["session_ms"],
        "search_session_ms_sqlite": ps["session_ms"],
        "attribution": {
            k: v for k, v in attr.items() if k not in ("vm_hwm_mib", "process_s", "peak_rss_mib")
        },
        "store_mb": enc["store_mb"],
        "store_mb_sqlite": plain["store_mb"],
        "peak_rss_mib_sqlcipher": enc["peak_rss_mib"],
        "peak_rss_mib_sqlite": plain["peak_rss_mib"],
        "peak_rss_mib_unlock": unlock["peak_rss_mib"],
    }
    print(
        f"  insert  ratio {res['insert_ratio']} (goal <= 1.2); CPU {res['insert_sqlcipher_cpu_s']} s / "
        f"{res['insert_sqlite_cpu_s']} s, ratio {res['insert_cpu_ratio']}"
    )
    print(
        f"  search  median {res['search_median_ms_sqlcipher']} ms, p95 {res['search_p95_ms_sqlcipher']} ms "
        f"(SQLite {res['search_median_ms_sqlite']} / {res['search_p95_ms_sqlite']} ms) (goal < 50 ms)"
    )
    print(
        f"  unlock  KDF {res['kdf_calibrated_s']} s calibrated ({res['kdf_params']}), "
        f"{res['kdf_s']} s at the floor; open after it {res['open_after_kdf_s']} s"
    )
    a = res["attribution"]
    print(
        f"  where the insert cost goes ({a['cases']} cases, CPU s): plain {a['plain_cpu_s']}, keyed with "
        f"cipher_memory_security OFF {a['keyed_memsec_off_cpu_s']}, ON {a['keyed_memsec_on_cpu_s']}; search median "
        f"{a['plain_search_ms']} / {a['keyed_memsec_off_search_ms']} / {a['keyed_memsec_on_search_ms']} ms; "
        f"a session with one trivial query {res['search_session_ms_sqlcipher']} ms "
        f"(SQLite {res['search_session_ms_sqlite']} ms)"
    )
    _print_edit(res)
    print(f"  size    {res['store_mb']} MB (SQLite {res['store_mb_sqlite']} MB)", flush=True)
    return res


def _print_edit(res: dict) -> None:
    print(
        f"  edit one event  median {res['edit_event_ms_sqlcipher']} ms "
        f"(SQLite {res['edit_event_ms_sqlite']} ms, ratio {res['edit_event_ratio']}); "
        f"through the service (update_event) {res['update_event_ms']} ms; CPU "
        f"{res['edit_event_cpu_ms_sqlcipher']} ms (SQLite {res['edit_event_cpu_ms_sqlite']} ms), "
        f"update_event {res['update_event_cpu_ms']} ms",
        flush=True,
    )


def _edit_figures(enc: dict, plain: dict) -> dict:
    """The "edit one event" figures of the two store phases, as results keys."""
    e, p, svc = enc["edit"], plain["edit"], enc["edit_service"]
    return {
        "edit_event_ms_sqlcipher": e["median_ms"],
        "edit_event_ms_sqlite": p["median_ms"],
        "edit_event_ratio": round(e["median_ms"] / p["median_ms"], 2),
        "edit_event_p95_ms_sqlcipher": e["p95_ms"],
        "edit_event_p95_ms_sqlite": p["p95_ms"],
        "update_event_ms": svc["median_ms"],
        "edit_event_cpu_ms_sqlcipher": e["cpu_median_ms"],
        "edit_event_cpu_ms_sqlite": p["cpu_median_ms"],
        "update_event_cpu_ms": svc["cpu_median_ms"],
    }


def edit_only(n_cases: int) -> dict:
    """Only the "edit one event" figures (`--edit N`): the two stores are still built in
    full (the insert and search phases run too), the unlock and attribution phases not."""
    os.environ.setdefault("DOSSIER_KDF_FAST", "1")
    tmp = Path(
        tempfile.mkdtemp(prefix="dossier-bench-edit-", dir=os.environ.get("DOSSIER_BENCH_DIR"))
    )
    try:
        enc = run_child("bench_store", "--phase", "sqlcipher", str(tmp), str(n_cases))
        plain = run_child("bench_store", "--phase", "sqlite", str(tmp), str(n_cases))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    res = {
        "cases": n_cases,
        **_edit_figures(enc, plain),
        "insert_sqlcipher_cpu_s": enc["insert_cpu_s"],
        "insert_sqlite_cpu_s": plain["insert_cpu_s"],
        "search_median_ms_sqlcipher": enc["search"]["median_ms"],
    }
    print(f"store: {n_cases:,} cases")
    _print_edit(res)
    print(
        f"  (insert CPU {res['insert_sqlcipher_cpu_s']} s, SQLite {res['insert_sqlite_cpu_s']} s; "
        f"search median {res['search_median_ms_sqlcipher']} ms)",
        flush=True,
    )
    return res


def _phase_main(argv: list[str]) -> None:
    kind, tmp = argv[0], Path(argv[1])
    if kind == "sqlcipher":
        emit(phase_sqlcipher(tmp, int(argv[2])))
    elif kind == "sqlite":
        emit(phase_sqlite(tmp, int(argv[2])))
    elif kind == "unlock":
        emit(phase_unlock(tmp))
    elif kind == "attribution":
        emit(phase_attribution(tmp))
    else:
        raise SystemExit(f"unknown phase {kind!r}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--phase"]:
        _phase_main(sys.argv[2:])
    elif sys.argv[1:2] == ["--edit"]:
        edit_only(int(sys.argv[2]) if len(sys.argv) > 2 else 20_000)
    else:
        main(
            int(sys.argv[1])
            if len(sys.argv) > 1
            else int(os.environ.get("DOSSIER_BENCH_CASES", "50000"))
        )
