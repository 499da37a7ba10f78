"""Benchmark: open and close stay flat in the evidence kept (issue 13, goal 4).

A store with N GiB of attachments (encrypted blobs beside the database) is opened with
its key (the KDF left out: it is measured by bench_store) and closed cleanly after a
change (the close that seals), five times each; the same on a store with no
attachments is the baseline. Flat means: the two are about equal, both < 0.5 s.

What the old design would have paid is measured too: the seal digested the whole
database file at every sealed open and every clean close after a change, and the
attachments lived in that file. `seal_digest_s` is that digest over the same N GiB
(the blob files stand in for the chunk rows: same byte count, same HMAC-SHA256 read).

    python -m benchmarks.bench_blobs            # 5 GiB
    DOSSIER_BENCH_BLOB_GIB=1 python -m benchmarks.bench_blobs
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .harness import emit, run_child

FILE_MB = 256
RUNS = 5
PASS = "bench blobs passphrase"


def phase_build(root: Path, gib: float) -> dict:
    """A store with `gib` GiB of attachments in FILE_MB files (one random source file,
    each attachment its own blob under its own key), plus a few cases; closed sealed."""
    from dossier.core.model import Case, Event, Source
    from dossier.services.dossier import Dossier

    total = int(gib * 1024)
    d = Dossier.create(root / "big.db", PASS)
    e = Dossier.create(root / "empty.db", PASS)
    for x in (d, e):
        c = x.add_case(Case(name="Wang Quanzhang", tags=["bench"]))
        x.add_event(c.id, Event(type="detention", date="2015-08-03"))
    src_file = root / "body.bin"
    with open(src_file, "wb") as fh:
        for _ in range(min(FILE_MB, total)):
            fh.write(os.urandom(1 << 20))
    src = d.add_source(Source(title="Court video"))
    t = time.perf_counter()
    left = total
    n = 0
    while left > 0:
        d.add_attachment(src.id, src_file)
        left -= min(FILE_MB, left)
        n += 1
    write_s = time.perf_counter() - t
    d.close()
    e.close()
    src_file.unlink()
    blob_bytes = sum(p.stat().st_size for p in (root / "big.db.blobs").iterdir())
    return {
        "attachments": n,
        "write_s": round(write_s, 2),
        "blob_gib": round(blob_bytes / 2**30, 2),
        "db_mib": round((root / "big.db").stat().st_size / 2**20, 2),
    }


def phase_openclose(root: Path, name: str) -> dict:
    """Open with the key (KDF outside the timer), one small change, clean close; RUNS times."""
    from dossier.core.model import Case
    from dossier.crypto import keyheader
    from dossier.services.dossier import Dossier
    from dossier.store.engine import key_header_path
    from dossier.store.store import Store

    path = root / name
    opens, closes, idle_closes = [], [], []
    for i in range(RUNS):
        hdr = keyheader.read_header(key_header_path(path))
        key = keyheader.unlock(hdr, PASS)
        t = time.perf_counter()
        st = Store.open_with_key(path, hdr, key)
        opens.append(time.perf_counter() - t)
        d = Dossier(st)
        if i % 2 == 0:  # alternate: a close after a change (seals) and one without
            d.add_case(Case(name=f"bench case {i}"))
            t = time.perf_counter()
            d.close()
            closes.append(time.perf_counter() - t)
        else:
            t = time.perf_counter()
            d.close()
            idle_closes.append(time.perf_counter() - t)
    return {
        "open_s": round(statistics.median(opens), 3),
        "open_max_s": round(max(opens), 3),
        "close_after_change_s": round(statistics.median(closes), 3),
        "close_max_s": round(max(closes + idle_closes), 3),
        "close_unchanged_s": round(statistics.median(idle_closes), 3),
    }


def phase_seal_digest(root: Path) -> dict:
    """The old design's cost: HMAC-SHA256 over N GiB read from disk (the seal's own code)."""
    from dossier.store import seal

    key = os.urandom(32)
    t = time.perf_counter()
    for p in (root / "big.db.blobs").iterdir():
        seal.digest(p, key)
    return {"seal_digest_s": round(time.perf_counter() - t, 2)}


def main(gib: float | None = None) -> dict:
    os.environ.setdefault("DOSSIER_KDF_FAST", "1")
    gib = gib or float(os.environ.get("DOSSIER_BENCH_BLOB_GIB", "5"))
    root = Path(tempfile.mkdtemp(prefix="bench-blobs-", dir=os.environ.get("DOSSIER_BENCH_DIR")))
    try:
        build = run_child("bench_blobs", "--phase", "build", str(root), str(gib))
        print(
            f"blobs: {build['attachments']} attachments, {build['blob_gib']} GiB of blobs "
            f"(written in {build['write_s']} s), database {build['db_mib']} MiB",
            flush=True,
        )
        big = run_child("bench_blobs", "--phase", "openclose", str(root), "big.db")
        empty = run_child("bench_blobs", "--phase", "openclose", str(root), "empty.db")
        old = run_child("bench_blobs", "--phase", "seal", str(root))
        res = {
            "gib": build["blob_gib"],
            "attachments": build["attachments"],
            "write_s": build["write_s"],
            "write_mib_s": round(build["blob_gib"] * 1024 / build["write_s"], 1),
            "db_mib": build["db_mib"],
            "open_s": big["open_s"],
            "open_max_s": big["open_max_s"],
            "close_s": big["close_after_change_s"],
            "close_unchanged_s": big["close_unchanged_s"],
            "close_max_s": big["close_max_s"],
            "open_empty_s": empty["open_s"],
            "close_empty_s": empty["close_after_change_s"],
            "seal_digest_s": old["seal_digest_s"],
            "peak_rss_mib_openclose": big["peak_rss_mib"],
        }
        print(
            f"  open after KDF {res['open_s']} s (max {res['open_max_s']}; empty store {res['open_empty_s']} s); "
            f"clean close after a change {res['close_s']} s (empty store {res['close_empty_s']} s), "
            f"unchanged {res['close_unchanged_s']} s (goal < 0.5 s each)",
            flush=True,
        )
        print(
            f"  the old design (seal over the attachments' bytes) would add {res['seal_digest_s']} s to each "
            f"sealed open and each close after a change",
            flush=True,
        )
        return res
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--phase"]:
        kind, where = sys.argv[2], Path(sys.argv[3])
        phases = {
            "build": lambda: phase_build(where, float(sys.argv[4])),
            "openclose": lambda: phase_openclose(where, sys.argv[4]),
            "seal": lambda: phase_seal_digest(where),
        }
        emit(phases[kind]())
    else:
        main()
