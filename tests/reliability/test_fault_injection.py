"""SECURITY.md measure 7: writes, fsync and rename that fail after N bytes.

For every writer of a file the researcher relies on -- the key header, the atomic writer
under PDFs/share files/exports, the commit path of the store, the passphrase change,
the backup, `export-json`, the briefing PDF and the share file -- a clean run is counted
first (bytes written, fsyncs, renames under the folder), then the run is repeated with a
failure at each interesting point. After each failure: a DossierError (never a raw
OSError), the old file intact, no temp file left behind. SQLite's own C-level writes are
cut with RLIMIT_FSIZE in a child process.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dossier.core.errors import DossierError
from dossier.core.fileio import atomic_writer
from dossier.core.model import Case, Event
from dossier.crypto import keyheader
from dossier.crypto.kdf import MIN_PARAMS
from dossier.services import maintenance
from dossier.services.dossier import Dossier
from dossier.store import rollback_guard
from dossier.store.engine import key_header_path
from dossier.store.store import Store
from tests.reliability.faults import FailDevice

PASS = "fault injection passphrase 许志永"
NEW_PASS = "the new passphrase 丁家喜"


@dataclass
class Matrix:
    """Faults tried and what came of them; problems are asserted at the end."""

    name: str
    tried: int = 0
    clean_failures: int = 0
    survived: int = 0  # the fault hit a step whose failure is harmless (a folder fsync)
    problems: list[str] = field(default_factory=list)

    def report(self, figures) -> None:
        figures(
            "fault injection",
            injected_faults=self.tried,
            clean_failures=self.clean_failures,
            harmless=self.survived,
            problems=len(self.problems),
        )
        assert not self.problems, f"{self.name}: " + "; ".join(self.problems[:8])


def faults_for(clean: FailDevice, *, byte_points: int = 4) -> list[dict]:
    """The faults worth trying, from a clean run's counts."""
    b = clean.bytes_written
    points = sorted({0, 1, b // 2, b - 1} if b > 1 else {0})[:byte_points] if b else []
    out = [{"fail_after_bytes": n} for n in points]
    out += [{"fail_fsync_at": k} for k in range(1, clean.fsync_calls + 1)]
    out += [{"fail_replace_at": k} for k in range(1, clean.replace_calls + 1)]
    return out


def inject(
    m: Matrix,
    root: Path,
    reset: Callable[[], None],
    action: Callable[[], object],
    *,
    old_intact: Callable[[], str | None],
    new_whole: Callable[[], str | None],
    byte_points: int = 4,
    expect_leftovers: set[str] | None = None,
) -> None:
    """Run `action` once clean, then once per fault; check each outcome."""
    reset()
    with FailDevice(root) as clean:
        action()
    assert clean.bytes_written or clean.fsync_calls, (
        f"{m.name}: the writer touched nothing under {root}"
    )
    for fault in faults_for(clean, byte_points=byte_points):
        reset()
        before = _tree(root)
        m.tried += 1
        with FailDevice(root, **fault) as dev:
            try:
                action()
                error = None
            except DossierError as exc:
                error = exc
            except Exception as exc:  # noqa: BLE001 - this is what the test hunts for
                m.problems.append(f"{fault}: raw {type(exc).__name__}: {exc}")
                continue
        if error is None:
            why = new_whole()
            if dev.triggered is None or why:
                m.problems.append(f"{fault}: no error, yet {why or 'the fault never fired'}")
            else:
                m.survived += 1
            continue
        problem = old_intact()
        left = _tree(root) - before - (expect_leftovers or set())
        if problem:
            m.problems.append(f"{fault}: {problem}")
        elif left:
            m.problems.append(f"{fault}: left behind {sorted(left)}")
        elif "\n" in str(error) or not str(error).strip():
            m.problems.append(f"{fault}: unclear message {error!r}")
        else:
            m.clean_failures += 1


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def _restore(folder: Path, files: dict[str, bytes]) -> None:
    """Put the files back as they were: a deliberate restore, so the rollback guard is told."""
    for p in list(folder.iterdir()):
        if p.is_file() and p.name not in files:
            p.unlink()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    store = folder / "s.db"
    if key_header_path(store).exists():
        rollback_guard.forget(keyheader.read_header(key_header_path(store)).store_id, where=store)


def _store(folder: Path, cases: int = 3) -> tuple[Path, bytes, dict[str, bytes]]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "s.db"
    with Dossier.create(path, PASS) as d:
        for i in range(cases):
            c = d.add_case(Case(name=f"Fault case {i}"))
            d.add_event(c.id, Event(type="detention", date="2020-02-15"))
        key = d.store.data_key
    files = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    return path, key, files


def _open(path: Path, key: bytes) -> Dossier:
    return Dossier(Store.open_with_key(path, keyheader.read_header(key_header_path(path)), key))


def _opens(path: Path, key: bytes) -> str | None:
    try:
        d = _open(path, key)
    except DossierError as exc:
        return f"the store no longer opens: {exc}"
    try:
        return None if maintenance.verify(d).ok else "the store does not verify"
    finally:
        d.close()


# --- the key header -------------------------------------------------------------------------


def test_key_header_writer(tmp_path, figures):
    header, key = keyheader.create_header(PASS, MIN_PARAMS)
    path = tmp_path / "s.db.key"
    keyheader.write_header(path, header)
    old = path.read_bytes()
    newer = keyheader.with_counter(header, key, 7, "f" * 64)
    m = Matrix("key header")
    inject(
        m,
        tmp_path,
        lambda: path.write_bytes(old),
        lambda: keyheader.write_header(path, newer),
        old_intact=lambda: None if path.read_bytes() == old else "the old header changed",
        new_whole=lambda: (
            None if keyheader.read_header(path) == newer else "the new header is not whole"
        ),
        byte_points=8,
    )
    m.report(figures)


# --- the atomic writer (PDF, share, export, identity files) -------------------------------------


def test_atomic_writer_streaming_many_chunks(tmp_path, figures):
    path = tmp_path / "out.bin"
    old = b"the previous export " * 2000
    chunks = [bytes([i]) * 16384 for i in range(40)]
    new = b"".join(chunks)

    def write() -> None:
        with atomic_writer(path) as fh:
            for c in chunks:
                fh.write(c)

    m = Matrix("atomic writer")
    inject(
        m,
        tmp_path,
        lambda: path.write_bytes(old),
        write,
        old_intact=lambda: None if path.read_bytes() == old else "the old file changed",
        new_whole=lambda: None if path.read_bytes() == new else "the new file is not whole",
        byte_points=4,
    )
    m.report(figures)


# --- the store's commit path and the passphrase change ------------------------------------------


def test_commit_whose_header_write_fails(tmp_path, figures):
    """The commit is durable before the header is written: a failed header write must be
    a DossierError, and the store must still open (one commit ahead, repaired on open)."""
    path, key, files = _store(tmp_path / "s")
    m = Matrix("store commit")
    names: list[str] = []

    def action() -> None:
        d = _open(path, key)
        try:
            name = f"added under fault {len(names)}"
            names.append(name)
            d.add_case(Case(name=name))
        finally:
            d.store.close(checkpoint_wal=False)

    inject(
        m,
        path.parent,
        lambda: _restore(path.parent, files),
        action,
        old_intact=lambda: _opens(path, key),
        new_whole=lambda: _opens(path, key),
    )
    m.report(figures)


def test_two_failed_header_writes_in_a_row_do_not_brick_the_store(tmp_path):
    path, key, _files = _store(tmp_path / "s")
    d = _open(path, key)
    try:
        for i in range(2):
            with FailDevice(path.parent, fail_fsync_at=1), pytest.raises(DossierError):
                d.add_case(Case(name=f"saved while the disk was failing {i}"))
    finally:
        d.store.close(checkpoint_wal=False)
    assert _opens(path, key) is None


def test_passphrase_change(tmp_path, figures):
    path, key, files = _store(tmp_path / "s", cases=1)
    m = Matrix("passphrase change")

    def action() -> None:
        d = _open(path, key)
        try:
            maintenance.change_passphrase(d, NEW_PASS, MIN_PARAMS)
        finally:
            d.store.close(checkpoint_wal=False)

    def works(p: str) -> bool:
        try:
            keyheader.unlock(keyheader.read_header(key_header_path(path)), p)
            return True
        except DossierError:
            return False

    inject(
        m,
        path.parent,
        lambda: _restore(path.parent, files),
        action,
        old_intact=lambda: (
            None
            if works(PASS) and not works(NEW_PASS)
            else "the old passphrase no longer (only) works"
        ),
        new_whole=lambda: (
            None
            if works(NEW_PASS) and not works(PASS)
            else "the new passphrase does not (only) work"
        ),
        byte_points=2,
    )
    m.report(figures)


# --- backup ---------------------------------------------------------------------------------


def _backup_case(tmp_path: Path, existing: bool):
    path, key, files = _store(tmp_path / "s")
    outdir = tmp_path / "out"
    outdir.mkdir()
    out = outdir / "b.db"
    if existing:
        with _open(path, key) as d:
            maintenance.backup(d, out)
            d.add_case(Case(name="after the first backup"))
            d.add_case(Case(name="and another"))
        files = {p.name: p.read_bytes() for p in path.parent.iterdir() if p.is_file()}
    out_files = {p.name: p.read_bytes() for p in outdir.iterdir()}

    def reset() -> None:
        _restore(path.parent, files)
        _restore(outdir, out_files)

    def action() -> None:
        d = _open(path, key)
        try:
            maintenance.backup(d, out)
        finally:
            d.store.close(checkpoint_wal=False)

    return path, key, out, out_files, reset, action


def test_backup_to_a_new_file(tmp_path, figures):
    """A failed backup leaves no backup -- and no stray key header claiming there is one."""
    path, key, out, _files, reset, action = _backup_case(tmp_path, existing=False)
    m = Matrix("backup (new file)")
    inject(
        m,
        tmp_path,
        reset,
        action,
        old_intact=lambda: "a backup file was left" if out.exists() else None,
        new_whole=lambda: _opens(out, key),
    )
    m.report(figures)


def test_failed_backup_leaves_no_stray_key_header(tmp_path):
    path, key, out, _files, reset, action = _backup_case(tmp_path, existing=False)
    reset()
    with FailDevice(tmp_path, fail_replace_at=2), pytest.raises(DossierError):
        action()
    assert not key_header_path(out).exists()


def test_failed_backup_over_an_old_one_leaves_the_old_one_whole(tmp_path):
    path, key, out, out_files, reset, action = _backup_case(tmp_path, existing=True)
    reset()
    with FailDevice(tmp_path, fail_replace_at=2), pytest.raises(DossierError):
        action()
    assert _opens(out, key) is None


def test_backup_over_an_old_one_fails_cleanly_before_the_header(tmp_path, figures):
    """Faults up to (and including) the key header write keep the old backup whole."""
    path, key, out, out_files, reset, action = _backup_case(tmp_path, existing=True)
    m = Matrix("backup (over an old one)")
    for fault in (
        {"fail_fsync_at": 1},
        {"fail_after_bytes": 0},
        {"fail_after_bytes": 100},
        {"fail_replace_at": 1},
    ):
        reset()
        m.tried += 1
        with FailDevice(tmp_path, **fault), pytest.raises(DossierError):
            action()
        problem = _opens(out, key)
        if problem or {p.name for p in out.parent.iterdir() if not p.name.endswith(".lock")} != set(
            out_files
        ):
            m.problems.append(f"{fault}: {problem or 'files changed'}")
        else:
            m.clean_failures += 1
    m.report(figures)


def _limited(limit: int) -> Callable[[], None]:
    def preexec() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of death
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


@pytest.mark.parametrize("command", ["backup", "export-json"])
def test_sqlite_and_cli_writers_when_the_disk_fills(tmp_path, command, figures):
    """RLIMIT_FSIZE cuts every write (SQLite's too) past N bytes -- N above what the store
    itself needs (its 32 KiB shared-memory file), below what the output needs: exit 1,
    one line, the older file kept, nothing left behind."""
    path, key, _files = _store(tmp_path / "s", cases=0)
    with _open(path, key) as d:
        for i in range(40):
            d.add_case(Case(name=f"Disk case {i}", summary=f"summary {i} " * 200))
    size = path.stat().st_size
    outdir = tmp_path / "out"
    outdir.mkdir()
    out = outdir / ("b.db" if command == "backup" else "e.json")
    out.write_bytes(b"an older file the researcher keeps")
    env = dict(os.environ, DOSSIER_PASSPHRASE=PASS, DOSSIER_KDF_FAST="1")
    m = Matrix(f"{command} with a full disk")
    limits = (33_000, 33_000 + (size - 33_000) // 2) if command == "backup" else (33_000, 34_000)
    for limit in limits:
        m.tried += 1
        res = subprocess.run(
            [sys.executable, "-m", "dossier", command, "-o", str(out), "--store", str(path)],
            capture_output=True,
            text=True,
            env=env,
            preexec_fn=_limited(limit),
            timeout=120,
        )
        err = [line for line in res.stderr.strip().splitlines() if "warning" not in line]
        left = sorted(p.name for p in outdir.iterdir() if p.name != out.name)
        if (
            res.returncode != 1
            or len(err) != 1
            or "Traceback" in res.stderr
            or "internal error" in res.stderr
        ):
            m.problems.append(f"limit {limit}: exit {res.returncode}: {res.stderr.strip()[-300:]}")
        elif out.read_bytes() != b"an older file the researcher keeps":
            m.problems.append(f"limit {limit}: the old file changed")
        elif left:
            m.problems.append(f"limit {limit}: left behind {left}")
        else:
            m.clean_failures += 1
        assert _opens(path, key) is None
    m.report(figures)


def test_sqlite_io_errors_become_dossier_errors(tmp_path):
    import sqlcipher3

    from dossier.store.engine import classify

    for message in (
        "disk I/O error",
        "unable to open database file",
        "attempt to write a readonly database",
    ):
        assert isinstance(classify(sqlcipher3.OperationalError(message)), DossierError), message
    path, _key, _files = _store(tmp_path / "s", cases=30)
    env = dict(os.environ, DOSSIER_PASSPHRASE=PASS, DOSSIER_KDF_FAST="1")
    for limit, argv in ((4096, ["list"]), (40_000, ["backup", "-o", str(tmp_path / "b.db")])):
        res = subprocess.run(
            [sys.executable, "-m", "dossier", *argv, "--store", str(path)],
            capture_output=True,
            text=True,
            env=env,
            preexec_fn=_limited(limit),
            timeout=120,
        )
        assert res.returncode == 1 and "internal error" not in res.stderr, res.stderr


# --- export-json, briefing PDF, share file (through their real entry points) --------------------


def test_export_json_command(tmp_path, monkeypatch, capsys, figures):
    from dossier.cli import main

    path, key, _files = _store(tmp_path / "s")
    outdir = tmp_path / "out"
    outdir.mkdir()
    out = outdir / "export.json"
    old = b'{"an": "older export"}'
    monkeypatch.setenv("DOSSIER_PASSPHRASE", PASS)
    m = Matrix("export-json")
    codes: list[int] = []

    def action() -> None:
        capsys.readouterr()
        code = main(["export-json", "-o", str(out), "--store", str(path)])
        codes.append(code)
        if code:
            lines = capsys.readouterr().err.strip().splitlines()
            raise DossierError("\n".join(x for x in lines if "warning" not in x))

    inject(
        m,
        outdir,
        lambda: out.write_bytes(old),
        action,
        old_intact=lambda: None if out.read_bytes() == old else "the old export changed",
        new_whole=lambda: (
            None if out.read_bytes().startswith(b"{") and out.read_bytes() != old else "not whole"
        ),
        byte_points=3,
    )
    assert set(codes) <= {0, 1}, codes
    m.report(figures)


def test_briefing_pdf_writer(tmp_path, figures):
    pytest.importorskip("dossier.briefing.packet")
    from dossier.briefing.packet import BriefingOptions, build_packet

    path, key, _files = _store(tmp_path / "s", cases=2)
    with _open(path, key) as d:
        cases = [d.get_case(cid) for cid in d.all_case_ids()]
        sources = d.sources()
    outdir = tmp_path / "out"
    outdir.mkdir()
    out = outdir / "briefing.pdf"
    old = b"%PDF-1.4 an older briefing"
    m = Matrix("briefing PDF")
    inject(
        m,
        outdir,
        lambda: out.write_bytes(old),
        lambda: build_packet(cases, sources, BriefingOptions(audience="internal"), out),
        old_intact=lambda: None if out.read_bytes() == old else "the old PDF changed",
        new_whole=lambda: (
            None if out.read_bytes().rstrip().endswith(b"%%EOF") else "the new PDF is not whole"
        ),
        byte_points=3,
    )
    m.report(figures)


def test_share_file_writer(tmp_path, figures):
    pytest.importorskip("dossier.services.sharing")
    from dossier.services import sharing

    path, key, files = _store(tmp_path / "s", cases=2)
    with _open(path, key) as d:
        me = sharing.create_identity(d).recipient
    files = {p.name: p.read_bytes() for p in path.parent.iterdir() if p.is_file()}
    outdir = tmp_path / "out"
    outdir.mkdir()
    out = outdir / "cases.dshare"
    old = b"age-encryption.org/v1 an older share"
    m = Matrix("share file")

    def reset() -> None:
        _restore(path.parent, files)
        out.write_bytes(old)

    def action() -> None:
        d = _open(path, key)
        try:
            sharing.export_share(d, out, None, to=[me])
        finally:
            d.store.close(checkpoint_wal=False)

    inject(
        m,
        outdir,
        reset,
        action,
        old_intact=lambda: None if out.read_bytes() == old else "the old share file changed",
        new_whole=lambda: (
            None if out.read_bytes().startswith(b"age-encryption.org/v1\n") else "not whole"
        ),
        byte_points=3,
    )
    m.report(figures)


def test_fault_device_counts_and_restores(tmp_path):
    """The tool itself: it counts only under its folder and puts everything back."""
    original = (os.write, os.fsync, os.replace, open)
    inside, outside = tmp_path / "in", tmp_path.parent / f"{tmp_path.name}-outside"
    inside.mkdir()
    outside.mkdir(exist_ok=True)
    with FailDevice(inside, fail_after_bytes=10) as dev:
        with open(outside / "x", "wb") as fh:
            fh.write(b"y" * 100)  # not under the root: untouched
        with pytest.raises(OSError), open(inside / "x", "wb") as fh:
            fh.write(b"z" * 100)
    assert dev.triggered == "write" and dev.bytes_written == 10
    assert (inside / "x").read_bytes() == b"z" * 10  # a short write, as a full disk does
    assert (os.write, os.fsync, os.replace, open) == original
    shutil.rmtree(outside)


def test_attachment_blob_write_that_fails_commits_nothing_and_leaves_no_file(tmp_path, figures):
    """A blob's write, fsync or rename failing (issue 13): a clear DossierError, no row,
    no file in the blob folder, the other attachments whole."""
    from dossier.core.model import Source

    path, key, _files = _store(tmp_path / "s", cases=1)
    doc = tmp_path / "scan.pdf"
    doc.write_bytes(os.urandom(300_000))
    with _open(path, key) as d:
        kept = d.add_source(Source(title="kept"), [doc])
        src = d.add_source(Source(title="target")).id
    folder = path.with_name(path.name + ".blobs")
    before = sorted(os.listdir(folder))
    m = Matrix("attachment blob")
    for fault in (
        {"fail_after_bytes": 0},
        {"fail_after_bytes": 100},
        {"fail_after_bytes": 200_000},
        {"fail_fsync_at": 1},
        {"fail_replace_at": 1},
    ):
        m.tried += 1
        d = _open(path, key)
        try:
            with FailDevice(folder, **fault), pytest.raises(DossierError):
                d.add_attachment(src, doc)
            problem = None
            if sorted(os.listdir(folder)) != before:
                problem = "files left in the blob folder"
            elif d.get_source(src).attachments:
                problem = "a row was committed"
            elif d.attachment_bytes(kept.attachments[0].id) != doc.read_bytes():
                problem = "another attachment changed"
        finally:
            d.close()
        if problem:
            m.problems.append(f"{fault}: {problem}")
        else:
            m.clean_failures += 1
    m.report(figures)
