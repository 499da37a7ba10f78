"""Benchmark: a share file with ~1 GB of attachments, exported and imported, against the
`age` command-line tool encrypting and decrypting the same bytes in the same run.

What is measured (goals from issues 5 and 13: export within 1.5x of `age -r`, import
within 2.0x of `age -d` + fsync, memory flat):
* export: `sharing.export_share` from store A (SQLCipher read, hash, sign, age-encrypt,
  atomic write) vs `age -r` over the same attachment bytes;
* import: `sharing.preview_share` + `apply_share` into store B (ONE streaming pass that
  decrypts, verifies and seals each attachment into a staged blob, fsynced; then the
  transaction that adopts the staged blobs and writes the records) vs `age -d` of age's
  own file into a file, fsynced (issue 13: the import writes durably, so the baseline
  does too; `age -d` to /dev/null is kept as a second figure);
* the store alone: writing the attachments into A (setup) and reading them back, the
  floor under an import and an export;
* memory: each phase is its own process (setup, read, export, import, and the age runs),
  so each has its own peak (ru_maxrss via wait4); within export and import a sampling
  thread also gives the rise above the process's RSS before the operation;
* CPU: the process CPU seconds (all threads) of export and import, and of the age runs
  (from their rusage): on a shared machine wall time stretches with the load, CPU time
  much less.

    .venv/bin/python -m benchmarks.bench_share            # 1 GB (1024 MiB)
    DOSSIER_BENCH_SHARE_MB=64 .venv/bin/python -m benchmarks.bench_share
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from .harness import emit, run_child, run_process

FILE_MB = 64
PASS_A, PASS_B = "bench passphrase A", "bench passphrase B"


class PeakRss:
    """Peak resident memory while the block runs, sampled from /proc/self/statm."""

    def __init__(self) -> None:
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.base = self.peak = self._rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _rss(self) -> int:
        try:
            with open("/proc/self/statm") as fh:
                return int(fh.read().split()[1]) * self.page
        except OSError:  # not Linux: fall back to the lifetime peak
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, self._rss())

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())

    @property
    def delta_mib(self) -> float:
        return (self.peak - self.base) / 2**20


def timed(fn, *args, **kw):
    with PeakRss() as mem:
        t, c = time.perf_counter(), time.process_time()
        result = fn(*args, **kw)
        elapsed = time.perf_counter() - t
        mem.cpu_s = time.process_time() - c
    return result, elapsed, mem


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cpu_of(run, *args, **kw):
    """`harness.run_process` and the CPU seconds the process used (its rusage, reaped
    by wait4, lands in this process's RUSAGE_CHILDREN)."""
    before = _children_cpu()
    out = run(*args, **kw)
    return (*out, _children_cpu() - before)


# --- phases (each in its own process; state in ROOT/state.json) ---------------------------


def _open(root: Path, which: str):
    from dossier.services.dossier import Dossier

    return Dossier.open(root / f"{which}.db", PASS_A if which == "a" else PASS_B)


def phase_setup(root: Path, total_mb: int) -> dict:
    """Stores A and B with identities that know each other, the attachment files, and
    the files stored into A (timed: the store's write speed)."""
    from dossier.core.model import Case, Event, Source
    from dossier.services import sharing
    from dossier.services.dossier import Dossier

    a = Dossier.create(root / "a.db", PASS_A)
    b = Dossier.create(root / "b.db", PASS_B)
    ia, ib = sharing.create_identity(a), sharing.create_identity(b)
    sharing.add_contact(a, "bob", ib.recipient, ib.signing_key, True)
    sharing.add_contact(b, "alice", ia.recipient, ia.signing_key, True)
    files, left, i = [], total_mb, 0
    while left > 0:
        mb = min(FILE_MB, left)
        f = root / f"scan-{i:03d}.bin"
        with open(f, "wb") as fh:
            for _ in range(mb):
                fh.write(os.urandom(1 << 20))
        files.append(str(f))
        left, i = left - mb, i + 1
    src = a.add_source(Source(title="Court documents", url="https://example.org/court"))
    t = time.perf_counter()
    for f in files:
        a.add_attachment(src.id, Path(f))
    write_s = time.perf_counter() - t
    case = a.add_case(Case(name="Wang Quanzhang", tags=["bench"]))
    a.add_event(case.id, Event(type="trial", date="2018-12-26", source_ids=[src.id]))
    ident = sharing.export_age_identity(b, root / "bob.key")
    state = {
        "files": files,
        "source_id": src.id,
        "case_id": case.id,
        "recipient_b": ib.recipient,
        "identity_b": str(ident),
        "bytes": sum(Path(f).stat().st_size for f in files),
    }
    (root / "state.json").write_text(json.dumps(state))
    a.close()
    b.close()
    return {"write_s": round(write_s, 2), "files": len(files), "bytes": state["bytes"]}


def phase_read(root: Path) -> dict:
    from dossier.share import local

    st = json.loads((root / "state.json").read_text())
    a = _open(root, "a")
    try:

        def read_all() -> int:
            with a.store.read() as s:
                return sum(
                    len(b)
                    for att in a.get_source(st["source_id"]).attachments
                    for b in local.attachment_chunks(s, att.id)
                )

        n, seconds, mem = timed(read_all)
    finally:
        a.close()
    return {"read_s": round(seconds, 2), "bytes_read": n, "rss_rise_mib": round(mem.delta_mib, 1)}


def phase_export(root: Path) -> dict:
    from dossier.services import sharing

    st = json.loads((root / "state.json").read_text())
    a = _open(root, "a")
    try:
        rep, seconds, mem = timed(
            sharing.export_share, a, root / "bench.age", [st["case_id"]], to=["bob"]
        )
    finally:
        a.close()
    return {
        "export_s": round(seconds, 2),
        "export_cpu_s": round(mem.cpu_s, 2),
        "file_bytes": rep.bytes,
        "rss_rise_mib": round(mem.delta_mib, 1),
    }


def phase_import(root: Path) -> dict:
    from dossier.services import sharing

    b = _open(root, "b")
    try:
        pending, t_check, m_check = timed(sharing.preview_share, b, root / "bench.age")
        _rep, t_apply, m_apply = timed(sharing.apply_share, b, pending)
    finally:
        b.close()
    return {
        "verify_s": round(t_check, 2),  # the one pass: decrypt, verify, stage the blobs
        "apply_s": round(t_apply, 2),  # the transaction: adopt the blobs, write the records
        "import_s": round(t_check + t_apply, 2),
        "import_cpu_s": round(m_check.cpu_s + m_apply.cpu_s, 2),
        "rss_rise_mib": round(max(m_check.delta_mib, m_apply.delta_mib), 1),
    }


# --- the benchmark ---------------------------------------------------------------------


def main(total_mb: int | None = None) -> dict:
    """Every phase in its own process, then age on the same bytes; the figures."""
    os.environ.setdefault("DOSSIER_KDF_FAST", "1")  # the benchmark is about sharing, not Argon2id
    total_mb = total_mb or int(os.environ.get("DOSSIER_BENCH_SHARE_MB", "1024"))
    age = shutil.which("age")
    root = Path(tempfile.mkdtemp(prefix="bench-share-", dir=os.environ.get("DOSSIER_BENCH_DIR")))
    try:
        setup = run_child("bench_share", "--phase", "setup", str(root), str(total_mb))
        mib = setup["bytes"] / 2**20
        print(
            f"share: {setup['files']} attachments, {mib:.0f} MiB (stored in {setup['write_s']:.1f} s)",
            flush=True,
        )
        read = run_child("bench_share", "--phase", "read", str(root))
        export = run_child("bench_share", "--phase", "export", str(root))
        print(
            f"  export: {export['export_s']:6.2f} s  {mib / export['export_s']:7.1f} MiB/s  "
            f"CPU {export['export_cpu_s']:.2f} s  "
            f"RSS +{export['rss_rise_mib']:.0f} MiB, peak {export['peak_rss_mib']:.0f} MiB",
            flush=True,
        )
        imp = run_child("bench_share", "--phase", "import", str(root))
        print(
            f"  import: {imp['import_s']:6.2f} s  {mib / imp['import_s']:7.1f} MiB/s  CPU {imp['import_cpu_s']:.2f} s  "
            f"(one pass: verify + stage {imp['verify_s']:.2f} s, apply {imp['apply_s']:.2f} s)  "
            f"RSS +{imp['rss_rise_mib']:.0f} MiB, peak {imp['peak_rss_mib']:.0f} MiB",
            flush=True,
        )
        print(
            f"  store alone: read {read['read_s']:.2f} s, write {setup['write_s']:.2f} s (the floor under "
            "export and import)",
            flush=True,
        )
        res = {
            "mib": round(mib, 1),
            "attachments": setup["files"],
            "write_s": setup["write_s"],
            "read_s": read["read_s"],
            "export_s": export["export_s"],
            "import_s": imp["import_s"],
            "export_cpu_s": export["export_cpu_s"],
            "import_cpu_s": imp["import_cpu_s"],
            "verify_s": imp["verify_s"],
            "apply_s": imp["apply_s"],
            "share_file_mib": round(export["file_bytes"] / 2**20, 1),
            "export_rss_rise_mib": export["rss_rise_mib"],
            "import_rss_rise_mib": imp["rss_rise_mib"],
            "peak_rss_mib_setup": setup["peak_rss_mib"],
            "peak_rss_mib_read": read["peak_rss_mib"],
            "peak_rss_mib_export": export["peak_rss_mib"],
            "peak_rss_mib_import": imp["peak_rss_mib"],
        }
        if age is None:
            print("  age CLI not found: no comparison", flush=True)
            res["age_note"] = "age CLI not found"
            return res
        st = json.loads((root / "state.json").read_text())
        files = [Path(f) for f in st["files"]]
        age_file = root / "age.age"
        enc_s, enc_peak, rc1, enc_cpu = cpu_of(
            run_process, [age, "-r", st["recipient_b"], "-o", str(age_file)], stdin_files=files
        )
        # The export writes durably too (its file is fsynced before the rename): the
        # same age file fsynced gives the durable baseline beside the plain one.
        t = time.perf_counter()
        with open(age_file, "rb+") as fh:
            os.fsync(fh.fileno())
        enc_fsync_s = enc_s + (time.perf_counter() - t)
        dec_s, dec_peak, rc2, dec_cpu = cpu_of(
            run_process, [age, "-d", "-i", st["identity_b"], "-o", os.devnull, str(age_file)]
        )
        ours_s, _p, rc3 = run_process(
            [age, "-d", "-i", st["identity_b"], "-o", os.devnull, str(root / "bench.age")]
        )
        # The import writes durably (each blob fsynced before its commit): so must the
        # baseline. age -d into a file on the same disk, then that file fsynced.
        plain_file = root / "age-plain.bin"
        file_s, _p, rc4, file_cpu = cpu_of(
            run_process, [age, "-d", "-i", st["identity_b"], "-o", str(plain_file), str(age_file)]
        )
        t, c = time.perf_counter(), time.process_time()
        with open(plain_file, "rb+") as fh:
            os.fsync(fh.fileno())
        dec_fsync_s = file_s + (time.perf_counter() - t)
        dec_fsync_cpu = file_cpu + (time.process_time() - c)
        plain_file.unlink()
        if rc1 or rc2 or rc3 or rc4:
            raise RuntimeError(f"age failed (exit codes {rc1}, {rc2}, {rc3}, {rc4})")
        res.update(
            {
                "age_encrypt_s": round(enc_s, 2),
                "age_decrypt_s": round(dec_s, 2),
                "age_decrypt_our_file_s": round(ours_s, 2),
                "peak_rss_mib_age_encrypt": round(enc_peak, 1),
                "peak_rss_mib_age_decrypt": round(dec_peak, 1),
                "age_decrypt_fsync_s": round(dec_fsync_s, 2),
                "age_encrypt_cpu_s": round(enc_cpu, 2),
                "age_decrypt_cpu_s": round(dec_cpu, 2),
                "age_decrypt_fsync_cpu_s": round(dec_fsync_cpu, 2),
                "export_ratio": round(export["export_s"] / enc_s, 2),
                "age_encrypt_fsync_s": round(enc_fsync_s, 2),
                "export_ratio_fsync": round(export["export_s"] / enc_fsync_s, 2),
                "import_ratio": round(imp["import_s"] / dec_s, 2),
                "import_ratio_fsync": round(imp["import_s"] / dec_fsync_s, 2),
            }
        )
        print(
            f"  age -r {enc_s:.2f} s, age -d {dec_s:.2f} s, age -d to a file + fsync {dec_fsync_s:.2f} s "
            f"(age -d of our share file {ours_s:.2f} s); CPU: age -r {enc_cpu:.2f} s, "
            f"age -d + fsync {dec_fsync_cpu:.2f} s"
        )
        print(
            f"  ratio export / age -r {res['export_ratio']:.2f}x (goal <= 1.5x; / age -r + fsync "
            f"{res['export_ratio_fsync']:.2f}x), import / (age -d + fsync) "
            f"{res['import_ratio_fsync']:.2f}x (goal <= 2.0x; / age -d to nowhere {res['import_ratio']:.2f}x); "
            f"(export - store read) / age -r "
            f"{(export['export_s'] - read['read_s']) / enc_s:.2f}x",
            flush=True,
        )
        return res
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--phase"]:
        kind, where = sys.argv[2], Path(sys.argv[3])
        phases = {
            "setup": lambda: phase_setup(where, int(sys.argv[4])),
            "read": lambda: phase_read(where),
            "export": lambda: phase_export(where),
            "import": lambda: phase_import(where),
        }
        emit(phases[kind]())
    else:
        main()
