"""core.fileio: atomic writes, the one place temp names are made, and the sweep of the
temp files a killed process left (the store's at open, a backup's before the next one)."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.core import fileio
from dossier.core.errors import DossierError
from dossier.core.fileio import (
    atomic_writer,
    part_path,
    process_alive,
    process_started,
    sweep_parts,
)

OLD = time.time() - 3600


def _dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    out = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout)


def _make(path: Path, *, old: bool = True) -> Path:
    path.write_bytes(b"x")
    if old:
        os.utime(path, (OLD, OLD))
    return path


def test_part_path_is_a_hidden_sibling():
    assert part_path(Path("/a/b/s.db"), "1234") == Path("/a/b/.s.db.1234.part")
    assert part_path("s.db.key", "abcd_123") == Path(".s.db.key.abcd_123.part")


def test_atomic_writer_goes_through_a_part_file_and_replaces_at_the_end(tmp_path):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    with atomic_writer(target, mode=0o640) as fh:
        fh.write(b"new")
        (tmp,) = [p for p in tmp_path.iterdir() if p != target]
        assert re.fullmatch(r"\.out\.pdf\.[a-z0-9_]{8}\.part", tmp.name)
        assert target.read_bytes() == b"old"  # untouched until the block ends
        # a sweep at this moment (another program opening the store) leaves it alone
        assert sweep_parts(tmp_path, ["out.pdf"]) == []
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_atomic_writer_failure_keeps_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "keep.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_writer(target) as fh:
        fh.write(b"half")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.bin"]
    with pytest.raises(DossierError, match="does not exist"), atomic_writer(tmp_path / "no" / "x"):
        pass


def test_atomic_writer_never_reuses_a_taken_name(tmp_path, monkeypatch):
    """Exclusive creation: a name already there (a planted file or link) is skipped."""
    target = tmp_path / "t"
    decoy = tmp_path / "elsewhere"
    names = iter(["aaaaaaaa", "aaaaaaaa", "bbbbbbbb"])
    monkeypatch.setattr(fileio, "_random_tag", lambda: next(names))
    os.symlink(decoy, part_path(target, "aaaaaaaa"))
    with atomic_writer(target) as fh:
        fh.write(b"data")
    assert target.read_bytes() == b"data" and not decoy.exists()
    assert os.path.islink(part_path(target, "aaaaaaaa"))


def test_process_started_is_this_process_start():
    started = process_started()
    if not sys.platform.startswith("linux"):
        assert started is None or started <= time.time()
        return
    assert started is not None and started <= fileio._LOADED <= time.time()
    assert process_started() == started  # fixed for the life of the process
    child = subprocess.run(
        [sys.executable, "-c", "from dossier.core.fileio import process_started as p; print(p())"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert started < float(child.stdout) <= time.time()


def test_process_alive():
    assert process_alive(os.getpid())
    assert process_alive(os.getppid())
    assert not process_alive(_dead_pid())


def test_sweep_of_random_tags_takes_only_old_regular_files_of_our_names(tmp_path):
    stale = [".s.db.abcd_123.part", ".s.db.key.x1y2z3w4.part", ".s.db.key.new.q1w2e3r4.part"]
    kept = [
        ".s.db.part",  # no tag
        ".s.db.abc.part",  # a tag of the wrong length
        ".other.db.abcdefgh.part",  # another file's
        "s.db.abcdefgh.part",  # no leading dot
        ".s.db.abcdefgh.partial",
        ".s.db.ABCDEFGH.part",  # never made: capitals
        ".s.db.abcdefgh.part-wal",  # side files belong to process tags only
    ]
    for name in stale + kept:
        _make(tmp_path / name)
    fresh = _make(tmp_path / ".s.db.fresh123.part", old=False)  # a writer at work now
    (tmp_path / ".s.db.dir12345.part").mkdir()  # not a regular file
    os.utime(tmp_path / ".s.db.dir12345.part", (OLD, OLD))
    os.symlink(tmp_path / "s.db", tmp_path / ".s.db.link1234.part")
    names = ["s.db", "s.db.key", "s.db.key.new"]
    removed = sweep_parts(tmp_path, names)
    assert sorted(p.name for p in removed) == sorted(stale)
    left = {p.name for p in tmp_path.iterdir()}
    assert not left & set(stale) and set(kept) <= left
    assert {fresh.name, ".s.db.dir12345.part", ".s.db.link1234.part"} <= left
    assert sweep_parts(tmp_path, names) == []
    assert sweep_parts(tmp_path, []) == [] and sweep_parts(tmp_path / "gone", names) == []


def test_sweep_of_process_tags_takes_what_dead_processes_left(tmp_path):
    dead, live = _dead_pid(), os.getppid()
    stale = [f".b.db.{dead}.part", f".b.db.{dead}.part-wal", f".b.db.key.{dead}.part"]
    for name in stale:
        _make(tmp_path / name, old=False)  # age does not matter: the process is gone
    (tmp_path / f".b.db.blobs.{dead}.part").mkdir()
    _make(tmp_path / f".b.db.blobs.{dead}.part" / "blob")
    kept = [
        f".b.db.{live}.part",
        f".b.db.{os.getpid()}.part",
        f".other.db.{dead}.part",
        ".b.db.abcdefgh.part",  # an atomic writer's, not a process tag
        "notes.part",
    ]
    for name in kept:
        _make(tmp_path / name)
    os.symlink(tmp_path / "notes.part", tmp_path / f".b.db.key.{dead}.part-shm")
    removed = sweep_parts(tmp_path, ["b.db", "b.db.key", "b.db.blobs"], by_process=True)
    assert sorted(p.name for p in removed) == sorted([*stale, f".b.db.blobs.{dead}.part"])
    left = {p.name for p in tmp_path.iterdir()}
    assert set(kept) <= left and f".b.db.key.{dead}.part-shm" in left
    assert (tmp_path / "notes.part").exists()  # the link was not followed
