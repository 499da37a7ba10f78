"""Benchmark: a share file with ~1 GB of attachments, exported and imported, against the
`age` command-line tool encrypting and decrypting the same bytes in the same run.

What is measured (goal from issue 5: within 1.5x of age, memory flat):
* export: `sharing.export_share` from store A (SQLCipher read, hash, sign, age-encrypt,
  atomic write) vs `age -r` over the same attachment bytes;
* import: `sharing.preview_share` + `apply_share` into store B (two streaming passes:
  verify, then verify again while writing into SQLCipher in one transaction) vs
  `age -d` of age's own file;
* peak RSS of each phase above the process's RSS before it (a sampling thread reads
  /proc/self/statm every 5 ms; `resource.getrusage` gives the lifetime peak too).

    .venv/bin/python benchmarks/bench_share.py            # 1 GB (1024 MiB)
    DOSSIER_BENCH_SHARE_MB=64 .venv/bin/python benchmarks/bench_share.py
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("DOSSIER_KDF_FAST", "1")  # the benchmark is about sharing, not Argon2id

from dossier.core.model import Case, Event, Source  # noqa: E402
from dossier.services import sharing  # noqa: E402
from dossier.services.dossier import Dossier  # noqa: E402
from dossier.share import local  # noqa: E402

FILE_MB = 64


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
        t = time.perf_counter()
        result = fn(*args, **kw)
        elapsed = time.perf_counter() - t
    return result, elapsed, mem


def age_time(args: list[str], files: list[Path] | None = None, stdin_path: Path | None = None) -> float:
    """Wall time of the age CLI, its input streamed from `files` (concatenated)."""
    t = time.perf_counter()
    if files is not None:
        proc = subprocess.Popen(args, stdin=subprocess.PIPE)
        for f in files:
            with open(f, "rb") as fh:
                shutil.copyfileobj(fh, proc.stdin, 1 << 20)
        proc.stdin.close()
        rc = proc.wait()
    else:
        with open(stdin_path, "rb") as fh:
            rc = subprocess.run(args, stdin=fh).returncode
    if rc != 0:
        raise SystemExit(f"age failed ({rc})")
    return time.perf_counter() - t


def main() -> int:
    total_mb = int(os.environ.get("DOSSIER_BENCH_SHARE_MB", "1024"))
    age = shutil.which("age")
    root = Path(tempfile.mkdtemp(prefix="bench-share-", dir=os.environ.get("DOSSIER_BENCH_DIR")))
    try:
        a = Dossier.create(root / "a.db", "bench passphrase A")
        b = Dossier.create(root / "b.db", "bench passphrase B")
        ia, ib = sharing.create_identity(a), sharing.create_identity(b)
        sharing.add_contact(a, "bob", ib.recipient, ib.signing_key, True)
        sharing.add_contact(b, "alice", ia.recipient, ia.signing_key, True)
        files = []
        left = total_mb
        i = 0
        while left > 0:
            mb = min(FILE_MB, left)
            f = root / f"scan-{i:03d}.bin"
            with open(f, "wb") as fh:
                for _ in range(mb):
                    fh.write(os.urandom(1 << 20))
            files.append(f)
            left -= mb
            i += 1
        nbytes = sum(f.stat().st_size for f in files)
        src = a.add_source(Source(title="Court documents", url="https://example.org/court"))
        t = time.perf_counter()
        for f in files:
            a.add_attachment(src.id, f)
        setup = time.perf_counter() - t
        case = a.add_case(Case(name="Wang Quanzhang", tags=["bench"]))
        a.add_event(case.id, Event(type="trial", date="2018-12-26", source_ids=[src.id]))
        print(f"dossier share benchmark: {len(files)} attachments, {nbytes / 2**20:.0f} MiB "
              f"(stored in {setup:.1f} s)")  # fmt: skip

        def read_all() -> int:  # the store's own read speed: the floor under an export
            with a.store.read() as s:
                return sum(len(b) for att in a.get_source(src.id).attachments
                           for b in local.attachment_chunks(s, att.id))  # fmt: skip

        _n, t_read, _m = timed(read_all)
        share = root / "bench.age"
        rep, t_export, m_export = timed(sharing.export_share, a, share, [case.id], to=["bob"])
        pending, t_check, m_check = timed(sharing.preview_share, b, share)
        _rep, t_apply, m_apply = timed(sharing.apply_share, b, pending)
        t_import = t_check + t_apply
        lifetime = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"export: {t_export:6.2f} s  {nbytes / 2**20 / t_export:7.1f} MiB/s  "
              f"peak RSS +{m_export.delta_mib:6.1f} MiB  ({rep.bytes / 2**20:.0f} MiB file)")
        print(f"import: {t_import:6.2f} s  {nbytes / 2**20 / t_import:7.1f} MiB/s  "
              f"peak RSS +{max(m_check.delta_mib, m_apply.delta_mib):6.1f} MiB  "
              f"(verify {t_check:.2f} s + apply {t_apply:.2f} s)")
        print(f"store alone: read {t_read:6.2f} s, write {setup:6.2f} s  (SQLCipher; the floor "
              "under export and import)")
        print(f"lifetime peak RSS of this process: {lifetime:.0f} MiB")
        if age is None:
            print("age CLI not found: no comparison")
            return 0
        age_file = root / "age.age"
        t_age_enc = age_time([age, "-r", ib.recipient, "-o", str(age_file)], files=files)
        ident = sharing.export_age_identity(b, root / "bob.key")
        t_age_dec = age_time([age, "-d", "-i", str(ident), "-o", os.devnull], stdin_path=age_file)
        t_age_dec_ours = age_time([age, "-d", "-i", str(ident), "-o", os.devnull], stdin_path=share)
        print(f"age -r (encrypt the same bytes): {t_age_enc:6.2f} s")
        print(f"age -d (decrypt them):           {t_age_dec:6.2f} s   "
              f"(age -d of our share file: {t_age_dec_ours:.2f} s)")
        print(f"ratio export / age encrypt: {t_export / t_age_enc:5.2f}x  (goal <= 1.5x)")
        print(f"ratio import / age decrypt: {t_import / t_age_dec:5.2f}x  "
              f"(import decrypts twice and writes into SQLCipher)")
        print(f"ratio (export - store read) / age encrypt: {(t_export - t_read) / t_age_enc:5.2f}x  "
              "(the part of an export that is not SQLCipher reading)")
        print(f"ratio export / (store read + age encrypt): {t_export / (t_read + t_age_enc):5.2f}x;  "
              f"import / (store write + 2 x age decrypt): "
              f"{t_import / (setup + 2 * t_age_dec):5.2f}x")
        print(f"memory: export +{m_export.delta_mib:.0f} MiB, import "
              f"+{max(m_check.delta_mib, m_apply.delta_mib):.0f} MiB for {nbytes / 2**20:.0f} MiB "
              "of attachments (flat: independent of the share's size)")
        a.close()
        b.close()
        return 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
